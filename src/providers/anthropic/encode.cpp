#include "providers/anthropic/encode.h"

#include "providers/provider_headers.h"

#include "core/json_writer.h"
#include "providers/anthropic/encode_messages.h"

namespace sluice::providers::anthropic {
namespace {

// The schema of the tool that stands in for json_object: any object.
constexpr std::string_view kAnyObjectSchema =
    R"({"type":"object","properties":{},"additionalProperties":true})";

// What the encoder decided before writing: the JSON tool and the thinking budget.
struct Plan {
  std::string json_tool;
  int64_t thinking_budget = 0;
  int64_t max_tokens = 0;
  bool forced_tool = false;
};

// An empty schema ("{}" when the caller sent no parameters) still must say it takes an object.
std::string_view input_schema(std::string_view parameters) {
  parameters = json::trim(parameters);
  if (parameters.empty() || parameters == "{}") return R"({"type":"object","properties":{}})";
  return parameters;
}

void write_tools(JsonWriter& json, const ChatRequest& request, const Plan& plan) {
  if (request.tools.empty() && plan.json_tool.empty()) return;
  json.key("tools").begin_array();
  for (const Tool& tool : request.tools) {
    json.begin_object().field("name", tool.name);
    if (!tool.description.empty()) json.field("description", tool.description);
    json.key("input_schema").raw(input_schema(tool.parameters));
    if (!tool.cache_control.empty()) json.key("cache_control").raw(tool.cache_control);
    json.end_object();
  }
  if (!plan.json_tool.empty()) {
    const auto& format = request.response_format;
    json.begin_object().field("name", plan.json_tool);
    json.field("description", "Respond with the answer as this tool's input.");
    json.key("input_schema");
    json.raw(format.kind == ResponseFormat::Kind::json_schema ? input_schema(format.schema)
                                                              : kAnyObjectSchema);
    json.end_object();
  }
  json.end_array();
}

// auto/none/required(any)/function(tool), plus disable_parallel_tool_use when the caller
// turned parallel calls off. Omitted when there are no tools or nothing to say.
void write_tool_choice(JsonWriter& json, const ChatRequest& request, const Plan& plan) {
  if (request.tools.empty() && plan.json_tool.empty()) return;
  using Mode = ToolChoice::Mode;
  const Mode mode = request.tool_choice.mode;
  const bool no_parallel = request.parallel_tool_calls == false;
  if (plan.json_tool.empty() && mode == Mode::unset && !no_parallel) return;
  json.key("tool_choice").begin_object();
  if (!plan.json_tool.empty()) {
    json.field("type", "tool").field("name", plan.json_tool);
  } else if (mode == Mode::function) {
    json.field("type", "tool").field("name", request.tool_choice.function);
  } else {
    json.field("type", mode == Mode::none ? "none" : mode == Mode::required ? "any" : "auto");
  }
  if (no_parallel && mode != Mode::none) json.key("disable_parallel_tool_use").boolean(true);
  json.end_object();
}

// Thinking, and the sampling parameters it allows: Anthropic rejects temperature with thinking
// and accepts top_p only from 0.95.
void write_sampling(JsonWriter& json, const ChatRequest& request, const Plan& plan) {
  if (plan.thinking_budget > 0) {
    json.key("thinking").begin_object().field("type", "enabled");
    json.field("budget_tokens", plan.thinking_budget).end_object();
  } else if (request.temperature) {
    json.key("temperature").number(*request.temperature);
  }
  if (request.top_p && (plan.thinking_budget == 0 || *request.top_p >= 0.95)) {
    json.key("top_p").number(*request.top_p);
  }
  if (!request.stop.empty()) {
    json.key("stop_sequences").begin_array();
    for (const auto& stop : request.stop) json.string(stop);
    json.end_array();
  }
}

Result<Plan> make_plan(const ChatRequest& request, const EncodeOptions& options) {
  Plan plan;
  plan.json_tool = json_tool_name(request);
  using Mode = ToolChoice::Mode;
  plan.forced_tool = !plan.json_tool.empty() || request.tool_choice.mode == Mode::required ||
                     request.tool_choice.mode == Mode::function;
  plan.thinking_budget = thinking_budget(request.reasoning_effort);
  if (plan.thinking_budget < 0) {
    return GatewayError{ErrorClass::bad_request,
                        "'reasoning_effort' must be one of none, minimal, low, medium, high.",
                        "reasoning_effort"};
  }
  // Anthropic refuses thinking with a forced tool; the forced tool carries the caller's
  // structure, so it wins.
  if (plan.forced_tool) plan.thinking_budget = 0;
  plan.max_tokens = request.max_tokens.value_or(options.default_max_tokens);
  // budget_tokens must be below max_tokens; OpenAI's limit counts the visible answer.
  if (plan.thinking_budget > 0 && plan.max_tokens <= plan.thinking_budget) {
    plan.max_tokens += plan.thinking_budget;
  }
  return plan;
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

int64_t thinking_budget(std::string_view effort) {
  if (effort.empty() || effort == "none") return 0;
  if (effort == "minimal" || effort == "low") return 1024;
  if (effort == "medium") return 4096;
  if (effort == "high") return 16384;
  return -1;
}

Result<std::string> encode_body(const ChatRequest& request, std::string_view model,
                                const EncodeOptions& options) {
  auto plan = make_plan(request, options);
  if (!plan) return plan.error();
  std::string body;
  JsonWriter json(body);
  json.begin_object().field("model", model).field("max_tokens", plan->max_tokens);
  if (auto error = write_system(json, request.messages)) return *error;
  if (auto error = write_messages(json, request.messages)) return *error;
  write_tools(json, request, *plan);
  write_tool_choice(json, request, *plan);
  write_sampling(json, request, *plan);
  if (!request.user.empty()) {
    json.key("metadata").begin_object().field("user_id", request.user).end_object();
  }
  if (request.stream) json.key("stream").boolean(true);
  json.end_object();
  return body;
}

Result<EncodedRequest> encode_request(const ChatRequest& request, std::string_view model,
                                      const config::ProviderConfig& provider,
                                      const EncodeOptions& options) {
  auto body = encode_body(request, model, options);
  if (!body) return body.error();
  EncodedRequest out;
  out.path = std::string(kMessagesPath);
  out.body = std::move(*body);
  append_provider_headers(provider, out.headers);
  if (!provider.headers.contains("anthropic-version")) {
    out.headers.emplace_back("anthropic-version", std::string(kApiVersion));
  }
  if (request.stream) out.headers.emplace_back("accept", "text/event-stream");
  return out;
}

}  // namespace sluice::providers::anthropic
