// OpenAI `chat.completion.chunk` server-sent events, byte for byte as OpenAI formats them:
// `data: {...}\n\n`, the same id on every chunk, `"usage":null` on every chunk when
// stream_options.include_usage is set, and `data: [DONE]` at the end.
#pragma once

#include <string>
#include <string_view>

#include "chat_reply.h"

namespace mock {

// What every chunk of one stream repeats.
struct ChunkContext {
  std::string_view id;
  long long created = 0;
  std::string_view model;
  bool include_usage = false;
};

// First event: the assistant role (text replies), or role plus the tool call's id, type and
// name with empty arguments (tool calls), as OpenAI sends them.
void append_opening_event(std::string& out, const ChunkContext& ctx, const ReplyPlan& plan);

// Event for plan piece `i`: a content delta, or a tool-call arguments fragment.
void append_piece_event(std::string& out, const ChunkContext& ctx, const ReplyPlan& plan, size_t i);

// The chunk with an empty delta and the finish_reason.
void append_finish_event(std::string& out, const ChunkContext& ctx, const ReplyPlan& plan);

// The include_usage chunk: `"choices":[]` and the usage totals.
void append_usage_event(std::string& out, const ChunkContext& ctx, const ReplyPlan& plan);

// `data: [DONE]`.
void append_done_event(std::string& out);

// The error event OpenAI sends mid-stream (error_after_chunks fault).
void append_error_event(std::string& out);

// Everything after the opening event and the pieces: finish, optional usage, [DONE].
void append_closing_events(std::string& out, const ChunkContext& ctx, const ReplyPlan& plan);

}  // namespace mock
