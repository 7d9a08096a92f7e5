#include "core/json_reader.h"

namespace sluice::json {

simdjson::error_code JsonInput::open(std::string_view text, od::document& doc) {
  buffer_.assign(text);
  buffer_.reserve(text.size() + simdjson::SIMDJSON_PADDING);
  simdjson::padded_string_view input(buffer_.data(), buffer_.size(), buffer_.capacity());
  return parser_.iterate(input).get(doc);
}

bool at_end(od::document& doc) { return doc.current_location().error() == simdjson::OUT_OF_BOUNDS; }

std::string_view trim(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

simdjson::error_code raw_json(od::value value, std::string_view& out) {
  od::json_type type;
  if (auto err = value.type().get(type)) return err;
  if (type == od::json_type::object) {
    od::object object;
    if (auto err = value.get_object().get(object)) return err;
    if (auto err = object.raw_json().get(out)) return err;
  } else if (type == od::json_type::array) {
    od::array array;
    if (auto err = value.get_array().get(array)) return err;
    if (auto err = array.raw_json().get(out)) return err;
  } else {
    out = value.raw_json_token();
  }
  out = trim(out);
  return simdjson::SUCCESS;
}

bool is_null(od::value& value) {
  bool null = false;
  return value.is_null().get(null) == simdjson::SUCCESS && null;
}

bool is_json_object(std::string_view text) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element element;
  if (parser.parse(text.data(), text.size(), true).get(element)) return false;
  return element.is_object();
}

}  // namespace sluice::json
