#include "providers/openai/chat_message_reader.h"

namespace sluice::providers::openai {
namespace {

using json::od::value;

// image_url is {"url","detail"} (current API) or a bare URL string (older clients).
FieldError read_image_url(value v, const std::string& path, ContentPart& part) {
  if (read_string(v, part.image_url)) return std::nullopt;
  auto error = for_each_field(v, path, [&](std::string_view key, value item) -> FieldError {
    if (key == "url") return read_optional_string(item, path + ".url", part.image_url);
    if (key == "detail") return read_optional_string(item, path + ".detail", part.detail);
    return std::nullopt;
  });
  if (error) return error;
  if (part.image_url.empty()) return invalid_field(path + ".url", "is required.");
  return std::nullopt;
}

// The kind of a part from its type, once all its fields were read.
FieldError settle_part_kind(const std::string& type, bool has_text, const std::string& path,
                            ContentPart& part) {
  if (type == "text") {
    if (!has_text) return invalid_field(path + ".text", "is required.");
    part.kind = ContentPart::Kind::text;
  } else if (type == "image_url") {
    if (part.image_url.empty()) return invalid_field(path + ".image_url", "is required.");
    part.kind = ContentPart::Kind::image;
  } else if (type.empty()) {
    return invalid_field(path + ".type", "is required.");
  } else {
    return invalid_field(path + ".type",
                         "'" + type + "' is not a content part type this model accepts.");
  }
  return std::nullopt;
}

// One element of an array content: {"type":"text","text"} or {"type":"image_url",...}, with
// an optional cache_control marker (sent by clients that target Anthropic through OpenAI).
FieldError read_part(value v, const std::string& path, ContentPart& part) {
  std::string type;
  bool has_text = false;
  auto error = for_each_field(v, path, [&](std::string_view key, value item) -> FieldError {
    if (key == "type") return read_optional_string(item, path + ".type", type);
    if (key == "text") {
      has_text = true;
      if (!read_string(item, part.text)) return invalid_field(path + ".text", "must be a string.");
    } else if (key == "image_url") {
      return read_image_url(item, path + ".image_url", part);
    } else if (key == "cache_control" && !json::is_null(item)) {
      std::string_view raw;
      if (json::raw_json(item, raw)) return invalid_field(path + ".cache_control", "is invalid.");
      part.cache_control.assign(raw);
    }
    return std::nullopt;
  });
  if (error) return error;
  return settle_part_kind(type, has_text, path, part);
}

// content: null, a string, or an array of parts.
FieldError read_content(value v, const std::string& path, Message& message) {
  if (json::is_null(v)) return std::nullopt;
  std::string text;
  if (read_string(v, text)) {
    message.content.push_back(ContentPart{ContentPart::Kind::text, std::move(text)});
    return std::nullopt;
  }
  json::od::json_type type;
  if (v.type().get(type) || type != json::od::json_type::array) {
    return invalid_field(path, "must be a string or an array of content parts.");
  }
  return for_each_element(v, path, [&](const std::string& item_path, value item) {
    ContentPart part;
    auto error = read_part(item, item_path, part);
    if (!error) message.content.push_back(std::move(part));
    return error;
  });
}

// function: {"name","arguments"}; arguments is JSON text (an object is accepted as well).
FieldError read_function(value v, const std::string& path, ToolCall& call) {
  auto error = for_each_field(v, path, [&](std::string_view key, value item) -> FieldError {
    if (key == "name") return read_optional_string(item, path + ".name", call.name);
    if (key == "arguments" && !read_string(item, call.arguments) && !json::is_null(item)) {
      std::string_view raw;
      if (json::raw_json(item, raw)) return invalid_field(path + ".arguments", "is invalid.");
      call.arguments.assign(raw);
    }
    return std::nullopt;
  });
  if (error) return error;
  if (call.name.empty()) return invalid_field(path + ".name", "is required.");
  return std::nullopt;
}

FieldError read_tool_call(value v, const std::string& path, ToolCall& call) {
  bool has_function = false;
  auto error = for_each_field(v, path, [&](std::string_view key, value item) -> FieldError {
    if (key == "id") return read_optional_string(item, path + ".id", call.id);
    if (key != "function") return std::nullopt;
    has_function = true;
    return read_function(item, path + ".function", call);
  });
  if (error) return error;
  if (!has_function) return invalid_field(path + ".function", "is required.");
  return std::nullopt;
}

FieldError read_tool_calls(value v, const std::string& path, Message& message) {
  if (json::is_null(v)) return std::nullopt;
  return for_each_element(v, path, [&](const std::string& item_path, value item) {
    ToolCall call;
    auto error = read_tool_call(item, item_path, call);
    if (!error) message.tool_calls.push_back(std::move(call));
    return error;
  });
}

// Reads one field of a message object into `message`.
FieldError read_message_field(std::string_view key, value v, const std::string& path,
                              Message& message) {
  if (key == "role") {
    if (!read_string(v, message.role)) return invalid_field(path + ".role", "must be a string.");
  } else if (key == "content") {
    return read_content(v, path + ".content", message);
  } else if (key == "tool_calls") {
    return read_tool_calls(v, path + ".tool_calls", message);
  } else if (key == "tool_call_id") {
    return read_optional_string(v, path + ".tool_call_id", message.tool_call_id);
  } else if (key == "name") {
    return read_optional_string(v, path + ".name", message.name);
  }
  return std::nullopt;
}

bool known_role(std::string_view role) {
  return role == "system" || role == "developer" || role == "user" || role == "assistant" ||
         role == "tool";
}

FieldError read_message(value v, const std::string& path, Message& message) {
  auto error = for_each_field(v, path, [&](std::string_view key, value item) {
    return read_message_field(key, item, path, message);
  });
  if (error) return error;
  if (message.role.empty()) return invalid_field(path + ".role", "is required.");
  if (!known_role(message.role)) {
    return invalid_field(path + ".role",
                         "must be one of system, developer, user, assistant, tool.");
  }
  if (message.role == "tool" && message.tool_call_id.empty()) {
    return invalid_field(path + ".tool_call_id", "is required for role 'tool'.");
  }
  return std::nullopt;
}

}  // namespace

GatewayError invalid_field(const std::string& param, std::string_view problem) {
  return GatewayError{ErrorClass::bad_request, "'" + param + "' " + std::string(problem), param};
}

bool read_string(value v, std::string& out) {
  std::string_view text;
  if (v.get_string().get(text)) return false;
  out.assign(text);
  return true;
}

FieldError read_optional_string(value v, const std::string& path, std::string& out) {
  if (json::is_null(v) || read_string(v, out)) return std::nullopt;
  return invalid_field(path, "must be a string.");
}

FieldError read_messages(value v, std::vector<Message>& messages) {
  json::od::json_type type;
  if (v.type().get(type) || type != json::od::json_type::array) {
    return invalid_field("messages", "must be an array of message objects.");
  }
  auto error = for_each_element(v, "messages", [&](const std::string& path, value item) {
    Message message;
    auto error = read_message(item, path, message);
    if (!error) messages.push_back(std::move(message));
    return error;
  });
  if (error) return error;
  if (messages.empty()) return invalid_field("messages", "must contain at least one message.");
  return std::nullopt;
}

}  // namespace sluice::providers::openai
