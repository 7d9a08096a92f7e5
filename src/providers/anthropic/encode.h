// ChatRequest -> Anthropic Messages API request (pure: same input, same bytes).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "config/config.h"
#include "core/chat.h"
#include "core/result.h"
#include "providers/adapter.h"
#include "providers/anthropic/wire.h"

namespace sluice::providers::anthropic {

// What the caller's request does not say and Anthropic requires.
struct EncodeOptions {
  int64_t default_max_tokens = kDefaultMaxTokens;
};

// The request body for `model`. Errors are bad_request naming the request field that cannot be
// translated (e.g. an image URL that is neither https nor data:).
Result<std::string> encode_body(const ChatRequest& request, std::string_view model,
                                const EncodeOptions& options = {});

// Body, path and headers (key, anthropic-version, the provider's extra headers).
Result<EncodedRequest> encode_request(const ChatRequest& request, std::string_view model,
                                      const config::ProviderConfig& provider,
                                      const EncodeOptions& options = {});

// The tool that carries the answer when the caller asked for JSON output (Anthropic has no JSON
// mode: a forced tool call is the reliable way); empty when the request does not ask for JSON.
// Decoders turn this tool's input back into message text.
std::string json_tool_name(const ChatRequest& request);

// Thinking budget for OpenAI's reasoning_effort: 0 for none/empty, -1 for an unknown value.
int64_t thinking_budget(std::string_view reasoning_effort);

}  // namespace sluice::providers::anthropic
