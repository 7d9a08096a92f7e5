// Turns an OpenAI-compatible provider's error response into a GatewayError.
#pragma once

#include <string_view>

#include "core/gateway_error.h"

namespace sluice::providers::openai {

// 4xx keep the provider's status and message verbatim (clients match on its wording);
// 5xx become server/overloaded/timeout errors whose message names the provider.
GatewayError classify_error(std::string_view provider, int status, std::string_view retry_after,
                            std::string_view body);

}  // namespace sluice::providers::openai
