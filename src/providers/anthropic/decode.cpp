#include "providers/anthropic/decode.h"

#include <string>

#include "core/json_reader.h"
#include "providers/anthropic/wire.h"

namespace sluice::providers::anthropic {
namespace {

using json::od::value;

GatewayError unreadable(std::string_view what) {
  return GatewayError{ErrorClass::server,
                      "provider 'anthropic' returned a response the gateway could not read (" +
                          std::string(what) + ")"};
}

// One content block's fields, gathered before acting on its type (keys come in any order).
struct Block {
  std::string_view type, text, thinking, id, name, input;
};

simdjson::error_code read_block(value v, Block& block) {
  json::od::object object;
  if (auto err = v.get_object().get(object)) return err;
  for (auto field : object) {
    std::string_view key;
    value item;
    if (auto err = field.unescaped_key().get(key)) return err;
    if (auto err = field.value().get(item)) return err;
    std::string_view* text = key == "type"       ? &block.type
                             : key == "text"     ? &block.text
                             : key == "thinking" ? &block.thinking
                             : key == "id"       ? &block.id
                             : key == "name"     ? &block.name
                                                 : nullptr;
    if (text != nullptr) {
      if (auto err = item.get_string().get(*text)) return err;
    } else if (key == "input") {
      if (auto err = json::raw_json(item, block.input)) return err;
    }
  }
  return simdjson::SUCCESS;
}

void apply_block(const Block& block, std::string_view json_tool, ChatResponse& response,
                 bool& json_answer) {
  if (block.type == "text") {
    response.content += block.text;
  } else if (block.type == "thinking") {
    response.reasoning += block.thinking;
  } else if (block.type == "tool_use") {
    std::string input = block.input.empty() ? "{}" : std::string(block.input);
    if (!json_tool.empty() && block.name == json_tool) {
      response.content += input;
      json_answer = true;
    } else {
      response.tool_calls.push_back(
          ToolCall{std::string(block.id), std::string(block.name), std::move(input)});
    }
  }
  // redacted_thinking and server-side tool blocks have no OpenAI counterpart.
}

simdjson::error_code read_content(value v, std::string_view json_tool, ChatResponse& response,
                                  bool& json_answer) {
  json::od::array blocks;
  if (auto err = v.get_array().get(blocks)) return err;
  for (auto element : blocks) {
    value item;
    Block block;
    if (auto err = element.get(item)) return err;
    if (auto err = read_block(item, block)) return err;
    apply_block(block, json_tool, response, json_answer);
  }
  return simdjson::SUCCESS;
}

Result<ChatResponse> decode(std::string_view body, std::string_view json_tool) {
  json::JsonInput input;
  json::od::document doc;
  json::od::object root;
  if (input.open(body, doc) || doc.get_object().get(root)) return unreadable("not JSON");
  ChatResponse response;
  WireUsage usage;
  std::string stop_reason;
  bool json_answer = false;
  for (auto field : root) {
    std::string_view key, text;
    value item;
    if (field.unescaped_key().get(key) || field.value().get(item)) return unreadable("not JSON");
    simdjson::error_code err = simdjson::SUCCESS;
    if (key == "id" && !(err = item.get_string().get(text))) response.id = text;
    if (key == "model" && !(err = item.get_string().get(text))) response.model = text;
    if (key == "stop_reason" && !json::is_null(item) && !(err = item.get_string().get(text))) {
      stop_reason = text;
    }
    if (key == "content") err = read_content(item, json_tool, response, json_answer);
    if (key == "usage") err = read_wire_usage(item, usage);
    if (err) return unreadable(key);
  }
  if (!json::at_end(doc)) return unreadable("trailing data");
  response.finish_reason = finish_reason_for(stop_reason, json_answer);
  response.usage = to_usage(usage);
  return response;
}

}  // namespace

Result<ChatResponse> decode_message(std::string_view body, std::string_view json_tool) {
  try {
    return decode(body, json_tool);
  } catch (const std::exception&) {
    return unreadable("not JSON");
  }
}

}  // namespace sluice::providers::anthropic
