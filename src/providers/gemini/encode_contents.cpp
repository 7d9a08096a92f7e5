#include "providers/gemini/encode_contents.h"

#include <array>
#include <cctype>
#include <string>
#include <utility>

#include "core/json_reader.h"

namespace sluice::providers::gemini {
namespace {

using Error = std::optional<GatewayError>;

GatewayError untranslatable(const std::string& param, std::string_view problem) {
  return GatewayError{ErrorClass::bad_request, "'" + param + "' " + std::string(problem), param};
}

// One turn being built: its role and its parts, already serialized and comma-joined.
struct Turn {
  std::string role;
  std::string parts;
};

template <class F>
void add_part(std::string& parts, F&& write) {
  if (!parts.empty()) parts += ',';
  JsonWriter json(parts);
  write(json);
}

// data:<type>;base64,<data> -> inlineData; http(s) URLs -> fileData with a guessed type.
Error add_image(std::string& parts, const ContentPart& part, const std::string& path) {
  const std::string_view url = part.image_url;
  if (url.starts_with("data:")) {
    const auto marker = url.find(";base64,");
    if (marker == std::string_view::npos || marker <= 5) {
      return untranslatable(path, "must be a base64 data: URL with a media type, or an https URL.");
    }
    add_part(parts, [&](JsonWriter& j) {
      j.begin_object().key("inlineData").begin_object();
      j.field("mimeType", url.substr(5, marker - 5)).field("data", url.substr(marker + 8));
      j.end_object().end_object();
    });
    return std::nullopt;
  }
  if (!url.starts_with("https://") && !url.starts_with("http://")) {
    return untranslatable(path, "must be an https URL or a base64 data: URL.");
  }
  add_part(parts, [&](JsonWriter& j) {
    j.begin_object().key("fileData").begin_object();
    j.field("mimeType", mime_type_for_url(url)).field("fileUri", url);
    j.end_object().end_object();
  });
  return std::nullopt;
}

// Text and image parts; empty text is dropped (Gemini rejects empty parts).
Error add_parts(std::string& parts, const std::vector<ContentPart>& content,
                const std::string& path) {
  for (std::size_t i = 0; i < content.size(); ++i) {
    const ContentPart& part = content[i];
    if (part.kind == ContentPart::Kind::text) {
      if (!part.text.empty()) {
        add_part(parts,
                 [&](JsonWriter& j) { j.begin_object().field("text", part.text).end_object(); });
      }
      continue;
    }
    if (auto error = add_image(parts, part, path + "[" + std::to_string(i) + "].image_url")) {
      return error;
    }
  }
  return std::nullopt;
}

// The model's earlier calls; args must be an object ({} when the arguments do not parse).
void add_function_calls(std::string& parts, const std::vector<ToolCall>& calls) {
  for (const ToolCall& call : calls) {
    const std::string_view arguments = json::trim(call.arguments);
    add_part(parts, [&](JsonWriter& j) {
      j.begin_object().key("functionCall").begin_object().field("name", call.name);
      j.key("args").raw(json::is_json_object(arguments) ? arguments : "{}");
      j.end_object().end_object();
    });
  }
}

std::string text_of(const std::vector<ContentPart>& content) {
  std::string text;
  for (const ContentPart& part : content) {
    if (part.kind == ContentPart::Kind::text) text += part.text;
  }
  return text;
}

// The function a tool result answers: the earlier call with its id, else the message's name.
std::string_view function_name_for(const std::vector<Message>& messages, std::size_t index) {
  const std::string& id = messages[index].tool_call_id;
  for (std::size_t i = index; i-- > 0;) {
    for (const ToolCall& call : messages[i].tool_calls) {
      if (!id.empty() && call.id == id) return call.name;
    }
  }
  return messages[index].name;
}

// A tool message -> functionResponse; a JSON object result is passed as the response,
// anything else is wrapped as {"content": text} (the response must be an object).
Error add_function_response(std::string& parts, const std::vector<Message>& messages,
                            std::size_t index, const std::string& path) {
  const std::string_view name = function_name_for(messages, index);
  if (name.empty()) {
    return untranslatable(path + ".tool_call_id",
                          "must name an earlier assistant tool call (Gemini needs the function "
                          "name of every tool result).");
  }
  const std::string text = text_of(messages[index].content);
  const std::string_view trimmed = json::trim(text);
  add_part(parts, [&](JsonWriter& j) {
    j.begin_object().key("functionResponse").begin_object().field("name", name);
    j.key("response");
    if (json::is_json_object(trimmed)) {
      j.raw(trimmed);
    } else {
      j.begin_object().field("content", text).end_object();
    }
    j.end_object().end_object();
  });
  return std::nullopt;
}

bool is_system(const Message& message) {
  return message.role == "system" || message.role == "developer";
}

Error parts_for(const std::vector<Message>& messages, std::size_t index, std::string& parts) {
  const Message& message = messages[index];
  const std::string path = "messages[" + std::to_string(index) + "]";
  if (message.role == "tool") return add_function_response(parts, messages, index, path);
  if (auto error = add_parts(parts, message.content, path + ".content")) return error;
  if (message.role == "assistant") add_function_calls(parts, message.tool_calls);
  return std::nullopt;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string_view mime_type_for_url(std::string_view url) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kTypes{{
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".heic", "image/heic"},
      {".heif", "image/heif"},
      {".pdf", "application/pdf"},
      {".mp3", "audio/mp3"},
      {".wav", "audio/wav"},
      {".mp4", "video/mp4"},
  }};
  url = url.substr(0, url.find_first_of("?#"));
  const std::string path = lower(url.substr(url.find_last_of('/') + 1));
  for (const auto& [extension, type] : kTypes) {
    if (path.ends_with(extension)) return type;
  }
  return "image/jpeg";
}

std::optional<GatewayError> write_system_instruction(JsonWriter& json,
                                                     const std::vector<Message>& messages) {
  std::string parts;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (!is_system(messages[i])) continue;
    const auto& content = messages[i].content;
    for (std::size_t j = 0; j < content.size(); ++j) {
      if (content[j].kind != ContentPart::Kind::text) {
        return untranslatable(
            "messages[" + std::to_string(i) + "].content[" + std::to_string(j) + "]",
            "must be text: system messages cannot hold images.");
      }
      if (content[j].text.empty()) continue;
      add_part(parts, [&](JsonWriter& w) {
        w.begin_object().field("text", content[j].text).end_object();
      });
    }
  }
  if (!parts.empty()) {
    json.key("systemInstruction").begin_object().key("parts").begin_array();
    json.raw(parts).end_array().end_object();
  }
  return std::nullopt;
}

std::optional<GatewayError> write_contents(JsonWriter& json, const std::vector<Message>& messages) {
  std::vector<Turn> turns;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (is_system(messages[i])) continue;
    std::string parts;
    if (auto error = parts_for(messages, i, parts)) return error;
    if (parts.empty()) continue;  // Gemini rejects a turn without parts
    const char* role = messages[i].role == "assistant" ? "model" : "user";
    if (!turns.empty() && turns.back().role == role) {
      turns.back().parts += ',' + parts;
    } else {
      turns.push_back(Turn{role, std::move(parts)});
    }
  }
  json.key("contents").begin_array();
  for (const Turn& turn : turns) {
    json.begin_object().field("role", turn.role).key("parts").begin_array();
    json.raw(turn.parts).end_array().end_object();
  }
  json.end_array();
  return std::nullopt;
}

}  // namespace sluice::providers::gemini
