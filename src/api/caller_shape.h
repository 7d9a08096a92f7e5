// CallerShape: how a translated answer is written in the API the caller spoke (OpenAI chat
// completions or Anthropic messages), whole or as a stream.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/chat.h"

namespace sluice::api {

// Writes one stream's canonical events in the caller's event format.
class CallerStreamWriter {
 public:
  virtual ~CallerStreamWriter() = default;
  virtual void write(const StreamEvent& event, std::string& out) = 0;
  // The upstream ended: whatever the format still owes (final events, terminators).
  virtual void end(std::string& out) = 0;
};

// One API shape's writers.
struct CallerShape {
  // A whole answer body.
  std::string (*write_whole)(const ChatResponse& response);
  // A writer for one stream; `id` and `model` are what the caller is shown.
  std::unique_ptr<CallerStreamWriter> (*new_stream_writer)(std::string id, std::string model,
                                                           int64_t created, bool include_usage);
  // The SSE event that reports a failure once a stream has begun.
  std::string (*stream_error_event)(const GatewayError& error);
};

// OpenAI's chat.completion / chat.completion.chunk.
const CallerShape& openai_caller_shape();
// Anthropic's message / message stream events.
const CallerShape& anthropic_caller_shape();

}  // namespace sluice::api
