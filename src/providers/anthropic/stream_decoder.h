// Anthropic Messages SSE events -> canonical stream events, one event at a time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/json_reader.h"
#include "providers/adapter.h"
#include "providers/anthropic/wire.h"

namespace sluice::providers::anthropic {

// One decoder per attempt. Content blocks are numbered across text, thinking and tool use;
// OpenAI numbers tool calls alone, so the decoder keeps the block -> tool index map. Usage
// arrives in parts (input in message_start, output in message_delta) and is sent whole at
// message_stop.
class AnthropicStreamDecoder : public StreamDecoder {
 public:
  // `json_tool`: the tool whose input is the answer text (see json_tool_name), if any.
  explicit AnthropicStreamDecoder(std::string json_tool = {});

  void on_event(std::string_view event, std::string_view data,
                std::vector<StreamEvent>& out) override;
  void finish(std::vector<StreamEvent>& out) override;

 private:
  // What a content block index turned out to be.
  struct Block {
    enum class Kind { text, thinking, tool, json_tool, other };
    Kind kind = Kind::other;
    int tool_index = 0;
  };

  simdjson::error_code dispatch(std::string_view type, json::od::object& root,
                                std::vector<StreamEvent>& out);
  simdjson::error_code on_message_start(json::od::object& root, std::vector<StreamEvent>& out);
  simdjson::error_code on_block_start(json::od::object& root, std::vector<StreamEvent>& out);
  simdjson::error_code on_block_delta(json::od::object& root, std::vector<StreamEvent>& out);
  simdjson::error_code on_message_delta(json::od::object& root, std::vector<StreamEvent>& out);
  simdjson::error_code on_error(json::od::object& root, std::vector<StreamEvent>& out);
  void fail(GatewayError error, std::vector<StreamEvent>& out);
  Block* block_at(int64_t index);

  std::string json_tool_;
  json::JsonInput input_;
  std::vector<Block> blocks_;
  int next_tool_index_ = 0;
  WireUsage usage_;
  bool json_answer_ = false;
  bool stopped_ = false;  // message_stop seen
  bool failed_ = false;   // an error event was sent
};

}  // namespace sluice::providers::anthropic
