// Reads an Anthropic Messages API request body (POST /v1/messages, as the official SDKs and
// Claude Code send it) into the canonical ChatRequest, so it can be routed to any provider.
#pragma once

#include <string_view>

#include "core/chat.h"
#include "core/result.h"

namespace sluice::providers::anthropic::inbound {

// Parses and validates `body`. `system` becomes a leading system message; tools, tool_choice,
// thinking (as reasoning_effort), stop_sequences and metadata.user_id map to their canonical
// fields; fields with no canonical place are ignored. Errors are bad_request with param naming
// the field in Anthropic's style ("messages.1.content: ..."). Streams always include usage.
Result<ChatRequest> read_messages_request(std::string_view body);

// reasoning_effort for a thinking budget: up to 2048 low, up to 8192 medium, else high.
std::string_view effort_for_budget(int64_t budget_tokens);

}  // namespace sluice::providers::anthropic::inbound
