// Reads an OpenAI chat-completions request body into the canonical ChatRequest, for upstreams
// that need translation (OpenAI-compatible upstreams get the caller's bytes instead).
#pragma once

#include <string_view>

#include "core/chat.h"
#include "core/result.h"

namespace sluice::providers::openai {

// Parses and validates `body`. Fields the canonical form has no place for are ignored; a field
// of the wrong shape is a bad_request error whose param names it (e.g. "messages[2].content").
Result<ChatRequest> read_chat_request(std::string_view body);

}  // namespace sluice::providers::openai
