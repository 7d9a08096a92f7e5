// Canonical chat types: what every inbound API is parsed into and every provider family is
// translated from. Modelled on OpenAI's chat schema, the lingua franca of the callers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/gateway_error.h"
#include "core/usage.h"

namespace sluice {

// One piece of a message's content.
struct ContentPart {
  enum class Kind { text, image };
  Kind kind = Kind::text;
  std::string text;           // kind == text
  std::string image_url;      // kind == image: an https URL or a data: URL (base64)
  std::string detail;         // OpenAI's image detail hint, if given
  std::string cache_control;  // raw JSON of a cache_control marker to pass on, if any
};

// A function call the assistant made.
struct ToolCall {
  std::string id;
  std::string name;
  std::string arguments;  // JSON text, as the model produced it
};

// One conversation turn.
struct Message {
  std::string role;  // system, developer, user, assistant, tool
  std::vector<ContentPart> content;
  std::vector<ToolCall> tool_calls;  // role == assistant
  std::string tool_call_id;          // role == tool
  std::string name;
};

// A function the model may call.
struct Tool {
  std::string name;
  std::string description;
  std::string parameters;  // JSON Schema text; "{}" when absent
  std::string cache_control;
};

// How the model must use tools: auto (default), none, required, or one named function.
struct ToolChoice {
  enum class Mode { unset, auto_, none, required, function };
  Mode mode = Mode::unset;
  std::string function;  // mode == function
};

// Requested output format.
struct ResponseFormat {
  enum class Kind { text, json_object, json_schema };
  Kind kind = Kind::text;
  std::string name;    // json_schema: the schema's name
  std::string schema;  // json_schema: the JSON Schema text
  bool strict = false;
};

// A chat request in canonical form.
struct ChatRequest {
  std::string model;
  std::vector<Message> messages;
  std::vector<Tool> tools;
  ToolChoice tool_choice;
  std::optional<bool> parallel_tool_calls;
  ResponseFormat response_format;
  std::optional<int64_t> max_tokens;  // max_completion_tokens or max_tokens
  std::optional<double> temperature;
  std::optional<double> top_p;
  std::vector<std::string> stop;
  std::string reasoning_effort;  // low, medium, high (OpenAI's reasoning_effort)
  bool stream = false;
  bool include_usage = false;  // the caller asked for usage in the stream
  std::string user;
};

// A whole (non-streamed) answer in canonical form.
struct ChatResponse {
  std::string id;
  std::string model;
  int64_t created = 0;
  std::string content;    // the text answer
  std::string reasoning;  // thinking text, when the provider returns it
  std::vector<ToolCall> tool_calls;
  std::string finish_reason;  // stop, length, tool_calls, content_filter
  Usage usage;
};

// One step of a streamed answer in canonical form.
struct StreamEvent {
  enum class Kind {
    start,            // the answer begins (id, model known)
    text_delta,       // text
    reasoning_delta,  // text (thinking)
    tool_call_start,  // index, id, name
    tool_call_delta,  // index, text = argument JSON fragment
    finish,           // finish_reason
    usage,            // usage
    error,            // error
  };
  Kind kind = Kind::text_delta;
  std::string text;
  int index = 0;
  std::string id;
  std::string name;
  std::string model;
  std::string finish_reason;
  Usage usage;
  GatewayError error;
};

}  // namespace sluice
