#include "gemini_request.h"

#include <fmt/format.h>

#include "json_reader.h"

namespace mock {

namespace od = simdjson::ondemand;

namespace {

using Error = std::optional<std::string>;

constexpr unsigned kMaxDimensions = 8192;

Error not_json() { return std::string("Invalid JSON payload received. Unexpected token."); }

// What one content contributes to the reply.
struct Content {
  bool user = true;
  bool has_text = false;
  bool has_response = false;
  std::string text;
  std::string response;  // the first functionResponse's text
};

// functionResponse.response: its "content" string if it has one, else its JSON text.
void read_function_response(od::object holder, Content& c, size_t& bytes) {
  od::object response;
  std::string_view raw;
  if (holder.find_field_unordered("response").get_object().get(response) ||
      response.raw_json().get(raw)) {
    return;
  }
  std::string text(raw);
  od::parser parser;  // a second document: the main parser is busy with the request
  const simdjson::padded_string copy(raw);
  od::document doc;
  std::string_view content;
  if (!parser.iterate(copy).get(doc) &&
      !doc.find_field_unordered("content").get_string().get(content)) {
    text.assign(content);
  }
  bytes += text.size();
  if (!c.has_response) c.response = std::move(text);
  c.has_response = true;
}

Error read_part(od::value value, size_t i, size_t p, Content& c, size_t& bytes) {
  od::object part;
  if (value.get_object().get(part)) {
    return fmt::format("Invalid value at 'contents[{}].parts[{}]', expected an object.", i, p);
  }
  for (auto field_result : part) {
    od::field field;
    std::string_view key;
    if (std::move(field_result).get(field) || field.unescaped_key().get(key)) return not_json();
    if (key == "text") {
      std::string_view text;
      if (field.value().get_string().get(text)) {
        return fmt::format("Invalid value at 'contents[{}].parts[{}].text' (TYPE_STRING).", i, p);
      }
      c.has_text = true;
      c.text.append(text);
      bytes += text.size();
    } else if (key == "functionResponse") {
      od::object holder;
      if (field.value().get_object().get(holder)) return not_json();
      read_function_response(holder, c, bytes);
    }
  }
  return std::nullopt;
}

Error read_content(od::value value, size_t i, Content& c, size_t& bytes) {
  od::object content;
  if (value.get_object().get(content)) {
    return fmt::format("Invalid value at 'contents[{}]', expected an object.", i);
  }
  bool has_parts = false;
  for (auto field_result : content) {
    od::field field;
    std::string_view key;
    if (std::move(field_result).get(field) || field.unescaped_key().get(key)) return not_json();
    if (key == "role") {
      std::string_view role;
      if (field.value().get_string().get(role)) return not_json();
      if (role != "user" && role != "model" && role != "function") {
        return std::string("Please use a valid role: user, model.");
      }
      c.user = role != "model";
    } else if (key == "parts") {
      od::array parts;
      if (field.value().get_array().get(parts)) return not_json();
      size_t p = 0;
      for (auto part : parts) {
        od::value part_value;
        if (part.get(part_value)) return not_json();
        if (auto error = read_part(part_value, i, p++, c, bytes)) return error;
      }
      has_parts = p > 0;
    }
  }
  if (!has_parts) {
    return fmt::format(
        "* GenerateContentRequest.contents[{}].parts: contents.parts must not be empty.", i);
  }
  return std::nullopt;
}

// contents[]: the last user text (raw, directive still in) and the tool result facts.
Error read_contents(od::value value, GeminiInput& in, std::string& last_user_raw) {
  od::array contents;
  if (value.get_array().get(contents)) return not_json();
  size_t i = 0;
  for (auto item : contents) {
    od::value content_value;
    Content c;
    if (item.get(content_value)) return not_json();
    if (auto error = read_content(content_value, i++, c, in.text_bytes)) return error;
    in.after_tool_result = c.user && c.has_response;
    if (c.has_response) in.tool_result_text = std::move(c.response);
    if (c.user && c.has_text) last_user_raw = std::move(c.text);
  }
  if (i == 0) return std::string("* GenerateContentRequest.contents: contents is not specified");
  return std::nullopt;
}

Error read_system(od::value value, GeminiInput& in) {
  od::object system;
  od::array parts;
  if (value.get_object().get(system) ||
      system.find_field_unordered("parts").get_array().get(parts)) {
    return std::string("Invalid value at 'system_instruction'.");
  }
  for (auto part : parts) {
    od::object object;
    std::string_view text;
    if (part.get_object().get(object)) return not_json();
    if (!object.find_field_unordered("text").get_string().get(text)) in.text_bytes += text.size();
  }
  return std::nullopt;
}

Error read_tools(od::value value, GeminiInput& in) {
  od::array tools;
  if (value.get_array().get(tools)) return std::string("Invalid value at 'tools'.");
  for (auto tool : tools) {
    od::object object;
    od::array declarations;
    if (tool.get_object().get(object)) return not_json();
    if (object.find_field_unordered("functionDeclarations").get_array().get(declarations)) continue;
    for (auto declaration : declarations) {
      od::object decl;
      std::string_view name;
      if (declaration.get_object().get(decl) ||
          decl.find_field_unordered("name").get_string().get(name)) {
        return std::string(
            "* GenerateContentRequest.tools[0].function_declarations[0].name: "
            "Name cannot be empty.");
      }
      if (!in.has_tools) in.first_tool.assign(name);
      in.has_tools = true;
    }
  }
  return std::nullopt;
}

Error read_tool_config(od::value value, GeminiInput& in) {
  od::object config, calling;
  if (value.get_object().get(config) ||
      config.find_field_unordered("functionCallingConfig").get_object().get(calling)) {
    return std::nullopt;
  }
  for (auto field_result : calling) {
    od::field field;
    std::string_view key;
    if (std::move(field_result).get(field) || field.unescaped_key().get(key)) return not_json();
    if (key == "mode") {
      std::string_view mode;
      if (field.value().get_string().get(mode)) return not_json();
      in.mode_none = mode == "NONE";
    } else if (key == "allowedFunctionNames") {
      od::array names;
      if (field.value().get_array().get(names)) return not_json();
      for (auto name : names) {
        std::string_view text;
        if (name.get_string().get(text)) return not_json();
        if (in.chosen_tool.empty()) in.chosen_tool.assign(text);
      }
    }
  }
  return std::nullopt;
}

Error read_generate(od::object& root, GeminiInput& in, std::string& last_user_raw) {
  bool has_contents = false;
  for (auto field_result : root) {
    od::field field;
    std::string_view key;
    if (std::move(field_result).get(field) || field.unescaped_key().get(key)) return not_json();
    Error error;
    if (key == "contents") {
      has_contents = true;
      error = read_contents(field.value(), in, last_user_raw);
    } else if (key == "systemInstruction" || key == "system_instruction") {
      error = read_system(field.value(), in);
    } else if (key == "tools") {
      error = read_tools(field.value(), in);
    } else if (key == "toolConfig" || key == "tool_config") {
      error = read_tool_config(field.value(), in);
    } else if (key == "generateContentRequest") {
      od::object inner;
      if (field.value().get_object().get(inner)) return not_json();
      return read_generate(inner, in, last_user_raw);
    }
    if (error) return error;
  }
  if (!has_contents)
    return std::string("* GenerateContentRequest.contents: contents is not specified");
  return std::nullopt;
}

// One EmbedContentRequest: content.parts[].text (concatenated) and outputDimensionality.
Error read_embed(od::object& request, GeminiInput& in, Faults& faults) {
  std::string text;
  bool has_content = false;
  for (auto field_result : request) {
    od::field field;
    std::string_view key;
    if (std::move(field_result).get(field) || field.unescaped_key().get(key)) return not_json();
    if (key == "content") {
      od::object content;
      od::array parts;
      if (field.value().get_object().get(content) ||
          content.find_field_unordered("parts").get_array().get(parts)) {
        return not_json();
      }
      for (auto part : parts) {
        od::object object;
        std::string_view piece;
        if (part.get_object().get(object)) return not_json();
        if (!object.find_field_unordered("text").get_string().get(piece)) text.append(piece);
      }
      has_content = true;
    } else if (key == "outputDimensionality") {
      uint64_t dims = 0;
      if (field.value().get_uint64().get(dims) || dims == 0 || dims > kMaxDimensions) {
        return std::string(
            "* EmbedContentRequest.output_dimensionality: must be between 1 and 8192");
      }
      in.dimensions = static_cast<unsigned>(dims);
    }
  }
  if (!has_content) return std::string("* EmbedContentRequest.content: content is not specified");
  in.text_bytes += text.size();
  std::string clean;
  if (in.embed_texts.empty()) {
    extract_directive(text, faults, clean);
  } else {
    clean = std::move(text);
  }
  in.embed_texts.push_back(std::move(clean));
  return std::nullopt;
}

Error read_batch(od::object& root, GeminiInput& in, Faults& faults) {
  od::array requests;
  if (root.find_field_unordered("requests").get_array().get(requests)) {
    return std::string("* BatchEmbedContentsRequest.requests: requests is not specified");
  }
  for (auto request : requests) {
    od::object object;
    if (request.get_object().get(object)) return not_json();
    if (auto error = read_embed(object, in, faults)) return error;
  }
  if (in.embed_texts.empty()) {
    return std::string("* BatchEmbedContentsRequest.requests: requests is not specified");
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> parse_gemini_request(std::string& body, GeminiRequestKind kind,
                                                GeminiInput& in, Faults& faults) {
  od::document doc;
  od::object root;
  if (thread_parser().iterate(padded(body)).get(doc) || doc.get_object().get(root)) {
    return not_json();
  }
  try {
    if (kind == GeminiRequestKind::embed) return read_embed(root, in, faults);
    if (kind == GeminiRequestKind::batch_embed) return read_batch(root, in, faults);
    std::string last_user_raw;
    if (auto error = read_generate(root, in, last_user_raw)) return error;
    extract_directive(last_user_raw, faults, in.last_user_text);
  } catch (const simdjson::simdjson_error&) {
    return not_json();
  }
  return std::nullopt;
}

}  // namespace mock
