// Test helper: checks that SSE text is a valid Anthropic Messages event sequence (the order
// the SDKs rely on) and rebuilds the message the way the SDKs accumulate it.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

#include "upstream/sse_framer.h"

namespace sluice::testing {

// One content block as a client rebuilds it.
struct RebuiltBlock {
  std::string type;
  std::string text;  // text, thinking, or the tool input JSON text
  std::string id, name;
};

// The message a client holds at the end, or the first rule the stream broke.
struct RebuiltMessage {
  std::string problem;  // empty when the sequence is valid
  std::string id, model, stop_reason, error_type;
  std::vector<RebuiltBlock> blocks;
  int64_t input_tokens = 0, output_tokens = 0, cache_read = 0, cache_write = 0;
  bool stopped = false;
};

// Walks one stream's events; `fail` records the first broken rule.
class AnthropicStreamChecker {
 public:
  RebuiltMessage check(std::string_view sse) {
    upstream::SseFramer framer;
    for (const auto& event : framer.feed(sse)) {
      if (!out_.problem.empty()) break;
      on_event(std::string(event.event), std::string(event.data));
    }
    if (out_.problem.empty() && framer.pending_bytes() != 0) fail("bytes after the last event");
    if (out_.problem.empty() && !out_.stopped && out_.error_type.empty()) fail("no message_stop");
    return out_;
  }

 private:
  void fail(const std::string& why) {
    if (out_.problem.empty()) out_.problem = "event " + std::to_string(count_) + ": " + why;
  }

  void on_event(const std::string& name, const std::string& data) {
    ++count_;
    simdjson::dom::element root;
    if (parser_.parse(data).get(root)) return fail("data is not JSON");
    std::string_view type;
    if (root["type"].get(type)) return fail("no type");
    if (type != name) return fail("event name " + name + " but type " + std::string(type));
    if (out_.stopped || !out_.error_type.empty()) return fail("event after the end");
    if (type == "error") {
      out_.error_type = std::string(std::string_view(root["error"]["type"]));
      return;
    }
    if (type == "ping") return;
    if (!started_ && type != "message_start") return fail("first event is " + name);
    if (type == "message_start") return on_start(root);
    if (type == "content_block_start") return on_block_start(root);
    if (type == "content_block_delta") return on_block_delta(root);
    if (type == "content_block_stop") return on_block_stop(root);
    if (type == "message_delta") return on_message_delta(root);
    if (type == "message_stop") {
      if (!delta_seen_) return fail("message_stop before message_delta");
      out_.stopped = true;
      return;
    }
    fail("unknown event " + name);
  }

  void read_usage(simdjson::dom::element usage) {
    int64_t n = 0;
    if (!usage["input_tokens"].get(n)) out_.input_tokens = n;
    if (!usage["output_tokens"].get(n)) out_.output_tokens = n;
    if (!usage["cache_read_input_tokens"].get(n)) out_.cache_read = n;
    if (!usage["cache_creation_input_tokens"].get(n)) out_.cache_write = n;
  }

  void on_start(simdjson::dom::element root) {
    if (started_) return fail("second message_start");
    started_ = true;
    auto message = root["message"];
    out_.id = std::string(std::string_view(message["id"]));
    out_.model = std::string(std::string_view(message["model"]));
    if (std::string_view(message["role"]) != "assistant") fail("role is not assistant");
    read_usage(message["usage"]);
  }

  void on_block_start(simdjson::dom::element root) {
    if (open_) return fail("block started while another is open");
    if (delta_seen_) return fail("block after message_delta");
    if (int64_t(root["index"]) != int64_t(out_.blocks.size())) return fail("index out of order");
    auto block = root["content_block"];
    RebuiltBlock rebuilt;
    rebuilt.type = std::string(std::string_view(block["type"]));
    if (rebuilt.type == "tool_use") {
      rebuilt.id = std::string(std::string_view(block["id"]));
      rebuilt.name = std::string(std::string_view(block["name"]));
      if (rebuilt.id.empty() || rebuilt.name.empty()) return fail("tool_use without id or name");
    } else if (rebuilt.type != "text" && rebuilt.type != "thinking") {
      return fail("unexpected block type " + rebuilt.type);
    }
    out_.blocks.push_back(std::move(rebuilt));
    open_ = true;
  }

  void on_block_delta(simdjson::dom::element root) {
    if (!open_ || int64_t(root["index"]) != int64_t(out_.blocks.size()) - 1) {
      return fail("delta for a block that is not open");
    }
    RebuiltBlock& block = out_.blocks.back();
    auto delta = root["delta"];
    const std::string_view type = delta["type"];
    if (type == "text_delta" && block.type == "text") {
      block.text += std::string_view(delta["text"]);
    } else if (type == "thinking_delta" && block.type == "thinking") {
      block.text += std::string_view(delta["thinking"]);
    } else if (type == "input_json_delta" && block.type == "tool_use") {
      block.text += std::string_view(delta["partial_json"]);
    } else {
      fail(std::string(type) + " in a " + block.type + " block");
    }
  }

  void on_block_stop(simdjson::dom::element root) {
    if (!open_ || int64_t(root["index"]) != int64_t(out_.blocks.size()) - 1) {
      return fail("stop for a block that is not open");
    }
    open_ = false;
    RebuiltBlock& block = out_.blocks.back();
    if (block.type != "tool_use") return;
    if (block.text.empty()) block.text = "{}";
    simdjson::dom::parser parser;
    simdjson::dom::element input;
    if (parser.parse(block.text).get(input) || !input.is_object()) fail("tool input not an object");
  }

  void on_message_delta(simdjson::dom::element root) {
    if (open_) return fail("message_delta while a block is open");
    if (delta_seen_) return fail("second message_delta");
    delta_seen_ = true;
    out_.stop_reason = std::string(std::string_view(root["delta"]["stop_reason"]));
    int64_t output = 0;
    if (root["usage"]["output_tokens"].get(output))
      return fail("message_delta without output_tokens");
    read_usage(root["usage"]);
  }

  simdjson::dom::parser parser_;
  RebuiltMessage out_;
  int count_ = 0;
  bool started_ = false;
  bool open_ = false;
  bool delta_seen_ = false;
};

// Checks `sse` and returns the rebuilt message (problem empty when valid).
inline RebuiltMessage check_anthropic_stream(std::string_view sse) {
  return AnthropicStreamChecker().check(sse);
}

}  // namespace sluice::testing
