// Small readers shared by the inbound Anthropic request codec: fields and elements walked with
// their Anthropic-style paths ("messages.1.content.0"), and errors worded the way Anthropic
// words them ("max_tokens: Field required"), because clients such as Claude Code match on it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/gateway_error.h"
#include "core/json_reader.h"

namespace sluice::providers::anthropic::inbound {

using FieldError = std::optional<GatewayError>;

// A bad_request error for `param`: "<param>: <problem>".
GatewayError invalid(const std::string& param, std::string_view problem);

// Reads a string value; false when it is not a string.
bool read_string(json::od::value value, std::string& out);

// A string value (null leaves `out` as it is); other types are an error naming `path`.
FieldError read_string_field(json::od::value value, const std::string& path, std::string& out);

// The raw JSON text of any value into `out`.
FieldError read_raw_field(json::od::value value, const std::string& path, std::string& out);

// A boolean value (null leaves `out` as it is).
FieldError read_bool_field(json::od::value value, const std::string& path, bool& out);

// Calls f(key, value) for each field of an object value; stops at the first error.
template <class F>
FieldError for_each_field(json::od::value value, const std::string& path, F&& f) {
  json::od::object object;
  if (value.get_object().get(object)) return invalid(path, "Input should be an object");
  for (auto field : object) {
    std::string_view key;
    json::od::value item;
    if (field.unescaped_key().get(key) || field.value().get(item)) {
      return invalid(path, "Invalid JSON");
    }
    if (auto error = f(key, item)) return error;
  }
  return std::nullopt;
}

// Calls f(element_path, value) for each element of an array value; stops at the first error.
template <class F>
FieldError for_each_element(json::od::value value, const std::string& path, F&& f) {
  json::od::array array;
  if (value.get_array().get(array)) return invalid(path, "Input should be a valid list");
  std::size_t index = 0;
  for (auto element : array) {
    json::od::value item;
    const std::string item_path = path + "." + std::to_string(index++);
    if (element.get(item)) return invalid(item_path, "Invalid JSON");
    if (auto error = f(item_path, item)) return error;
  }
  return std::nullopt;
}

// True when the value is a JSON array (content may be a string or a list of blocks).
bool is_array(json::od::value& value);

}  // namespace sluice::providers::anthropic::inbound
