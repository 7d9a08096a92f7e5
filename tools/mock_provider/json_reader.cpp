#include "json_reader.h"

namespace mock {

simdjson::ondemand::parser& thread_parser() {
  thread_local simdjson::ondemand::parser parser;
  return parser;
}

simdjson::padded_string_view padded(std::string& body) {
  if (body.capacity() < body.size() + simdjson::SIMDJSON_PADDING) {
    body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
  }
  return simdjson::padded_string_view(body.data(), body.size(), body.capacity());
}

RequestError bad_json_error() {
  return {
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't "
      "using your HTTP library correctly. The OpenAI API expects a JSON payload, but what "
      "was sent was not valid JSON.)",
      "", ""};
}

namespace {

// Appends the `text` of one content part; parts of other types (images, audio) add nothing.
bool append_part_text(simdjson::ondemand::value part, std::string& out) {
  simdjson::ondemand::object obj;
  if (part.get_object().get(obj)) return false;
  for (auto field_result : obj) {
    simdjson::ondemand::field field;
    std::string_view key;
    if (std::move(field_result).get(field) || field.unescaped_key().get(key)) return false;
    if (key != "text") continue;
    std::string_view text;
    if (field.value().get_string().get(text)) return false;
    out.append(text);
  }
  return true;
}

}  // namespace

bool append_text_content(simdjson::ondemand::value value, std::string& out) {
  simdjson::ondemand::json_type type;
  if (value.type().get(type)) return false;
  switch (type) {
    case simdjson::ondemand::json_type::null:
      return true;
    case simdjson::ondemand::json_type::string: {
      std::string_view text;
      if (value.get_string().get(text)) return false;
      out.append(text);
      return true;
    }
    case simdjson::ondemand::json_type::array: {
      simdjson::ondemand::array parts;
      if (value.get_array().get(parts)) return false;
      for (auto part : parts) {
        simdjson::ondemand::value part_value;
        if (std::move(part).get(part_value) || !append_part_text(part_value, out)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

}  // namespace mock
