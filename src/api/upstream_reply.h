// What translated calls share around the upstream request: the credentials computed per request
// and the checks on a 200 answer they cannot read.
#pragma once

#include <optional>
#include <string_view>

#include "api/gateway.h"
#include "core/gateway_error.h"
#include "providers/adapter.h"
#include "routing/route.h"
#include "util/async.h"

namespace sluice::api {

// Adds the credentials that are not static headers: a Vertex AI OAuth2 token (fetched and
// cached process-wide) and the adapter's per-request signature (e.g. SigV4).
Awaitable<std::optional<GatewayError>> authorize_upstream_request(
    RequestContext& ctx, const routing::Route& route, const providers::ProviderAdapter& adapter,
    providers::EncodedRequest& encoded);

// A 200 answer the gateway cannot read: the provider is at fault, so 502 naming it.
GatewayError malformed_reply(const routing::Route& route, std::string_view why);

// True when the Content-Type header names `expected` (lower case; parameters such as charset
// ignored).
bool content_type_is(std::string_view header, std::string_view expected);

}  // namespace sluice::api
