#include "providers/bedrock/encode.h"

#include "core/json_reader.h"
#include "core/json_writer.h"
#include "providers/bedrock/encode_messages.h"
#include "providers/bedrock/wire.h"
#include "providers/provider_headers.h"

namespace sluice::providers::bedrock {
namespace {

constexpr std::string_view kAnyObjectSchema =
    R"({"type":"object","properties":{},"additionalProperties":true})";

// An empty schema ("{}" when the caller sent no parameters) still must say it takes an object.
std::string_view input_schema(std::string_view parameters) {
  parameters = json::trim(parameters);
  if (parameters.empty() || parameters == "{}") return R"({"type":"object","properties":{}})";
  return parameters;
}

void write_tool_spec(JsonWriter& json, std::string_view name, std::string_view description,
                     std::string_view schema) {
  json.begin_object().key("toolSpec").begin_object().field("name", name);
  if (!description.empty()) json.field("description", description);
  json.key("inputSchema").begin_object().key("json").raw(schema).end_object();
  json.end_object().end_object();
}

// toolChoice: auto (omitted, the default), any (required), tool (a named function or the JSON
// tool). Converse has no "none": with tool_choice none the tools are left out, unless the
// conversation already holds tool blocks (Converse then requires toolConfig) — the model is
// then free to call them.
void write_tool_config(JsonWriter& json, const ChatRequest& request, const std::string& json_tool) {
  using Mode = ToolChoice::Mode;
  const Mode mode = request.tool_choice.mode;
  const bool offer_tools =
      !request.tools.empty() && (mode != Mode::none || has_tool_history(request.messages));
  if (!offer_tools && json_tool.empty()) return;
  json.key("toolConfig").begin_object().key("tools").begin_array();
  if (offer_tools) {
    for (const Tool& tool : request.tools) {
      write_tool_spec(json, tool.name, tool.description, input_schema(tool.parameters));
    }
  }
  if (!json_tool.empty()) {
    const auto& format = request.response_format;
    write_tool_spec(json, json_tool, "Respond with the answer as this tool's input.",
                    format.kind == ResponseFormat::Kind::json_schema ? input_schema(format.schema)
                                                                     : kAnyObjectSchema);
  }
  json.end_array();
  if (!json_tool.empty() || mode == Mode::function) {
    const std::string& name = json_tool.empty() ? request.tool_choice.function : json_tool;
    json.key("toolChoice").begin_object().key("tool").begin_object().field("name", name);
    json.end_object().end_object();
  } else if (mode == Mode::required) {
    json.key("toolChoice").begin_object().key("any").begin_object().end_object().end_object();
  } else if (mode == Mode::auto_) {
    json.key("toolChoice").begin_object().key("auto").begin_object().end_object().end_object();
  }
  json.end_object();
}

void write_inference_config(JsonWriter& json, const ChatRequest& request) {
  json.key("inferenceConfig").begin_object();
  json.field("maxTokens", request.max_tokens.value_or(kDefaultMaxTokens));
  if (request.temperature) json.key("temperature").number(*request.temperature);
  if (request.top_p) json.key("topP").number(*request.top_p);
  if (!request.stop.empty()) {
    json.key("stopSequences").begin_array();
    for (const auto& stop : request.stop) json.string(stop);
    json.end_array();
  }
  json.end_object();
}

}  // namespace

std::string json_tool_name(const ChatRequest& request) {
  switch (request.response_format.kind) {
    case ResponseFormat::Kind::json_schema:
      return request.response_format.name.empty() ? "json_response" : request.response_format.name;
    case ResponseFormat::Kind::json_object:
      return "json_response";
    default:
      return {};
  }
}

Result<std::string> encode_body(const ChatRequest& request) {
  std::string body;
  JsonWriter json(body);
  json.begin_object();
  if (auto error = write_messages(json, request.messages)) return *error;
  if (auto error = write_system(json, request.messages)) return *error;
  write_inference_config(json, request);
  write_tool_config(json, request, json_tool_name(request));
  json.end_object();
  return body;
}

Result<EncodedRequest> encode_request(const ChatRequest& request, std::string_view model,
                                      const config::ProviderConfig& provider) {
  auto body = encode_body(request);
  if (!body) return body.error();
  EncodedRequest out;
  out.path = converse_path(model, request.stream);
  out.body = std::move(*body);
  append_provider_headers(provider, out.headers);
  out.headers.emplace_back("accept", request.stream ? kEventStreamContentType : "application/json");
  return out;
}

}  // namespace sluice::providers::bedrock
