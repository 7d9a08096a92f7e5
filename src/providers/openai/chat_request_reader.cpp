#include "providers/openai/chat_request_reader.h"

#include "providers/openai/chat_message_reader.h"

namespace sluice::providers::openai {
namespace {

using json::od::value;

GatewayError malformed() {
  return GatewayError{ErrorClass::bad_request,
                      "We could not parse the JSON body of your request. The body must be a "
                      "JSON object."};
}

FieldError read_raw(value v, const std::string& path, std::string& out) {
  std::string_view raw;
  if (json::raw_json(v, raw)) return invalid_field(path, "is not valid JSON.");
  out.assign(raw);
  return std::nullopt;
}

// tools[i]: {"type":"function","function":{name, description, parameters, strict}}.
FieldError read_tool(value v, const std::string& path, Tool& tool) {
  std::string type;
  auto error = for_each_field(v, path, [&](std::string_view key, value item) -> FieldError {
    if (key == "type") return read_optional_string(item, path + ".type", type);
    if (key == "cache_control") return read_raw(item, path + ".cache_control", tool.cache_control);
    if (key != "function") return std::nullopt;
    const std::string fn = path + ".function";
    return for_each_field(item, fn, [&](std::string_view k, value field) -> FieldError {
      if (k == "name") return read_optional_string(field, fn + ".name", tool.name);
      if (k == "description")
        return read_optional_string(field, fn + ".description", tool.description);
      if (k == "parameters" && !json::is_null(field))
        return read_raw(field, fn + ".parameters", tool.parameters);
      return std::nullopt;
    });
  });
  if (error) return error;
  if (type != "function") return invalid_field(path + ".type", "must be 'function'.");
  if (tool.name.empty()) return invalid_field(path + ".function.name", "is required.");
  if (tool.parameters.empty()) tool.parameters = "{}";
  if (tool.cache_control == "null") tool.cache_control.clear();
  return std::nullopt;
}

FieldError read_tools(value v, std::vector<Tool>& tools) {
  if (json::is_null(v)) return std::nullopt;
  return for_each_element(v, "tools", [&](const std::string& path, value item) {
    Tool tool;
    auto error = read_tool(item, path, tool);
    if (!error) tools.push_back(std::move(tool));
    return error;
  });
}

// tool_choice: "auto" | "none" | "required" | {"type":"function","function":{"name"}}.
FieldError read_tool_choice(value v, ToolChoice& choice) {
  if (json::is_null(v)) return std::nullopt;
  std::string mode;
  if (read_string(v, mode)) {
    if (mode == "auto")
      choice.mode = ToolChoice::Mode::auto_;
    else if (mode == "none")
      choice.mode = ToolChoice::Mode::none;
    else if (mode == "required")
      choice.mode = ToolChoice::Mode::required;
    else
      return invalid_field("tool_choice", "must be 'auto', 'none', 'required' or a function.");
    return std::nullopt;
  }
  auto error =
      for_each_field(v, "tool_choice", [&](std::string_view key, value item) -> FieldError {
        if (key == "type") return read_optional_string(item, "tool_choice.type", mode);
        if (key != "function") return std::nullopt;
        return for_each_field(item, "tool_choice.function", [&](std::string_view k, value name) {
          return k == "name"
                     ? read_optional_string(name, "tool_choice.function.name", choice.function)
                     : FieldError{};
        });
      });
  if (error) return error;
  if (mode != "function") return invalid_field("tool_choice.type", "must be 'function'.");
  if (choice.function.empty()) return invalid_field("tool_choice.function.name", "is required.");
  choice.mode = ToolChoice::Mode::function;
  return std::nullopt;
}

// json_schema: {"name","schema","strict","description"}.
FieldError read_json_schema(value v, ResponseFormat& format) {
  const std::string path = "response_format.json_schema";
  return for_each_field(v, path, [&](std::string_view key, value item) -> FieldError {
    if (key == "name") return read_optional_string(item, path + ".name", format.name);
    if (key == "schema") return read_raw(item, path + ".schema", format.schema);
    if (key == "strict" && !json::is_null(item) && item.get_bool().get(format.strict)) {
      return invalid_field(path + ".strict", "must be a boolean.");
    }
    return std::nullopt;
  });
}

// response_format: {"type":"text"|"json_object"|"json_schema", "json_schema":{...}}.
FieldError read_response_format(value v, ResponseFormat& format) {
  if (json::is_null(v)) return std::nullopt;
  std::string type;
  auto error =
      for_each_field(v, "response_format", [&](std::string_view key, value item) -> FieldError {
        if (key == "type") return read_optional_string(item, "response_format.type", type);
        if (key == "json_schema") return read_json_schema(item, format);
        return std::nullopt;
      });
  if (error) return error;
  if (type == "text") {
    format.kind = ResponseFormat::Kind::text;
  } else if (type == "json_object") {
    format.kind = ResponseFormat::Kind::json_object;
  } else if (type == "json_schema") {
    format.kind = ResponseFormat::Kind::json_schema;
    if (format.name.empty())
      return invalid_field("response_format.json_schema.name", "is required.");
    if (format.schema.empty()) format.schema = "{}";
  } else {
    return invalid_field("response_format.type", "must be 'text', 'json_object' or 'json_schema'.");
  }
  return std::nullopt;
}

// stop: a string or an array of strings.
FieldError read_stop(value v, std::vector<std::string>& stop) {
  if (json::is_null(v)) return std::nullopt;
  std::string one;
  if (read_string(v, one)) {
    stop.push_back(std::move(one));
    return std::nullopt;
  }
  return for_each_element(v, "stop", [&](const std::string& path, value item) -> FieldError {
    if (!read_string(item, one)) return invalid_field(path, "must be a string.");
    stop.push_back(one);
    return std::nullopt;
  });
}

FieldError read_stream_options(value v, bool& include_usage) {
  if (json::is_null(v)) return std::nullopt;
  return for_each_field(v, "stream_options", [&](std::string_view key, value item) -> FieldError {
    if (key != "include_usage" || json::is_null(item)) return std::nullopt;
    if (item.get_bool().get(include_usage)) {
      return invalid_field("stream_options.include_usage", "must be a boolean.");
    }
    return std::nullopt;
  });
}

template <class T>
FieldError read_number(value v, const char* name, std::optional<T>& out) {
  if (json::is_null(v)) return std::nullopt;
  T number{};
  if constexpr (std::is_same_v<T, double>) {
    if (v.get_double().get(number)) return invalid_field(name, "must be a number.");
  } else {
    if (v.get_int64().get(number) || number < 1)
      return invalid_field(name, "must be a positive integer.");
  }
  out = number;
  return std::nullopt;
}

FieldError read_bool(value v, const char* name, bool& out) {
  if (json::is_null(v) || v.get_bool().get(out) == simdjson::SUCCESS) return std::nullopt;
  return invalid_field(name, "must be a boolean.");
}

// The fields of the request that are not messages.
FieldError read_field(std::string_view key, value v, ChatRequest& request,
                      std::optional<int64_t>& max_completion_tokens) {
  if (key == "model") return read_optional_string(v, "model", request.model);
  if (key == "messages") return read_messages(v, request.messages);
  if (key == "tools") return read_tools(v, request.tools);
  if (key == "tool_choice") return read_tool_choice(v, request.tool_choice);
  if (key == "parallel_tool_calls") {
    bool parallel = true;
    auto error = read_bool(v, "parallel_tool_calls", parallel);
    if (!error && !json::is_null(v)) request.parallel_tool_calls = parallel;
    return error;
  }
  if (key == "response_format") return read_response_format(v, request.response_format);
  if (key == "max_tokens") return read_number(v, "max_tokens", request.max_tokens);
  if (key == "max_completion_tokens")
    return read_number(v, "max_completion_tokens", max_completion_tokens);
  if (key == "temperature") return read_number(v, "temperature", request.temperature);
  if (key == "top_p") return read_number(v, "top_p", request.top_p);
  if (key == "stop") return read_stop(v, request.stop);
  if (key == "reasoning_effort")
    return read_optional_string(v, "reasoning_effort", request.reasoning_effort);
  if (key == "stream") return read_bool(v, "stream", request.stream);
  if (key == "stream_options") return read_stream_options(v, request.include_usage);
  if (key == "user") return read_optional_string(v, "user", request.user);
  return std::nullopt;
}

Result<ChatRequest> read(std::string_view body) {
  json::JsonInput input;
  json::od::document doc;
  json::od::object root;
  if (input.open(body, doc) || doc.get_object().get(root)) return malformed();
  ChatRequest request;
  std::optional<int64_t> max_completion_tokens;
  bool has_messages = false;
  for (auto field : root) {
    std::string_view key;
    value v;
    if (field.unescaped_key().get(key) || field.value().get(v)) return malformed();
    has_messages = has_messages || key == "messages";
    if (auto error = read_field(key, v, request, max_completion_tokens)) return *error;
  }
  if (!json::at_end(doc)) return malformed();
  if (request.model.empty()) return invalid_field("model", "is required.");
  if (!has_messages) return invalid_field("messages", "is required.");
  // max_completion_tokens replaced max_tokens; when both are sent the newer one wins.
  if (max_completion_tokens) request.max_tokens = max_completion_tokens;
  if (!request.stream) request.include_usage = false;
  return request;
}

}  // namespace

Result<ChatRequest> read_chat_request(std::string_view body) {
  try {
    return read(body);
  } catch (const std::exception&) {
    return malformed();  // simdjson may throw on input it cannot even frame
  }
}

}  // namespace sluice::providers::openai
