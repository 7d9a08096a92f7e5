#include "providers/openai/encode_messages.h"

#include <string>

namespace sluice::providers::openai {
namespace {

using Error = std::optional<GatewayError>;

// A tool result that was only images still needs words in the tool message.
constexpr std::string_view kImageOnlyResult = "(the result is the image in the next message)";

bool all_text(const std::vector<ContentPart>& parts) {
  for (const auto& part : parts) {
    if (part.kind != ContentPart::Kind::text) return false;
  }
  return true;
}

// Text parts joined by a blank line (how separate blocks read as one prompt).
std::string joined_text(const std::vector<ContentPart>& parts) {
  std::string text;
  for (const auto& part : parts) {
    if (part.kind != ContentPart::Kind::text || part.text.empty()) continue;
    if (!text.empty()) text += "\n\n";
    text += part.text;
  }
  return text;
}

void write_image_part(JsonWriter& json, const ContentPart& part) {
  json.begin_object().field("type", "image_url").key("image_url").begin_object();
  json.field("url", part.image_url);
  if (!part.detail.empty()) json.field("detail", part.detail);
  json.end_object().end_object();
}

// content: one string when all parts are text, else an array of text and image_url parts.
void write_content(JsonWriter& json, const std::vector<ContentPart>& parts) {
  json.key("content");
  if (all_text(parts)) {
    json.string(joined_text(parts));
    return;
  }
  json.begin_array();
  for (const auto& part : parts) {
    if (part.kind == ContentPart::Kind::image) {
      write_image_part(json, part);
    } else if (!part.text.empty()) {
      json.begin_object().field("type", "text").field("text", part.text).end_object();
    }
  }
  json.end_array();
}

void write_assistant(JsonWriter& json, const Message& message) {
  json.begin_object().field("role", "assistant");
  if (!message.name.empty()) json.field("name", message.name);
  const std::string text = joined_text(message.content);
  json.key("content");
  // null, not "", when the turn is only tool calls: some servers read "" as a text turn.
  if (text.empty() && !message.tool_calls.empty()) {
    json.null();
  } else {
    json.string(text);
  }
  if (!message.tool_calls.empty()) {
    json.key("tool_calls").begin_array();
    for (const ToolCall& call : message.tool_calls) {
      json.begin_object().field("id", call.id).field("type", "function");
      json.key("function").begin_object().field("name", call.name);
      json.field("arguments", call.arguments.empty() ? "{}" : call.arguments);
      json.end_object().end_object();
    }
    json.end_array();
  }
  json.end_object();
}

// A tool message: its text only; its images are appended to `images` for the next user turn.
void write_tool(JsonWriter& json, const Message& message, std::vector<ContentPart>& images) {
  std::string text = joined_text(message.content);
  for (const auto& part : message.content) {
    if (part.kind == ContentPart::Kind::image) images.push_back(part);
  }
  if (text.empty() && !images.empty()) text = kImageOnlyResult;
  json.begin_object().field("role", "tool").field("tool_call_id", message.tool_call_id);
  json.field("content", text).end_object();
}

Error write_plain(JsonWriter& json, const Message& message, std::size_t index) {
  const bool system = message.role == "system" || message.role == "developer";
  if (system && !all_text(message.content)) {
    const std::string param = "messages[" + std::to_string(index) + "].content";
    return GatewayError{ErrorClass::bad_request,
                        "'" + param + "' must be text: system messages cannot hold images.", param};
  }
  json.begin_object().field("role", message.role);
  if (!message.name.empty()) json.field("name", message.name);
  write_content(json, message.content);
  json.end_object();
  return std::nullopt;
}

void flush_images(JsonWriter& json, std::vector<ContentPart>& images) {
  if (images.empty()) return;
  json.begin_object().field("role", "user");
  write_content(json, images);
  json.end_object();
  images.clear();
}

}  // namespace

std::optional<GatewayError> write_chat_messages(JsonWriter& json,
                                                const std::vector<Message>& messages) {
  json.key("messages").begin_array();
  std::vector<ContentPart> tool_images;  // held until the run of tool messages ends
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const Message& message = messages[i];
    if (message.role != "tool") flush_images(json, tool_images);
    if (message.role == "assistant") {
      write_assistant(json, message);
    } else if (message.role == "tool") {
      write_tool(json, message, tool_images);
    } else if (auto error = write_plain(json, message, i)) {
      return error;
    }
  }
  flush_images(json, tool_images);
  json.end_array();
  return std::nullopt;
}

}  // namespace sluice::providers::openai
