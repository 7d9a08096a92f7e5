#include "chat_request.h"

#include "json_reader.h"

namespace mock {

namespace od = simdjson::ondemand;

void ChatInput::clear() {
  model.clear();
  stream = include_usage = has_tools = tool_choice_none = false;
  tool_name.clear();
  last_role.clear();
  last_user_text.clear();
  last_tool_text.clear();
  text_bytes = 0;
}

namespace {

// Per-parse scratch kept per thread so long conversations do not allocate on every message.
struct Scratch {
  std::string text;           // the current message's text
  std::string last_user_raw;  // the last user message's text, directive not yet stripped
};

Scratch& thread_scratch() {
  thread_local Scratch scratch;
  return scratch;
}

// Reads one message: its role and text. Returns false on a wrong type.
bool read_message(od::value message, std::string& role, std::string& text) {
  od::object obj;
  if (message.get_object().get(obj)) return false;
  for (auto field_result : obj) {
    od::field field;
    std::string_view key;
    if (std::move(field_result).get(field) || field.unescaped_key().get(key)) return false;
    if (key == "role") {
      std::string_view r;
      if (field.value().get_string().get(r)) return false;
      role.assign(r);
    } else if (key == "content") {
      if (!append_text_content(field.value(), text)) return false;
    }
  }
  return true;
}

// Reads the messages array, remembering the last role, last user text and last tool text.
std::optional<RequestError> read_messages(od::value value, ChatInput& in, Scratch& s, bool& any) {
  od::array messages;
  if (value.get_array().get(messages)) {
    return RequestError{"Invalid type for 'messages': expected an array.", "messages",
                        "invalid_type"};
  }
  for (auto message_result : messages) {
    od::value message;
    s.text.clear();
    in.last_role.clear();
    if (std::move(message_result).get(message) || !read_message(message, in.last_role, s.text)) {
      return bad_json_error();
    }
    any = true;
    in.text_bytes += s.text.size();
    if (in.last_role == "user") s.last_user_raw.swap(s.text);
    if (in.last_role == "tool") in.last_tool_text.assign(s.text);
  }
  return std::nullopt;
}

// Reads `tools`: only whether there is one and the first function's name matter.
bool read_tools(od::value value, ChatInput& in) {
  od::array tools;
  if (value.get_array().get(tools)) return false;
  for (auto tool : tools) {
    if (in.has_tools) continue;  // later tools are skipped by the iterator
    in.has_tools = true;
    std::string_view name;
    if (!tool["function"]["name"].get_string().get(name) && in.tool_name.empty()) {
      in.tool_name.assign(name);
    }
  }
  return true;
}

// Reads tool_choice: "none" disables tools; {"function":{"name":X}} picks tool X.
bool read_tool_choice(od::value value, ChatInput& in) {
  od::json_type type;
  if (value.type().get(type)) return false;
  if (type == od::json_type::string) {
    std::string_view choice;
    if (value.get_string().get(choice)) return false;
    in.tool_choice_none = choice == "none";
  } else if (type == od::json_type::object) {
    std::string_view name;
    if (!value["function"]["name"].get_string().get(name)) in.tool_name.assign(name);
  }
  return true;
}

bool read_stream_options(od::value value, ChatInput& in) {
  od::object obj;
  if (value.get_object().get(obj)) return true;  // null or absent: keep the default
  bool include = false;
  if (!obj["include_usage"].get_bool().get(include)) in.include_usage = include;
  return true;
}

bool read_stream(od::value value, ChatInput& in) {
  bool is_null = false;
  if (!value.is_null().get(is_null) && is_null) return true;
  return !value.get_bool().get(in.stream);
}

// Reads one top-level field; returns false on a wrong type.
std::optional<RequestError> read_field(std::string_view key, od::value value, ChatInput& in,
                                       Scratch& s, bool& has_messages, bool& any_message) {
  bool ok = true;
  if (key == "model") {
    std::string_view model;
    ok = !value.get_string().get(model);
    in.model.assign(model);
  } else if (key == "messages") {
    has_messages = true;
    return read_messages(value, in, s, any_message);
  } else if (key == "stream") {
    ok = read_stream(value, in);
  } else if (key == "stream_options") {
    ok = read_stream_options(value, in);
  } else if (key == "tools") {
    ok = read_tools(value, in);
  } else if (key == "tool_choice") {
    ok = read_tool_choice(value, in);
  }
  if (!ok) return bad_json_error();
  return std::nullopt;
}

}  // namespace

std::optional<RequestError> parse_chat_request(std::string& body, ChatInput& in, Faults& faults) {
  in.clear();
  Scratch& s = thread_scratch();
  s.last_user_raw.clear();
  od::document doc;
  od::object obj;
  if (thread_parser().iterate(padded(body)).get(doc) || doc.get_object().get(obj)) {
    return bad_json_error();
  }
  bool has_messages = false, any_message = false;
  for (auto field_result : obj) {
    od::field field;
    std::string_view key;
    if (std::move(field_result).get(field) || field.unescaped_key().get(key))
      return bad_json_error();
    if (auto err = read_field(key, field.value(), in, s, has_messages, any_message)) return err;
  }
  if (in.model.empty()) return RequestError{"you must provide a model parameter", "", ""};
  if (!has_messages) {
    return RequestError{"Missing required parameter: 'messages'.", "messages",
                        "missing_required_parameter"};
  }
  if (!any_message) {
    return RequestError{
        "Invalid 'messages': empty array. Expected an array with minimum length 1, "
        "but got an empty array instead.",
        "messages", "empty_array"};
  }
  extract_directive(s.last_user_raw, faults, in.last_user_text);
  return std::nullopt;
}

}  // namespace mock
