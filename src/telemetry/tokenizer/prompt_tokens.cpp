#include "telemetry/tokenizer/prompt_tokens.h"

#include <simdjson.h>

#include "core/json_reader.h"

namespace sluice::telemetry {
namespace {

namespace od = simdjson::ondemand;

// The cookbook's per-message framing (<|start|>role<|message|>...<|end|>) and reply priming.
constexpr int64_t kPerMessage = 3;
constexpr int64_t kPerName = 1;
constexpr int64_t kReplyPriming = 3;

// The JSON type of a value, or null on error (the error resurfaces when the value is read).
od::json_type type_of(od::value& value) {
  od::json_type type = od::json_type::null;
  if (value.type().get(type)) return od::json_type::null;
  return type;
}

// Adds the tokens of a string value; other types (null, numbers) add nothing.
simdjson::error_code add_string(const BpeTokenizer& tokenizer, od::value value, int64_t& total) {
  if (type_of(value) != od::json_type::string) return simdjson::SUCCESS;
  std::string_view text;
  if (auto err = value.get_string().get(text)) return err;
  total += static_cast<int64_t>(tokenizer.count(text));
  return simdjson::SUCCESS;
}

// Adds the string fields named `a` and `b` of an object value (a tool call's function).
simdjson::error_code add_fields(const BpeTokenizer& tokenizer, od::value value, std::string_view a,
                                std::string_view b, int64_t& total) {
  if (type_of(value) != od::json_type::object) return simdjson::SUCCESS;  // null
  od::object object;
  if (auto err = value.get_object().get(object)) return err;
  for (auto field : object) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) return err;
    if (key != a && key != b) continue;
    if (auto err = add_string(tokenizer, field.value(), total)) return err;
  }
  return simdjson::SUCCESS;
}

// Content is a string, or an array of parts whose "text" is counted (images are not text).
simdjson::error_code add_content(const BpeTokenizer& tokenizer, od::value value, int64_t& total) {
  if (type_of(value) != od::json_type::array) return add_string(tokenizer, value, total);
  od::array parts;
  if (auto err = value.get_array().get(parts)) return err;
  for (auto part : parts) {
    od::value element;
    if (auto err = part.get(element)) return err;
    if (auto err = add_fields(tokenizer, element, "text", "text", total)) return err;
  }
  return simdjson::SUCCESS;
}

simdjson::error_code add_tool_calls(const BpeTokenizer& tokenizer, od::value value,
                                    int64_t& total) {
  if (type_of(value) != od::json_type::array) return simdjson::SUCCESS;  // null
  od::array calls;
  if (auto err = value.get_array().get(calls)) return err;
  for (auto call : calls) {
    od::object object;
    if (auto err = call.get_object().get(object)) return err;
    for (auto field : object) {
      std::string_view key;
      if (auto err = field.unescaped_key().get(key)) return err;
      if (key != "function") continue;
      if (auto err = add_fields(tokenizer, field.value(), "name", "arguments", total)) return err;
    }
  }
  return simdjson::SUCCESS;
}

simdjson::error_code add_message(const BpeTokenizer& tokenizer, od::value value, int64_t& total) {
  od::object message;
  if (auto err = value.get_object().get(message)) return err;
  total += kPerMessage;
  for (auto field : message) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) return err;
    simdjson::error_code err = simdjson::SUCCESS;
    if (key == "role") {
      err = add_string(tokenizer, field.value(), total);
    } else if (key == "content") {
      err = add_content(tokenizer, field.value(), total);
    } else if (key == "name") {
      total += kPerName;
      err = add_string(tokenizer, field.value(), total);
    } else if (key == "tool_calls") {
      err = add_tool_calls(tokenizer, field.value(), total);
    } else if (key == "function_call") {  // the deprecated single-call form
      err = add_fields(tokenizer, field.value(), "name", "arguments", total);
    }
    if (err) return err;
  }
  return simdjson::SUCCESS;
}

// Calls add(value, total) on the root object's field `name`; 0 when the body is unreadable.
template <class Add>
int64_t count_field(std::string_view body, std::string_view name, Add&& add) {
  thread_local json::JsonInput input;
  od::document doc;
  od::object root;
  if (input.open(body, doc) || doc.get_object().get(root)) return 0;
  int64_t total = 0;
  for (auto field : root) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return 0;
    if (key == name && add(field.value(), total)) return 0;
  }
  return total;
}

}  // namespace

int64_t count_chat_prompt_tokens(const BpeTokenizer& tokenizer,
                                 std::string_view openai_chat_request_json) {
  return count_field(openai_chat_request_json, "messages", [&](od::value value, int64_t& total) {
    od::array messages;
    if (auto err = value.get_array().get(messages)) return err;
    for (auto element : messages) {
      od::value message;
      if (auto err = element.get(message)) return err;
      if (auto err = add_message(tokenizer, message, total)) return err;
    }
    total += kReplyPriming;
    return simdjson::SUCCESS;
  });
}

int64_t count_embedding_input_tokens(const BpeTokenizer& tokenizer,
                                     std::string_view embeddings_request_json) {
  return count_field(embeddings_request_json, "input", [&](od::value value, int64_t& total) {
    if (type_of(value) != od::json_type::array) return add_string(tokenizer, value, total);
    od::array items;
    if (auto err = value.get_array().get(items)) return err;
    for (auto item : items) {
      od::value element;
      if (auto err = item.get(element)) return err;
      const od::json_type type = type_of(element);
      if (type == od::json_type::number) {
        ++total;  // one token id
      } else if (type == od::json_type::array) {
        od::array ids;
        std::size_t length = 0;
        if (auto err = element.get_array().get(ids)) return err;
        if (auto err = ids.count_elements().get(length)) return err;
        total += static_cast<int64_t>(length);
      } else if (auto err = add_string(tokenizer, element, total)) {
        return err;
      }
    }
    return simdjson::SUCCESS;
  });
}

}  // namespace sluice::telemetry
