// ChatRequest -> OpenAI chat-completions request, for callers whose own API is not OpenAI's
// (e.g. Anthropic Messages callers routed to an OpenAI-compatible upstream). Pure: the same
// request gives the same bytes, so a retry sends exactly what the first attempt sent.
#pragma once

#include <string>
#include <string_view>

#include "config/config.h"
#include "core/chat.h"
#include "core/result.h"
#include "providers/adapter.h"

namespace sluice::providers::openai {

// The body for `model`. Messages whose parts are all text are sent as one string (parts
// joined by a blank line): every OpenAI-compatible server accepts that, not all accept arrays.
// Images in tool results move to a user message right after the tool messages, as OpenAI's
// tool role takes text only. max_tokens (not max_completion_tokens) for the same reason of
// reach; streams always ask for usage. cache_control markers are not sent. Errors are
// bad_request naming the canonical field that cannot be translated.
Result<std::string> encode_chat_body(const ChatRequest& request, std::string_view model);

// Body, path and headers: the key as "authorization: Bearer <key>" (or raw in the provider's
// auth_header), then the provider's extra headers.
Result<EncodedRequest> encode_chat_request(const ChatRequest& request, std::string_view model,
                                           const config::ProviderConfig& provider);

}  // namespace sluice::providers::openai
