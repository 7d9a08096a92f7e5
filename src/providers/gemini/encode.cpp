#include "providers/gemini/encode.h"

#include "core/json_reader.h"
#include "core/json_writer.h"
#include "providers/gemini/encode_contents.h"
#include "providers/gemini/schema.h"
#include "providers/gemini/wire.h"
#include "providers/provider_headers.h"

namespace sluice::providers::gemini {
namespace {

constexpr int64_t kUnset = -2;
constexpr int64_t kUnknown = -1;

// Gemini rejects an OBJECT schema without properties: such parameters are left out.
bool takes_no_arguments(std::string_view schema) {
  return schema == "{}" || schema == R"({"type":"object"})" ||
         schema == R"({"type":"object","properties":{}})";
}

std::optional<GatewayError> write_tools(JsonWriter& json, const ChatRequest& request) {
  if (request.tools.empty()) return std::nullopt;
  std::string declarations;
  for (std::size_t i = 0; i < request.tools.size(); ++i) {
    const Tool& tool = request.tools[i];
    JsonWriter out(declarations);
    if (!declarations.empty()) declarations += ',';
    out.begin_object().field("name", tool.name);
    if (!tool.description.empty()) out.field("description", tool.description);
    const std::string_view parameters = json::trim(tool.parameters);
    if (!parameters.empty() && parameters != "{}") {
      auto schema =
          to_gemini_schema(parameters, "tools[" + std::to_string(i) + "].function.parameters");
      if (!schema) return schema.error();
      if (!takes_no_arguments(*schema)) out.key("parameters").raw(*schema);
    }
    out.end_object();
  }
  json.key("tools").begin_array().begin_object().key("functionDeclarations").begin_array();
  json.raw(declarations).end_array().end_object().end_array();
  return std::nullopt;
}

// auto/none/required -> AUTO/NONE/ANY; one named function -> ANY limited to it.
void write_tool_config(JsonWriter& json, const ChatRequest& request) {
  using Mode = ToolChoice::Mode;
  const Mode mode = request.tool_choice.mode;
  if (request.tools.empty() || mode == Mode::unset) return;
  json.key("toolConfig").begin_object().key("functionCallingConfig").begin_object();
  json.field("mode", mode == Mode::none ? "NONE" : mode == Mode::auto_ ? "AUTO" : "ANY");
  if (mode == Mode::function) {
    json.key("allowedFunctionNames").begin_array().string(request.tool_choice.function).end_array();
  }
  json.end_object().end_object();
}

std::optional<GatewayError> write_generation_config(JsonWriter& json, const ChatRequest& request,
                                                    int64_t budget) {
  std::string config;
  JsonWriter out(config);
  if (request.max_tokens) out.key("maxOutputTokens").number(*request.max_tokens);
  if (request.temperature) out.key("temperature").number(*request.temperature);
  if (request.top_p) out.key("topP").number(*request.top_p);
  if (!request.stop.empty()) {
    out.key("stopSequences").begin_array();
    for (const auto& stop : request.stop) out.string(stop);
    out.end_array();
  }
  const auto& format = request.response_format;
  if (format.kind != ResponseFormat::Kind::text) {
    out.field("responseMimeType", "application/json");
  }
  if (format.kind == ResponseFormat::Kind::json_schema && !json::trim(format.schema).empty()) {
    auto schema = to_gemini_schema(format.schema, "response_format.json_schema.schema");
    if (!schema) return schema.error();
    out.key("responseSchema").raw(*schema);
  }
  if (budget != kUnset) {
    out.key("thinkingConfig").begin_object().key("thinkingBudget").number(budget);
    if (budget != 0) out.key("includeThoughts").boolean(true);
    out.end_object();
  }
  if (!config.empty()) json.key("generationConfig").begin_object().raw(config).end_object();
  return std::nullopt;
}

// contents, systemInstruction, tools and toolConfig: what generateContent and countTokens share.
std::optional<GatewayError> write_conversation(JsonWriter& json, const ChatRequest& request) {
  if (auto error = write_contents(json, request.messages)) return error;
  if (auto error = write_system_instruction(json, request.messages)) return error;
  if (auto error = write_tools(json, request)) return error;
  write_tool_config(json, request);
  return std::nullopt;
}

}  // namespace

int64_t thinking_budget(std::string_view effort) {
  if (effort.empty()) return kUnset;
  if (effort == "none") return 0;
  if (effort == "minimal" || effort == "low") return 1024;
  if (effort == "medium") return 8192;
  if (effort == "high") return 24576;
  return kUnknown;
}

Result<std::string> encode_body(const ChatRequest& request) {
  const int64_t budget = thinking_budget(request.reasoning_effort);
  if (budget == kUnknown) {
    return GatewayError{ErrorClass::bad_request,
                        "'reasoning_effort' must be one of none, minimal, low, medium, high.",
                        "reasoning_effort"};
  }
  std::string body;
  JsonWriter json(body);
  json.begin_object();
  if (auto error = write_conversation(json, request)) return *error;
  if (auto error = write_generation_config(json, request, budget)) return *error;
  json.end_object();
  return body;
}

Result<EncodedRequest> encode_request(const ChatRequest& request, std::string_view model,
                                      const config::ProviderConfig& provider) {
  auto body = encode_body(request);
  if (!body) return body.error();
  EncodedRequest out;
  out.path = model_path(provider, model, request.stream ? kStreamGenerate : kGenerate);
  out.body = std::move(*body);
  append_provider_headers(provider, out.headers);
  if (request.stream) out.headers.emplace_back("accept", "text/event-stream");
  return out;
}

Result<EncodedRequest> encode_count_tokens(const ChatRequest& request, std::string_view model,
                                           const config::ProviderConfig& provider) {
  std::string body;
  JsonWriter json(body);
  json.begin_object().key("generateContentRequest").begin_object();
  json.field("model", "models/" + std::string(bare_model(model)));
  if (auto error = write_conversation(json, request)) return *error;
  json.end_object().end_object();
  EncodedRequest out;
  out.path = model_path(provider, model, kCountTokens);
  out.body = std::move(body);
  append_provider_headers(provider, out.headers);
  return out;
}

Result<EncodedRequest> encode_embeddings(const EmbeddingsRequest& request, std::string_view model,
                                         const config::ProviderConfig& provider) {
  if (is_vertex(provider)) {
    return GatewayError{ErrorClass::bad_request,
                        "embeddings are not supported for Vertex AI provider '" +
                            provider_label(provider) + "' yet (it needs the :predict endpoint)",
                        "model"};
  }
  if (request.input.empty()) {
    return GatewayError{ErrorClass::bad_request, "'input' must not be empty.", "input"};
  }
  const std::string name = "models/" + std::string(bare_model(model));
  std::string body;
  JsonWriter json(body);
  json.begin_object().key("requests").begin_array();
  for (const std::string& text : request.input) {
    json.begin_object().field("model", name).key("content").begin_object();
    json.key("parts").begin_array().begin_object().field("text", text).end_object().end_array();
    json.end_object();
    if (request.dimensions) json.key("outputDimensionality").number(*request.dimensions);
    json.end_object();
  }
  json.end_array().end_object();
  EncodedRequest out;
  out.path = model_path(provider, model, kBatchEmbed);
  out.body = std::move(body);
  append_provider_headers(provider, out.headers);
  return out;
}

}  // namespace sluice::providers::gemini
