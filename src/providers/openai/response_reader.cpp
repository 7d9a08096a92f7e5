#include "providers/openai/response_reader.h"

#include <simdjson.h>
#include <cstring>

namespace sluice::providers::openai {
namespace {

namespace od = simdjson::ondemand;

// Parses `json` from a reused, padded thread-local copy (responses are not ours to pad).
bool iterate(std::string_view json, od::document& doc) {
  thread_local od::parser parser;
  thread_local std::string buffer;
  buffer.assign(json);
  buffer.reserve(json.size() + simdjson::SIMDJSON_PADDING);
  simdjson::padded_string_view input(buffer.data(), buffer.size(), buffer.capacity());
  return parser.iterate(input).get(doc) == simdjson::SUCCESS;
}

int64_t int_field(od::object& object, std::string_view key) {
  int64_t value = 0;
  if (object.find_field_unordered(key).get_int64().get(value)) return 0;
  return value;
}

int64_t nested_int(od::object& object, std::string_view outer, std::string_view key) {
  od::object inner;
  if (object.find_field_unordered(outer).get_object().get(inner)) return 0;
  return int_field(inner, key);
}

Usage usage_from(od::object& usage_object) {
  Usage usage;
  usage.present = true;
  usage.prompt_tokens = int_field(usage_object, "prompt_tokens");
  usage.completion_tokens = int_field(usage_object, "completion_tokens");
  usage.total_tokens = int_field(usage_object, "total_tokens");
  usage.cached_tokens = nested_int(usage_object, "prompt_tokens_details", "cached_tokens");
  usage.reasoning_tokens =
      nested_int(usage_object, "completion_tokens_details", "reasoning_tokens");
  return usage;
}

// False when the text has no usage key, or only `"usage":null` (every chunk of a stream that
// asked for usage carries it), so the JSON parse runs only for a real usage object.
// The key is found by its rarest letter, 'g', with memchr: string_view::find stops at every
// '"' (JSON is full of them), and glibc's memmem and std's Boyer-Moore-Horspool searcher both
// cost more on chunk-sized texts (callgrind).
bool may_hold_usage(std::string_view json) {
  constexpr std::string_view kBefore = "\"usag", kAfter = "e\"";
  std::size_t from = kBefore.size() - 1;  // the first index the g can be at
  while (from < json.size()) {
    const void* hit = std::memchr(json.data() + from, 'g', json.size() - from);
    if (hit == nullptr) break;
    const std::size_t g = static_cast<std::size_t>(static_cast<const char*>(hit) - json.data());
    from = g + 1;
    if (json.substr(g - (kBefore.size() - 1), kBefore.size()) != kBefore ||
        json.substr(g + 1, kAfter.size()) != kAfter) {
      continue;
    }
    const std::size_t pos = g + 1 + kAfter.size();
    std::size_t i = pos;
    while (i < json.size() && (json[i] == ' ' || json[i] == ':' || json[i] == '\n')) ++i;
    if (i < json.size() && json[i] != 'n') return true;
  }
  return false;
}

}  // namespace

Usage read_usage(std::string_view json) {
  if (!may_hold_usage(json)) return {};
  try {
    od::document doc;
    if (!iterate(json, doc)) return {};
    od::object usage_object;
    if (doc.find_field_unordered("usage").get_object().get(usage_object)) return {};
    return usage_from(usage_object);
  } catch (const std::exception&) {
    return {};
  }
}

bool is_usage_only_chunk(std::string_view json, Usage& usage) {
  if (!may_hold_usage(json)) return false;
  try {
    od::document doc;
    if (!iterate(json, doc)) return false;
    od::object root;
    if (doc.get_object().get(root)) return false;
    bool empty_choices = false;
    bool has_usage = false;
    for (auto field : root) {
      std::string_view key;
      if (field.unescaped_key().get(key)) return false;
      if (key == "choices") {
        od::array choices;
        std::size_t count = 0;
        if (field.value().get_array().get(choices) == simdjson::SUCCESS &&
            choices.count_elements().get(count) == simdjson::SUCCESS) {
          empty_choices = count == 0;
        }
      } else if (key == "usage") {
        od::object usage_object;
        if (field.value().get_object().get(usage_object) == simdjson::SUCCESS) {
          usage = usage_from(usage_object);
          has_usage = true;
        }
      }
    }
    return empty_choices && has_usage;
  } catch (const std::exception&) {
    return false;
  }
}

std::string read_error_message(std::string_view body) {
  constexpr std::size_t kMaxRaw = 512;
  try {
    od::document doc;
    if (iterate(body, doc)) {
      od::object root;
      if (doc.get_object().get(root) == simdjson::SUCCESS) {
        std::string_view message;
        od::value error;
        if (root.find_field_unordered("error").get(error) == simdjson::SUCCESS) {
          if (error.get_string().get(message) == simdjson::SUCCESS) return std::string(message);
          if (error.find_field_unordered("message").get_string().get(message) ==
              simdjson::SUCCESS) {
            return std::string(message);
          }
        } else if (root.find_field_unordered("message").get_string().get(message) ==
                   simdjson::SUCCESS) {
          return std::string(message);
        }
      }
    }
  } catch (const std::exception&) {
  }
  std::string raw(body.substr(0, kMaxRaw));
  if (body.size() > kMaxRaw) raw += "...";
  return raw;
}

}  // namespace sluice::providers::openai
