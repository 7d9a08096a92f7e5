#include "bedrock_request.h"

#include "json_reader.h"

namespace mock {

namespace {

namespace od = simdjson::ondemand;

// The text of one message's blocks (text and toolResult texts apart), and whether it held a
// toolResult.
struct MessageText {
  std::string role;
  std::string text;
  std::string tool_text;
  bool tool_result = false;
};

bool read_tool_result(od::object result, MessageText& out) {
  od::array content;
  if (result["content"].get_array().get(content)) return true;  // content is optional
  for (auto block : content) {
    std::string_view text;
    if (!block["text"].get_string().get(text)) out.tool_text.append(text);
  }
  return true;
}

bool read_message(od::object message, MessageText& out) {
  out.role.clear();
  out.text.clear();
  out.tool_text.clear();
  out.tool_result = false;
  for (auto field : message) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return false;
    if (key == "role") {
      std::string_view role;
      if (field.value().get_string().get(role)) return false;
      out.role.assign(role);
    } else if (key == "content") {
      od::array blocks;
      if (field.value().get_array().get(blocks)) return false;
      for (auto block_result : blocks) {
        od::object block;
        if (block_result.get_object().get(block)) return false;
        for (auto item : block) {
          std::string_view kind, text;
          if (item.unescaped_key().get(kind)) return false;
          od::object result;
          if (kind == "text" && !item.value().get_string().get(text)) out.text.append(text);
          if (kind == "toolResult" && !item.value().get_object().get(result)) {
            out.tool_result = true;
            if (!read_tool_result(result, out)) return false;
          }
        }
      }
    }
  }
  return true;
}

void read_tool_config(od::object config, ChatInput& in) {
  for (auto field : config) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return;
    if (key == "tools") {
      od::array tools;
      if (field.value().get_array().get(tools)) return;
      for (auto tool : tools) {
        std::string_view name;
        if (tool["toolSpec"]["name"].get_string().get(name)) continue;
        if (!in.has_tools) in.tool_name.assign(name);
        in.has_tools = true;
      }
    } else if (key == "toolChoice") {
      std::string_view name;
      od::object choice;
      if (field.value().get_object().get(choice)) return;
      if (!choice["tool"]["name"].get_string().get(name)) in.tool_name.assign(name);
    }
  }
}

RequestError validation(std::string message) { return RequestError{std::move(message), "", ""}; }

}  // namespace

std::optional<RequestError> parse_converse_request(std::string& body, std::string_view model,
                                                   bool stream, ChatInput& in, Faults& faults) {
  in.clear();
  in.model.assign(model);
  in.stream = stream;
  in.include_usage = true;
  od::document doc;
  od::object root;
  if (thread_parser().iterate(padded(body)).get(doc) || doc.get_object().get(root)) {
    return validation("Malformed input request, please reformat your input and try again.");
  }
  std::string last_user_raw;
  bool has_messages = false;
  MessageText message;
  for (auto field : root) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return validation("Malformed input request.");
    if (key == "messages") {
      od::array messages;
      if (field.value().get_array().get(messages)) {
        return validation("Malformed input request: messages must be an array.");
      }
      for (auto item : messages) {
        od::object object;
        if (item.get_object().get(object) || !read_message(object, message)) {
          return validation("Malformed input request: invalid message.");
        }
        has_messages = true;
        in.text_bytes += message.text.size() + message.tool_text.size();
        in.last_role = message.tool_result ? "tool" : message.role;
        if (message.tool_result) in.last_tool_text = message.tool_text;
        if (message.role == "user" && !message.text.empty()) last_user_raw = message.text;
      }
    } else if (key == "system") {
      od::array system;
      if (field.value().get_array().get(system)) return validation("Malformed input request.");
      for (auto block : system) {
        std::string_view text;
        if (!block["text"].get_string().get(text)) in.text_bytes += text.size();
      }
    } else if (key == "toolConfig") {
      od::object config;
      if (!field.value().get_object().get(config)) read_tool_config(config, in);
    }
  }
  if (!has_messages) {
    return validation(
        "A conversation must start with a user message. Try again with a "
        "conversation that starts with a user message.");
  }
  extract_directive(last_user_raw, faults, in.last_user_text);
  return std::nullopt;
}

}  // namespace mock
