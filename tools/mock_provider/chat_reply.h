// Decides what the mock answers to a chat request (deterministically) and writes the
// non-streamed `chat.completion` body. The streamed form of the same plan is in sse.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chat_request.h"
#include "faults.h"
#include "text_pieces.h"

namespace mock {

// The reply to one chat request: either text content or one call to a tool. Reused per
// connection; clear() keeps capacity.
struct ReplyPlan {
  bool tool_call = false;
  std::string text;            // the content, or the tool call's JSON arguments
  std::vector<Piece> pieces;   // content chunks, or argument fragments, in order
  std::string_view tool_name;  // points into the ChatInput the plan was made from
  unsigned prompt_tokens = 0;
  unsigned completion_tokens = 0;

  std::string_view piece(size_t i) const {
    return std::string_view(text).substr(pieces[i].begin, pieces[i].end - pieces[i].begin);
  }
  std::string_view finish_reason() const { return tool_call ? "tool_calls" : "stop"; }
};

// Fixed tool call id: tests assert it and send it back in the tool message.
inline constexpr std::string_view kToolCallId = "call_mock_1";

// Fills `plan` from the request: echo text, tool result text, or a tool call (see README).
void plan_reply(const ChatInput& input, const Faults& faults, ReplyPlan& plan);

// Appends a `usage` object with OpenAI's detail fields (all zero).
void append_usage(std::string& out, unsigned prompt_tokens, unsigned completion_tokens);

// Removes the usage member a chat.completion body was written with (the no_usage fault).
void strip_usage(std::string& body);

// Appends the whole non-streamed `chat.completion` JSON body.
void append_chat_completion(std::string& out, const ReplyPlan& plan, std::string_view model,
                            std::string_view id, long long created);

}  // namespace mock
