// ChatRequest -> Bedrock Converse / ConverseStream request (pure: same input, same bytes).
#pragma once

#include <string>
#include <string_view>

#include "config/config.h"
#include "core/chat.h"
#include "core/result.h"
#include "providers/adapter.h"

namespace sluice::providers::bedrock {

// The Converse body (the model is in the path, not the body). Errors are bad_request naming the
// request field that cannot be translated (e.g. an https image URL).
Result<std::string> encode_body(const ChatRequest& request);

// Path (/model/{id}/converse or /converse-stream), body and the provider's static headers.
// Credentials are added later by sign_request (SigV4 needs the clock).
Result<EncodedRequest> encode_request(const ChatRequest& request, std::string_view model,
                                      const config::ProviderConfig& provider);

// The tool that carries the answer when the caller asked for JSON output (Converse has no JSON
// mode: a forced tool is the portable way); empty when the request does not ask for JSON.
std::string json_tool_name(const ChatRequest& request);

}  // namespace sluice::providers::bedrock
