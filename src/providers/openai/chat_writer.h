// Writes canonical answers the way OpenAI's chat-completions API sends them, so callers' SDKs
// parse a translated provider's answer exactly as they parse OpenAI's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/chat.h"
#include "core/json_writer.h"

namespace sluice::providers::openai {

// A whole `chat.completion` body. Content is null when the answer is only tool calls;
// reasoning, when present, goes in message.reasoning_content (DeepSeek's field, which
// OpenAI-shaped clients that show reasoning already read).
std::string write_chat_completion(const ChatResponse& response);

// The OpenAI `usage` object (with prompt and completion token details) as the next value.
void write_usage(JsonWriter& json, const Usage& usage);

// Turns one stream's canonical events into `chat.completion.chunk` SSE events. Stateful: it
// sends the assistant role once, holds usage until the finish chunk has gone out, and adds
// `"usage":null` to every chunk when the caller asked for usage (as OpenAI does).
class OpenAiChunkWriter {
 public:
  OpenAiChunkWriter(std::string id, std::string model, int64_t created, bool include_usage);

  // Appends zero or more `data: {...}\n\n` events for `event` to `out`.
  void write(const StreamEvent& event, std::string& out);
  // The same, returned as a string (handy in tests and one-off writes).
  std::string write(const StreamEvent& event);
  // The end of the stream: usage still owed, then `data: [DONE]\n\n`.
  std::string done();

 private:
  void open_chunk(JsonWriter& json, std::string& out) const;
  void close_chunk(JsonWriter& json, std::string& out) const;
  // A chunk whose only choice carries a delta written by `write_delta`.
  template <class F>
  void choice_chunk(std::string& out, std::string_view finish_reason, F&& write_delta);
  void ensure_role(std::string& out);
  void write_usage_chunk(std::string& out);
  void write_tool_call(const StreamEvent& event, std::string& out);

  std::string id_;
  std::string model_;
  int64_t created_ = 0;
  bool include_usage_ = false;
  bool role_sent_ = false;
  bool finished_ = false;
  bool usage_sent_ = false;
  std::optional<Usage> pending_usage_;
};

}  // namespace sluice::providers::openai
