// ConverseStream events (already framed by upstream/aws_event_stream) -> canonical stream
// events, one event at a time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/json_reader.h"
#include "providers/adapter.h"
#include "providers/bedrock/wire.h"

namespace sluice::providers::bedrock {

// One decoder per attempt. Events: messageStart, contentBlockStart (tool use only),
// contentBlockDelta (text, toolUse input, reasoningContent), contentBlockStop, messageStop
// (stopReason), then metadata (usage), which comes after messageStop. Content blocks are
// numbered across text and tools; OpenAI numbers tool calls alone, so the decoder keeps the
// block -> tool index map. "exception:<type>" events end the stream with an error.
class BedrockStreamDecoder : public StreamDecoder {
 public:
  // `json_tool`: the tool whose input is the answer text (see json_tool_name), if any.
  explicit BedrockStreamDecoder(std::string json_tool = {});

  void on_event(std::string_view event, std::string_view data,
                std::vector<StreamEvent>& out) override;
  void finish(std::vector<StreamEvent>& out) override;

 private:
  struct Block {
    enum class Kind { text, tool, json_tool };
    Kind kind = Kind::text;
    int tool_index = 0;
  };

  simdjson::error_code dispatch(std::string_view type, json::od::object& root,
                                std::vector<StreamEvent>& out);
  simdjson::error_code on_block_start(json::od::object& root, std::vector<StreamEvent>& out);
  simdjson::error_code on_block_delta(json::od::object& root, std::vector<StreamEvent>& out);
  simdjson::error_code on_message_stop(json::od::object& root, std::vector<StreamEvent>& out);
  simdjson::error_code on_metadata(json::od::object& root, std::vector<StreamEvent>& out);
  void fail(GatewayError error, std::vector<StreamEvent>& out);
  Block& block_at(int64_t index);

  std::string json_tool_;
  json::JsonInput input_;
  std::vector<Block> blocks_;
  int next_tool_index_ = 0;
  bool json_answer_ = false;
  bool stopped_ = false;   // messageStop seen
  bool metadata_ = false;  // metadata seen: nothing more is expected
  bool failed_ = false;    // an error event was sent
};

}  // namespace sluice::providers::bedrock
