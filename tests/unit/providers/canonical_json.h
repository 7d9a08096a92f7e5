// Test helper: a canonical ChatRequest as JSON, so readers of inbound APIs can be checked
// against golden fixtures with json_equal (the canonical types have no wire form of their own).
#pragma once

#include <string>

#include "core/chat.h"
#include "core/json_writer.h"

namespace sluice::testing {

inline void write_parts(JsonWriter& json, const std::vector<ContentPart>& parts) {
  json.key("content").begin_array();
  for (const auto& part : parts) {
    json.begin_object();
    if (part.kind == ContentPart::Kind::text) {
      json.field("text", part.text);
    } else {
      json.field("image_url", part.image_url);
      if (!part.detail.empty()) json.field("detail", part.detail);
    }
    if (!part.cache_control.empty()) json.key("cache_control").raw(part.cache_control);
    json.end_object();
  }
  json.end_array();
}

inline void write_canonical_message(JsonWriter& json, const Message& message) {
  json.begin_object().field("role", message.role);
  write_parts(json, message.content);
  if (!message.tool_calls.empty()) {
    json.key("tool_calls").begin_array();
    for (const auto& call : message.tool_calls) {
      json.begin_object().field("id", call.id).field("name", call.name);
      json.field("arguments", call.arguments).end_object();
    }
    json.end_array();
  }
  if (!message.tool_call_id.empty()) json.field("tool_call_id", message.tool_call_id);
  if (!message.name.empty()) json.field("name", message.name);
  json.end_object();
}

inline const char* tool_choice_name(ToolChoice::Mode mode) {
  switch (mode) {
    case ToolChoice::Mode::auto_:
      return "auto";
    case ToolChoice::Mode::none:
      return "none";
    case ToolChoice::Mode::required:
      return "required";
    case ToolChoice::Mode::function:
      return "function";
    default:
      return "unset";
  }
}

inline void write_canonical_tools(JsonWriter& json, const ChatRequest& request) {
  json.key("tools").begin_array();
  for (const auto& tool : request.tools) {
    json.begin_object().field("name", tool.name).field("description", tool.description);
    json.key("parameters").raw(tool.parameters);
    if (!tool.cache_control.empty()) json.key("cache_control").raw(tool.cache_control);
    json.end_object();
  }
  json.end_array();
  json.key("tool_choice").begin_object().field("mode", tool_choice_name(request.tool_choice.mode));
  if (!request.tool_choice.function.empty()) json.field("function", request.tool_choice.function);
  json.end_object();
  json.key("parallel_tool_calls");
  if (request.parallel_tool_calls) {
    json.boolean(*request.parallel_tool_calls);
  } else {
    json.null();
  }
}

// Every canonical field; absent optionals are null so a fixture states them explicitly.
inline std::string canonical_json(const ChatRequest& request) {
  std::string out;
  JsonWriter json(out);
  json.begin_object().field("model", request.model).key("messages").begin_array();
  for (const auto& message : request.messages) write_canonical_message(json, message);
  json.end_array();
  write_canonical_tools(json, request);
  json.key("max_tokens");
  request.max_tokens ? json.number(*request.max_tokens) : json.null();
  json.key("temperature");
  request.temperature ? json.number(*request.temperature) : json.null();
  json.key("top_p");
  request.top_p ? json.number(*request.top_p) : json.null();
  json.key("stop").begin_array();
  for (const auto& stop : request.stop) json.string(stop);
  json.end_array();
  json.field("reasoning_effort", request.reasoning_effort);
  json.key("stream").boolean(request.stream).key("include_usage").boolean(request.include_usage);
  json.field("user", request.user).end_object();
  return out;
}

}  // namespace sluice::testing
