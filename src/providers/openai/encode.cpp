#include "providers/openai/encode.h"

#include "providers/openai/endpoint_path.h"
#include "providers/provider_headers.h"

#include "core/json_reader.h"
#include "core/json_writer.h"
#include "providers/openai/encode_messages.h"

namespace sluice::providers::openai {
namespace {

// An empty schema ("{}" when the caller sent none) is written as the object schema it means:
// some servers' grammar builders reject a schema without a type.
std::string_view parameters_schema(std::string_view parameters) {
  parameters = json::trim(parameters);
  if (parameters.empty() || parameters == "{}") return R"({"type":"object","properties":{}})";
  return parameters;
}

void write_tools(JsonWriter& json, const ChatRequest& request) {
  if (request.tools.empty()) return;
  json.key("tools").begin_array();
  for (const Tool& tool : request.tools) {
    json.begin_object().field("type", "function").key("function").begin_object();
    json.field("name", tool.name);
    if (!tool.description.empty()) json.field("description", tool.description);
    json.key("parameters").raw(parameters_schema(tool.parameters));
    json.end_object().end_object();
  }
  json.end_array();
}

// tool_choice and parallel_tool_calls; OpenAI refuses both when no tools are sent.
void write_tool_choice(JsonWriter& json, const ChatRequest& request) {
  if (request.tools.empty()) return;
  using Mode = ToolChoice::Mode;
  switch (request.tool_choice.mode) {
    case Mode::auto_:
      json.field("tool_choice", "auto");
      break;
    case Mode::none:
      json.field("tool_choice", "none");
      break;
    case Mode::required:
      json.field("tool_choice", "required");
      break;
    case Mode::function:
      json.key("tool_choice").begin_object().field("type", "function");
      json.key("function").begin_object().field("name", request.tool_choice.function);
      json.end_object().end_object();
      break;
    case Mode::unset:
      break;
  }
  if (request.parallel_tool_calls) {
    json.key("parallel_tool_calls").boolean(*request.parallel_tool_calls);
  }
}

void write_response_format(JsonWriter& json, const ResponseFormat& format) {
  using Kind = ResponseFormat::Kind;
  if (format.kind == Kind::text) return;
  json.key("response_format").begin_object();
  if (format.kind == Kind::json_object) {
    json.field("type", "json_object");
  } else {
    json.field("type", "json_schema").key("json_schema").begin_object();
    json.field("name", format.name);
    json.key("schema").raw(format.schema.empty() ? std::string_view("{}") : format.schema);
    if (format.strict) json.key("strict").boolean(true);
    json.end_object();
  }
  json.end_object();
}

void write_sampling(JsonWriter& json, const ChatRequest& request) {
  if (request.max_tokens) json.field("max_tokens", *request.max_tokens);
  if (request.temperature) json.key("temperature").number(*request.temperature);
  if (request.top_p) json.key("top_p").number(*request.top_p);
  if (!request.stop.empty()) {
    json.key("stop").begin_array();
    for (const auto& stop : request.stop) json.string(stop);
    json.end_array();
  }
  if (!request.reasoning_effort.empty()) json.field("reasoning_effort", request.reasoning_effort);
}

}  // namespace

Result<std::string> encode_chat_body(const ChatRequest& request, std::string_view model) {
  std::string body;
  JsonWriter json(body);
  json.begin_object().field("model", model);
  if (auto error = write_chat_messages(json, request.messages)) return *error;
  write_tools(json, request);
  write_tool_choice(json, request);
  write_response_format(json, request.response_format);
  write_sampling(json, request);
  if (request.stream) {
    // Usage is always asked for: the gateway meters every stream, whatever the caller wants.
    json.key("stream").boolean(true).key("stream_options").begin_object();
    json.key("include_usage").boolean(true).end_object();
  }
  if (!request.user.empty()) json.field("user", request.user);
  json.end_object();
  return body;
}

Result<EncodedRequest> encode_chat_request(const ChatRequest& request, std::string_view model,
                                           const config::ProviderConfig& provider) {
  auto body = encode_chat_body(request, model);
  if (!body) return body.error();
  EncodedRequest out;
  out.path = endpoint_path(provider, "chat/completions", model);
  out.body = std::move(*body);
  append_provider_headers(provider, out.headers);
  if (request.stream) out.headers.emplace_back("accept", "text/event-stream");
  return out;
}

}  // namespace sluice::providers::openai
