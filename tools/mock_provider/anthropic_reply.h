// Decides what the mock answers to a Messages request (the same deterministic rules as the
// OpenAI mode) and writes the non-streamed `message` body. The streamed form is in
// anthropic_stream.h.
#pragma once

#include <string>
#include <string_view>

#include "anthropic_request.h"
#include "chat_reply.h"
#include "faults.h"

namespace mock {

// The reply to one Messages request. `reply.tool_call` means one tool_use block (its input
// JSON in reply.text, split into input_json_delta fragments); otherwise one text block.
// Reused per connection; the views point into the AnthropicInput it was made from.
struct AnthropicPlan {
  ReplyPlan reply;                 // prompt_tokens/completion_tokens: input/output_tokens
  std::string_view stop_reason;    // end_turn | tool_use | max_tokens | stop_sequence
  std::string_view stop_sequence;  // the matched stop sequence, empty: null
};

// Fixed tool_use id: tests assert it and send it back in the tool_result.
inline constexpr std::string_view kToolUseId = "toolu_mock_1";

// Fills `plan` from the request: echo text, tool result text, or a tool_use (see README).
void plan_anthropic_reply(const AnthropicInput& input, const Faults& faults, AnthropicPlan& plan);

// Appends `"stop_reason":...,"stop_sequence":...` (no braces), as message and message_delta
// carry them.
void append_stop_fields(std::string& out, const AnthropicPlan& plan);

// Appends the whole non-streamed `message` JSON body.
void append_anthropic_message(std::string& out, const AnthropicPlan& plan, std::string_view model,
                              std::string_view id);

}  // namespace mock
