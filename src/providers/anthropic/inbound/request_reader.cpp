#include "providers/anthropic/inbound/request_reader.h"

#include "providers/anthropic/inbound/message_reader.h"

namespace sluice::providers::anthropic::inbound {
namespace {

using json::od::value;

GatewayError malformed() {
  return GatewayError{ErrorClass::bad_request,
                      "There was an issue with the format of your request: the body must be a "
                      "JSON object."};
}

// What the top-level fields said that is settled only once all of them were read.
struct Pending {
  std::vector<ContentPart> system;
  bool has_messages = false;
  bool has_max_tokens = false;
};

// tools[i]: {"name","description","input_schema","cache_control"}. Tools with another `type`
// (web_search_..., bash_..., text_editor_...) are Anthropic's own: their schemas live inside
// Anthropic, so no other provider can be offered them, and they are left out.
FieldError read_tool(value v, const std::string& path, std::vector<Tool>& tools) {
  Tool tool;
  std::string type;
  auto error = for_each_field(v, path, [&](std::string_view key, value item) -> FieldError {
    if (key == "type") return read_string_field(item, path + ".type", type);
    if (key == "name") return read_string_field(item, path + ".name", tool.name);
    if (key == "description")
      return read_string_field(item, path + ".description", tool.description);
    if (key == "input_schema" && !json::is_null(item))
      return read_raw_field(item, path + ".input_schema", tool.parameters);
    if (key == "cache_control" && !json::is_null(item))
      return read_raw_field(item, path + ".cache_control", tool.cache_control);
    return std::nullopt;  // defer_loading, strict, input_examples: nothing canonical
  });
  if (error) return error;
  if (!type.empty() && type != "custom") return std::nullopt;
  if (tool.name.empty()) return invalid(path + ".name", "Field required");
  if (tool.parameters.empty()) tool.parameters = "{}";
  tools.push_back(std::move(tool));
  return std::nullopt;
}

// tool_choice: {"type":"auto"|"any"|"none"|"tool","name","disable_parallel_tool_use"}.
FieldError read_tool_choice(value v, ChatRequest& request) {
  if (json::is_null(v)) return std::nullopt;
  std::string type;
  bool no_parallel = false;
  auto& choice = request.tool_choice;
  auto error =
      for_each_field(v, "tool_choice", [&](std::string_view key, value item) -> FieldError {
        if (key == "type") return read_string_field(item, "tool_choice.type", type);
        if (key == "name") return read_string_field(item, "tool_choice.name", choice.function);
        if (key == "disable_parallel_tool_use")
          return read_bool_field(item, "tool_choice.disable_parallel_tool_use", no_parallel);
        return std::nullopt;
      });
  if (error) return error;
  using Mode = ToolChoice::Mode;
  if (type == "auto") {
    choice.mode = Mode::auto_;
  } else if (type == "any") {
    choice.mode = Mode::required;
  } else if (type == "none") {
    choice.mode = Mode::none;
  } else if (type == "tool") {
    if (choice.function.empty()) return invalid("tool_choice.name", "Field required");
    choice.mode = Mode::function;
  } else {
    return invalid("tool_choice.type", "Input should be 'auto', 'any', 'tool' or 'none'");
  }
  if (no_parallel) request.parallel_tool_calls = false;
  return std::nullopt;
}

// thinking: {"type":"enabled","budget_tokens"} | {"type":"adaptive"} | {"type":"disabled"}.
FieldError read_thinking(value v, std::string& effort) {
  if (json::is_null(v)) return std::nullopt;
  std::string type;
  int64_t budget = -1;
  auto error = for_each_field(v, "thinking", [&](std::string_view key, value item) -> FieldError {
    if (key == "type") return read_string_field(item, "thinking.type", type);
    if (key == "budget_tokens" && item.get_int64().get(budget))
      return invalid("thinking.budget_tokens", "Input should be a valid integer");
    return std::nullopt;  // display: nothing canonical
  });
  if (error) return error;
  if (type == "enabled") {
    if (budget < 0) return invalid("thinking.budget_tokens", "Field required");
    effort = effort_for_budget(budget);
  } else if (type == "adaptive") {
    effort = "medium";  // the model decides how much to think; medium is the neutral ask
  } else if (type != "disabled") {
    return invalid("thinking.type", "Input should be 'enabled', 'disabled' or 'adaptive'");
  }
  return std::nullopt;
}

FieldError read_stop_sequences(value v, std::vector<std::string>& stop) {
  if (json::is_null(v)) return std::nullopt;
  return for_each_element(v, "stop_sequences",
                          [&](const std::string& path, value item) -> FieldError {
                            std::string text;
                            if (!read_string(item, text))
                              return invalid(path, "Input should be a valid string");
                            stop.push_back(std::move(text));
                            return std::nullopt;
                          });
}

FieldError read_metadata(value v, std::string& user) {
  if (json::is_null(v)) return std::nullopt;
  return for_each_field(v, "metadata", [&](std::string_view key, value item) -> FieldError {
    return key == "user_id" ? read_string_field(item, "metadata.user_id", user) : std::nullopt;
  });
}

FieldError read_double(value v, const char* name, std::optional<double>& out) {
  if (json::is_null(v)) return std::nullopt;
  double number = 0;
  if (v.get_double().get(number)) return invalid(name, "Input should be a valid number");
  out = number;
  return std::nullopt;
}

FieldError read_max_tokens(value v, std::optional<int64_t>& out) {
  int64_t number = 0;
  if (v.get_int64().get(number)) return invalid("max_tokens", "Input should be a valid integer");
  if (number < 1) return invalid("max_tokens", "Input should be greater than or equal to 1");
  out = number;
  return std::nullopt;
}

FieldError read_field(std::string_view key, value v, ChatRequest& request, Pending& pending) {
  if (key == "model") return read_string_field(v, "model", request.model);
  if (key == "messages") {
    pending.has_messages = true;
    return read_messages(v, request.messages);
  }
  if (key == "system" && !json::is_null(v)) return read_text_blocks(v, "system", pending.system);
  if (key == "max_tokens") {
    pending.has_max_tokens = true;
    return read_max_tokens(v, request.max_tokens);
  }
  if (key == "tools" && !json::is_null(v)) {
    return for_each_element(v, "tools", [&](const std::string& path, value item) {
      return read_tool(item, path, request.tools);
    });
  }
  if (key == "tool_choice") return read_tool_choice(v, request);
  if (key == "thinking") return read_thinking(v, request.reasoning_effort);
  if (key == "stop_sequences") return read_stop_sequences(v, request.stop);
  if (key == "temperature") return read_double(v, "temperature", request.temperature);
  if (key == "top_p") return read_double(v, "top_p", request.top_p);
  if (key == "stream") return read_bool_field(v, "stream", request.stream);
  if (key == "metadata") return read_metadata(v, request.user);
  return std::nullopt;  // top_k, context_management, output_config, service_tier, ...
}

Result<ChatRequest> read(std::string_view body) {
  json::JsonInput input;
  json::od::document doc;
  json::od::object root;
  if (input.open(body, doc) || doc.get_object().get(root)) return malformed();
  ChatRequest request;
  Pending pending;
  for (auto field : root) {
    std::string_view key;
    value v;
    if (field.unescaped_key().get(key) || field.value().get(v)) return malformed();
    if (auto error = read_field(key, v, request, pending)) return *error;
  }
  if (!json::at_end(doc)) return malformed();
  if (request.model.empty()) return invalid("model", "Field required");
  if (!pending.has_messages) return invalid("messages", "Field required");
  if (!pending.has_max_tokens) return invalid("max_tokens", "Field required");
  if (!pending.system.empty()) {
    request.messages.insert(request.messages.begin(), Message{"system", std::move(pending.system)});
  }
  request.include_usage = request.stream;  // Anthropic streams always report usage
  return request;
}

}  // namespace

std::string_view effort_for_budget(int64_t budget_tokens) {
  if (budget_tokens <= 2048) return "low";
  if (budget_tokens <= 8192) return "medium";
  return "high";
}

Result<ChatRequest> read_messages_request(std::string_view body) {
  try {
    return read(body);
  } catch (const std::exception&) {
    return malformed();  // simdjson may throw on input it cannot even frame
  }
}

}  // namespace sluice::providers::anthropic::inbound
