#include "providers/anthropic/encode_messages.h"

#include <string>
#include <vector>

#include "core/json_reader.h"

namespace sluice::providers::anthropic {
namespace {

using Error = std::optional<GatewayError>;

GatewayError untranslatable(const std::string& param, std::string_view problem) {
  return GatewayError{ErrorClass::bad_request, "'" + param + "' " + std::string(problem), param};
}

// One turn being built: its role and its content blocks, already serialized and comma-joined.
struct Turn {
  std::string role;
  std::string blocks;
};

// Appends one block, written by `write`, to a comma-joined list.
template <class F>
void add_block(std::string& blocks, F&& write) {
  if (!blocks.empty()) blocks += ',';
  JsonWriter json(blocks);
  write(json);
}

void write_cache_control(JsonWriter& json, const std::string& raw) {
  if (!raw.empty()) json.key("cache_control").raw(raw);
}

void write_text_block(JsonWriter& json, const ContentPart& part) {
  json.begin_object().field("type", "text").field("text", part.text);
  write_cache_control(json, part.cache_control);
  json.end_object();
}

// data:<media type>;base64,<data> -> a base64 source; http(s) URLs -> a url source.
Error write_image_block(JsonWriter& json, const ContentPart& part, const std::string& path) {
  const std::string_view url = part.image_url;
  json.begin_object().field("type", "image").key("source").begin_object();
  if (url.starts_with("data:")) {
    const auto marker = url.find(";base64,");
    if (marker == std::string_view::npos || marker <= 5) {
      return untranslatable(path, "must be a base64 data: URL with a media type, or an https URL.");
    }
    json.field("type", "base64").field("media_type", url.substr(5, marker - 5));
    json.field("data", url.substr(marker + 8));
  } else if (url.starts_with("https://") || url.starts_with("http://")) {
    json.field("type", "url").field("url", url);
  } else {
    return untranslatable(path, "must be an https URL or a base64 data: URL.");
  }
  json.end_object();
  write_cache_control(json, part.cache_control);
  json.end_object();
  return std::nullopt;
}

// Text and image parts; empty text is dropped (Anthropic rejects empty text blocks).
Error add_parts(std::string& blocks, const std::vector<ContentPart>& parts,
                const std::string& path) {
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const ContentPart& part = parts[i];
    if (part.kind == ContentPart::Kind::text) {
      if (!part.text.empty()) add_block(blocks, [&](JsonWriter& j) { write_text_block(j, part); });
      continue;
    }
    Error error;
    const std::string part_path = path + "[" + std::to_string(i) + "].image_url";
    add_block(blocks, [&](JsonWriter& j) { error = write_image_block(j, part, part_path); });
    if (error) return error;
  }
  return std::nullopt;
}

// The model's earlier calls; input must be an object, and arguments that do not parse as one
// become {} rather than failing the whole conversation.
void add_tool_uses(std::string& blocks, const std::vector<ToolCall>& calls) {
  for (const ToolCall& call : calls) {
    const std::string_view arguments = json::trim(call.arguments);
    add_block(blocks, [&](JsonWriter& j) {
      j.begin_object().field("type", "tool_use").field("id", call.id).field("name", call.name);
      j.key("input").raw(json::is_json_object(arguments) ? arguments : "{}").end_object();
    });
  }
}

// A tool message -> a tool_result block; one plain text part stays a string.
Error add_tool_result(std::string& blocks, const Message& message, const std::string& path) {
  std::string content;
  if (auto error = add_parts(content, message.content, path)) return error;
  const bool plain = message.content.size() == 1 &&
                     message.content[0].kind == ContentPart::Kind::text &&
                     message.content[0].cache_control.empty();
  add_block(blocks, [&](JsonWriter& j) {
    j.begin_object().field("type", "tool_result").field("tool_use_id", message.tool_call_id);
    if (plain && !content.empty()) {
      j.field("content", message.content[0].text);
    } else if (!content.empty()) {
      j.key("content").begin_array().raw(content).end_array();
    }
    j.end_object();
  });
  return std::nullopt;
}

Error blocks_for(const Message& message, const std::string& path, std::string& blocks) {
  if (message.role == "tool") return add_tool_result(blocks, message, path + ".content");
  if (auto error = add_parts(blocks, message.content, path + ".content")) return error;
  if (message.role == "assistant") add_tool_uses(blocks, message.tool_calls);
  return std::nullopt;
}

bool is_system(const Message& message) {
  return message.role == "system" || message.role == "developer";
}

}  // namespace

std::optional<GatewayError> write_system(JsonWriter& json, const std::vector<Message>& messages) {
  std::string blocks;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (!is_system(messages[i])) continue;
    const auto& parts = messages[i].content;
    for (std::size_t j = 0; j < parts.size(); ++j) {
      if (parts[j].kind != ContentPart::Kind::text) {
        return untranslatable(
            "messages[" + std::to_string(i) + "].content[" + std::to_string(j) + "]",
            "must be text: system messages cannot hold images.");
      }
      if (!parts[j].text.empty()) {
        add_block(blocks, [&](JsonWriter& w) { write_text_block(w, parts[j]); });
      }
    }
  }
  if (!blocks.empty()) json.key("system").begin_array().raw(blocks).end_array();
  return std::nullopt;
}

std::optional<GatewayError> write_messages(JsonWriter& json, const std::vector<Message>& messages) {
  std::vector<Turn> turns;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const Message& message = messages[i];
    if (is_system(message)) continue;
    std::string blocks;
    if (auto error = blocks_for(message, "messages[" + std::to_string(i) + "]", blocks)) {
      return error;
    }
    if (blocks.empty()) continue;  // nothing to say: dropping it keeps the turns non-empty
    const char* role = message.role == "assistant" ? "assistant" : "user";
    if (!turns.empty() && turns.back().role == role) {
      turns.back().blocks += ',' + blocks;
    } else {
      turns.push_back(Turn{role, std::move(blocks)});
    }
  }
  json.key("messages").begin_array();
  for (const Turn& turn : turns) {
    json.begin_object().field("role", turn.role).key("content").begin_array();
    json.raw(turn.blocks).end_array().end_object();
  }
  json.end_array();
  return std::nullopt;
}

}  // namespace sluice::providers::anthropic
