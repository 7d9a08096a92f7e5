// Turns Google's errors ({"error":{"code","message","status"}}, as an HTTP error body or inside
// a stream) into GatewayErrors.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/gateway_error.h"

namespace sluice::providers::gemini {

// The class for a google.rpc status name (RESOURCE_EXHAUSTED, UNAVAILABLE, ...) and HTTP
// status; a too-long prompt (INVALID_ARGUMENT about tokens or context) is context_length.
ErrorClass class_for(int status, std::string_view rpc_status, std::string_view message);

// A non-2xx response. 4xx keep the status and Google's message; 5xx become server, overloaded
// or timeout errors whose message names the provider. Retry-After is kept.
GatewayError classify_error(std::string_view provider, int status, std::string_view retry_after,
                            std::string_view body);

// An error object received inside a 200 stream.
GatewayError stream_error(std::string_view provider, int64_t code, std::string_view rpc_status,
                          std::string_view message);

}  // namespace sluice::providers::gemini
