#include "providers/bedrock/decode.h"

#include <string>

#include "core/json_reader.h"
#include "providers/bedrock/wire.h"

namespace sluice::providers::bedrock {
namespace {

using json::od::object;
using json::od::value;

GatewayError unreadable(std::string_view what) {
  return GatewayError{ErrorClass::server,
                      "provider 'bedrock' returned a response the gateway could not read (" +
                          std::string(what) + ")"};
}

// reasoningContent: {"reasoningText":{"text","signature"}} (or redactedContent: skipped).
simdjson::error_code read_reasoning(value v, ChatResponse& response) {
  object reasoning, text_block;
  if (auto err = v.get_object().get(reasoning)) return err;
  if (reasoning.find_field_unordered("reasoningText").get_object().get(text_block)) {
    return simdjson::SUCCESS;
  }
  std::string_view text;
  if (text_block.find_field_unordered("text").get_string().get(text) == simdjson::SUCCESS) {
    response.reasoning += text;
  }
  return simdjson::SUCCESS;
}

// toolUse: {"toolUseId","name","input"}.
simdjson::error_code read_tool_use(value v, std::string_view json_tool, ChatResponse& response,
                                   bool& json_answer) {
  object tool;
  if (auto err = v.get_object().get(tool)) return err;
  ToolCall call;
  std::string input;
  for (auto field : tool) {
    std::string_view key, text;
    value item;
    if (auto err = field.unescaped_key().get(key)) return err;
    if (auto err = field.value().get(item)) return err;
    if (key == "toolUseId" || key == "name") {
      if (auto err = item.get_string().get(text)) return err;
      (key == "name" ? call.name : call.id) = text;
    } else if (key == "input") {
      if (auto err = json::raw_json(item, text)) return err;
      input = text;
    }
  }
  call.arguments = input.empty() ? "{}" : std::move(input);
  if (!json_tool.empty() && call.name == json_tool) {
    response.content += call.arguments;
    json_answer = true;
  } else {
    response.tool_calls.push_back(std::move(call));
  }
  return simdjson::SUCCESS;
}

// One content block: an object with one key naming its kind.
simdjson::error_code read_block(value v, std::string_view json_tool, ChatResponse& response,
                                bool& json_answer) {
  object block;
  if (auto err = v.get_object().get(block)) return err;
  for (auto field : block) {
    std::string_view key, text;
    value item;
    if (auto err = field.unescaped_key().get(key)) return err;
    if (auto err = field.value().get(item)) return err;
    if (key == "text") {
      if (auto err = item.get_string().get(text)) return err;
      response.content += text;
    } else if (key == "toolUse") {
      if (auto err = read_tool_use(item, json_tool, response, json_answer)) return err;
    } else if (key == "reasoningContent") {
      if (auto err = read_reasoning(item, response)) return err;
    }
    // image, document, guardContent, citations: no OpenAI counterpart.
  }
  return simdjson::SUCCESS;
}

simdjson::error_code read_output(value v, std::string_view json_tool, ChatResponse& response,
                                 bool& json_answer) {
  object output, message;
  json::od::array content;
  if (auto err = v.get_object().get(output)) return err;
  if (auto err = output.find_field_unordered("message").get_object().get(message)) return err;
  if (auto err = message.find_field_unordered("content").get_array().get(content)) return err;
  for (auto element : content) {
    value item;
    if (auto err = element.get(item)) return err;
    if (auto err = read_block(item, json_tool, response, json_answer)) return err;
  }
  return simdjson::SUCCESS;
}

Result<ChatResponse> decode(std::string_view body, std::string_view model,
                            std::string_view json_tool) {
  json::JsonInput input;
  json::od::document doc;
  object root;
  if (input.open(body, doc) || doc.get_object().get(root)) return unreadable("not JSON");
  ChatResponse response;
  response.model = model;
  WireUsage usage;
  std::string stop_reason;
  bool json_answer = false;
  bool has_output = false;
  for (auto field : root) {
    std::string_view key, text;
    value item;
    if (field.unescaped_key().get(key) || field.value().get(item)) return unreadable("not JSON");
    simdjson::error_code err = simdjson::SUCCESS;
    if (key == "output") {
      has_output = true;
      err = read_output(item, json_tool, response, json_answer);
    }
    if (key == "stopReason" && !(err = item.get_string().get(text))) stop_reason = text;
    if (key == "usage") err = read_wire_usage(item, usage);
    if (err) return unreadable(key);
  }
  if (!json::at_end(doc)) return unreadable("trailing data");
  if (!has_output) return unreadable("no output");
  response.finish_reason = finish_reason_for(stop_reason, json_answer);
  response.usage = to_usage(usage);
  return response;
}

}  // namespace

Result<ChatResponse> decode_converse(std::string_view body, std::string_view model,
                                     std::string_view json_tool) {
  try {
    return decode(body, model, json_tool);
  } catch (const std::exception&) {
    return unreadable("not JSON");
  }
}

}  // namespace sluice::providers::bedrock
