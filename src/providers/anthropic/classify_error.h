// Turns Anthropic's errors (HTTP error bodies and mid-stream `error` events) into GatewayErrors.
#pragma once

#include <string_view>

#include "core/gateway_error.h"

namespace sluice::providers::anthropic {

// The class for Anthropic's error.type (overloaded_error, rate_limit_error, ...); `fallback`
// when the type is missing or new.
ErrorClass class_for_error_type(std::string_view type, ErrorClass fallback);

// A non-2xx response {"type":"error","error":{"type","message"}}. 4xx keep the status and the
// message verbatim (clients such as Claude Code match on Anthropic's wording); 5xx and 529
// become server/overloaded errors whose message names the provider. Retry-After is kept.
GatewayError classify_error(std::string_view provider, int status, std::string_view retry_after,
                            std::string_view body);

// An `error` event received after a 200 (the stream was cut by the provider).
GatewayError stream_error(std::string_view type, std::string_view message);

}  // namespace sluice::providers::anthropic
