// Reads the `messages` array of an OpenAI chat-completions body (part of chat_request_reader),
// and the small field readers both files share.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/chat.h"
#include "core/json_reader.h"

namespace sluice::providers::openai {

using FieldError = std::optional<GatewayError>;

// A bad_request error for field `param`: "'<param>' <problem>".
GatewayError invalid_field(const std::string& param, std::string_view problem);

// Reads a string value into `out`; false when it is not a string.
bool read_string(json::od::value value, std::string& out);

// A string that may also be null (left empty then); other types are an error naming `path`.
FieldError read_optional_string(json::od::value value, const std::string& path, std::string& out);

// Calls f(key, value) for each field of an object value; stops at the first error.
template <class F>
FieldError for_each_field(json::od::value value, const std::string& path, F&& f) {
  json::od::object object;
  if (value.get_object().get(object)) return invalid_field(path, "must be an object.");
  for (auto field : object) {
    std::string_view key;
    json::od::value item;
    if (field.unescaped_key().get(key) || field.value().get(item)) {
      return invalid_field(path, "is not valid JSON.");
    }
    if (auto error = f(key, item)) return error;
  }
  return std::nullopt;
}

// Calls f(element_path, value) for each element of an array value; stops at the first error.
template <class F>
FieldError for_each_element(json::od::value value, const std::string& path, F&& f) {
  json::od::array array;
  if (value.get_array().get(array)) return invalid_field(path, "must be an array.");
  std::size_t index = 0;
  for (auto element : array) {
    json::od::value item;
    const std::string item_path = path + "[" + std::to_string(index++) + "]";
    if (element.get(item)) return invalid_field(item_path, "is not valid JSON.");
    if (auto error = f(item_path, item)) return error;
  }
  return std::nullopt;
}

// Fills `messages` from the `messages` value; an error names the first bad field.
FieldError read_messages(json::od::value value, std::vector<Message>& messages);

}  // namespace sluice::providers::openai
