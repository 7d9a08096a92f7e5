// Turns Bedrock's errors (HTTP error bodies and mid-stream exception messages) into
// GatewayErrors.
#pragma once

#include <string_view>

#include "core/gateway_error.h"

namespace sluice::providers::bedrock {

// The class for an AWS exception name, in either spelling (ThrottlingException from the
// x-amzn-ErrorType header or a body's __type, throttlingException from an event-stream
// :exception-type), with any "prefix#" or ":suffix" AWS adds ignored; `fallback` when unknown.
ErrorClass class_for_exception(std::string_view name, ErrorClass fallback);

// A non-2xx response; the body is {"message":"..."} (sometimes with "__type"). The class comes
// from the exception name when the body has one, else from the status: 400 bad_request (a too
// long input: context_length), 401/403 auth, 404 not_found, 408 timeout, 429 rate_limited,
// 503 overloaded, other 5xx server. 4xx keep the status and AWS's message; 5xx name the provider.
GatewayError classify_error(std::string_view provider, int status, std::string_view retry_after,
                            std::string_view body);

// An exception message received after a 200 (`type` is its :exception-type, `payload` its JSON
// body {"message":...}).
GatewayError stream_error(std::string_view provider, std::string_view type,
                          std::string_view payload);

}  // namespace sluice::providers::bedrock
