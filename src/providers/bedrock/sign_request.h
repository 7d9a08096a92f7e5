// Adds AWS SigV4 credentials to an encoded Converse request (the adapter's sign() hook).
#pragma once

#include <optional>

#include "core/gateway_error.h"
#include "providers/adapter.h"

namespace sluice::providers::bedrock {

// Signs `request` for service bedrock in the provider's region at context.now: adds
// x-amz-date, x-amz-content-sha256, x-amz-security-token (when a session token is set) and
// Authorization. The signed path is context.base_path + request.path, as sent. Does nothing
// when the provider has no AWS access key but an api_key (sent as a bearer token); an internal
// error (naming the missing key, never a secret) when it has neither.
std::optional<GatewayError> sign_request(EncodedRequest& request, const SigningContext& context);

}  // namespace sluice::providers::bedrock
