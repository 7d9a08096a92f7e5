#include "providers/bedrock/encode_messages.h"

#include <array>
#include <string>
#include <utility>

#include "core/json_reader.h"

namespace sluice::providers::bedrock {
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

template <class F>
void add_block(std::string& blocks, F&& write) {
  if (!blocks.empty()) blocks += ',';
  JsonWriter json(blocks);
  write(json);
}

// Converse's image formats and the media types that name them.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kImageFormats{{
    {"image/png", "png"},
    {"image/jpeg", "jpeg"},
    {"image/jpg", "jpeg"},
    {"image/gif", "gif"},
    {"image/webp", "webp"},
}};

// data:<media type>;base64,<data> -> {"image":{"format","source":{"bytes"}}}.
Error add_image(std::string& blocks, const ContentPart& part, const std::string& path) {
  const std::string_view url = part.image_url;
  if (url.starts_with("http://") || url.starts_with("https://")) {
    return untranslatable(path,
                          "must be a base64 data: URL: Bedrock's Converse API cannot fetch image "
                          "URLs.");
  }
  const auto marker = url.find(";base64,");
  if (!url.starts_with("data:") || marker == std::string_view::npos) {
    return untranslatable(path, "must be a base64 data: URL (data:image/png;base64,...).");
  }
  const std::string_view media_type = url.substr(5, marker - 5);
  std::string_view format;
  for (const auto& [type, name] : kImageFormats) {
    if (type == media_type) format = name;
  }
  if (format.empty()) {
    return untranslatable(path, "must be a png, jpeg, gif or webp image for Bedrock.");
  }
  add_block(blocks, [&](JsonWriter& j) {
    j.begin_object().key("image").begin_object().field("format", format);
    j.key("source").begin_object().field("bytes", url.substr(marker + 8)).end_object();
    j.end_object().end_object();
  });
  return std::nullopt;
}

// Text and image parts; empty text is dropped (Converse rejects blank text blocks).
Error add_parts(std::string& blocks, const std::vector<ContentPart>& parts,
                const std::string& path) {
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const ContentPart& part = parts[i];
    if (part.kind == ContentPart::Kind::text) {
      if (part.text.empty()) continue;
      add_block(blocks,
                [&](JsonWriter& j) { j.begin_object().field("text", part.text).end_object(); });
      continue;
    }
    if (auto error = add_image(blocks, part, path + "[" + std::to_string(i) + "].image_url")) {
      return error;
    }
  }
  return std::nullopt;
}

// The model's earlier calls; input must be an object, and arguments that do not parse as one
// become {} rather than failing the whole conversation.
void add_tool_uses(std::string& blocks, const std::vector<ToolCall>& calls) {
  for (const ToolCall& call : calls) {
    const std::string_view arguments = json::trim(call.arguments);
    add_block(blocks, [&](JsonWriter& j) {
      j.begin_object().key("toolUse").begin_object();
      j.field("toolUseId", call.id).field("name", call.name);
      j.key("input").raw(json::is_json_object(arguments) ? arguments : "{}");
      j.end_object().end_object();
    });
  }
}

// A tool message -> a toolResult block with its text and image parts.
Error add_tool_result(std::string& blocks, const Message& message, const std::string& path) {
  std::string content;
  if (auto error = add_parts(content, message.content, path)) return error;
  add_block(blocks, [&](JsonWriter& j) {
    j.begin_object().key("toolResult").begin_object();
    j.field("toolUseId", message.tool_call_id);
    j.key("content").begin_array().raw(content).end_array();
    j.end_object().end_object();
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

bool has_tool_history(const std::vector<Message>& messages) {
  for (const Message& message : messages) {
    if (message.role == "tool" || !message.tool_calls.empty()) return true;
  }
  return false;
}

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
      if (parts[j].text.empty()) continue;
      add_block(blocks,
                [&](JsonWriter& w) { w.begin_object().field("text", parts[j].text).end_object(); });
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

}  // namespace sluice::providers::bedrock
