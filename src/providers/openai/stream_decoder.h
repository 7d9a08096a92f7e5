// OpenAI chat.completion.chunk SSE events -> canonical stream events, one event at a time.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_reader.h"
#include "providers/adapter.h"

namespace sluice::providers::openai {

// One decoder per attempt. A tool call is announced (tool_call_start) when its first delta
// arrives and its argument fragments follow as tool_call_delta, keyed by a canonical index the
// decoder keeps per wire index (a new id on a reused wire index is a new call: some servers put
// every call at index 0). Usage is held and sent once, at [DONE], since servers may repeat it.
class OpenAiStreamDecoder : public StreamDecoder {
 public:
  // `provider` names the upstream in error messages.
  explicit OpenAiStreamDecoder(std::string provider = "openai");

  void on_event(std::string_view event, std::string_view data,
                std::vector<StreamEvent>& out) override;
  void finish(std::vector<StreamEvent>& out) override;

 private:
  // A tool call seen on the wire: its wire index, id and canonical index.
  struct ToolSlot {
    int64_t wire_index = 0;
    std::string id;
    int index = 0;
  };
  // What one chunk said, gathered before emitting (keys come in any order).
  struct Chunk {
    std::string id, model, finish_reason;
    std::vector<StreamEvent> events;
    bool has_error = false;
  };

  simdjson::error_code read_chunk(json::od::object& root, Chunk& chunk);
  simdjson::error_code read_choices(json::od::value choices, Chunk& chunk);
  simdjson::error_code read_delta(json::od::value delta, Chunk& chunk);
  simdjson::error_code read_tool_calls(json::od::value calls, Chunk& chunk);
  void add_tool_call(int64_t wire_index, std::string id, std::string_view name,
                     std::string_view arguments, Chunk& chunk);
  simdjson::error_code read_error(json::od::value error, Chunk& chunk);
  void emit(Chunk& chunk, std::vector<StreamEvent>& out);
  void on_done(std::vector<StreamEvent>& out);
  void fail(GatewayError error, std::vector<StreamEvent>& out);

  std::string provider_;
  json::JsonInput input_;
  std::vector<ToolSlot> tools_;
  std::optional<Usage> usage_;
  bool started_ = false;
  bool finished_ = false;  // a finish_reason was seen
  bool done_ = false;      // [DONE] was seen
  bool failed_ = false;    // an error event was sent
};

}  // namespace sluice::providers::openai
