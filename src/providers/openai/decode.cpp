#include "providers/openai/decode.h"

#include <string>

namespace sluice::providers::openai {
namespace {

using json::od::object;
using json::od::value;

GatewayError unreadable(std::string_view provider, std::string_view what) {
  return GatewayError{ErrorClass::server, "provider '" + std::string(provider) +
                                              "' returned a response the gateway could not read (" +
                                              std::string(what) + ")"};
}

// Calls f(key, value) for each field of an object value; stops at the first error.
template <class F>
simdjson::error_code each_field(value v, F&& f) {
  object obj;
  if (auto err = v.get_object().get(obj)) return err;
  for (auto field : obj) {
    std::string_view key;
    value item;
    if (auto err = field.unescaped_key().get(key)) return err;
    if (auto err = field.value().get(item)) return err;
    if (auto err = f(key, item)) return err;
  }
  return simdjson::SUCCESS;
}

// A string that may be null (then `out` is left as it is).
simdjson::error_code read_text(value v, std::string& out) {
  if (json::is_null(v)) return simdjson::SUCCESS;
  std::string_view text;
  if (auto err = v.get_string().get(text)) return err;
  out.assign(text);
  return simdjson::SUCCESS;
}

// A counter; null or a non-integer leaves `out` as it is.
void read_count(value v, int64_t& out) {
  int64_t number = 0;
  if (v.get_int64().get(number) == simdjson::SUCCESS) out = number;
}

simdjson::error_code read_tool_call(value v, ToolCall& call) {
  return each_field(v, [&](std::string_view key, value item) -> simdjson::error_code {
    if (key == "id") return read_text(item, call.id);
    if (key != "function") return simdjson::SUCCESS;
    return each_field(item, [&](std::string_view k, value field) -> simdjson::error_code {
      if (k == "name") return read_text(field, call.name);
      if (k != "arguments" || json::is_null(field)) return simdjson::SUCCESS;
      if (read_text(field, call.arguments) == simdjson::SUCCESS) return simdjson::SUCCESS;
      std::string_view raw;  // an object instead of JSON text: some servers send that
      if (auto err = json::raw_json(field, raw)) return err;
      call.arguments.assign(raw);
      return simdjson::SUCCESS;
    });
  });
}

simdjson::error_code read_message(value v, ChatResponse& response) {
  std::string refusal;
  auto err = each_field(v, [&](std::string_view key, value item) -> simdjson::error_code {
    if (key == "content") return read_text(item, response.content);
    if (key == "refusal") return read_text(item, refusal);
    if ((key == "reasoning_content" || key == "reasoning") && response.reasoning.empty()) {
      return read_text(item, response.reasoning);
    }
    if (key != "tool_calls" || json::is_null(item)) return simdjson::SUCCESS;
    json::od::array calls;
    if (auto e = item.get_array().get(calls)) return e;
    for (auto element : calls) {
      value call_value;
      ToolCall call;
      if (auto e = element.get(call_value)) return e;
      if (auto e = read_tool_call(call_value, call)) return e;
      response.tool_calls.push_back(std::move(call));
    }
    return simdjson::SUCCESS;
  });
  // A refusal is the model's answer in words; callers without a refusal field still see it.
  if (!err && response.content.empty()) response.content = std::move(refusal);
  return err;
}

// choices[0]: message and finish_reason; further choices (n > 1) have no canonical place.
simdjson::error_code read_choices(value v, ChatResponse& response) {
  json::od::array choices;
  if (auto err = v.get_array().get(choices)) return err;
  for (auto element : choices) {
    value choice;
    if (auto err = element.get(choice)) return err;
    std::string finish_reason;
    auto err = each_field(choice, [&](std::string_view key, value item) -> simdjson::error_code {
      if (key == "message") return read_message(item, response);
      if (key == "finish_reason") return read_text(item, finish_reason);
      return simdjson::SUCCESS;
    });
    if (err) return err;
    response.finish_reason = canonical_finish_reason(finish_reason);
    break;
  }
  return simdjson::SUCCESS;
}

simdjson::error_code read_root_field(std::string_view key, value item, ChatResponse& response) {
  if (key == "id") return read_text(item, response.id);
  if (key == "model") return read_text(item, response.model);
  if (key == "created") read_count(item, response.created);
  if (key == "choices") return read_choices(item, response);
  if (key == "usage" && !json::is_null(item)) return read_usage_value(item, response.usage);
  return simdjson::SUCCESS;
}

Result<ChatResponse> decode(std::string_view body, std::string_view provider) {
  json::JsonInput input;
  json::od::document doc;
  object root;
  if (input.open(body, doc) || doc.get_object().get(root)) return unreadable(provider, "not JSON");
  ChatResponse response;
  bool has_choices = false;
  for (auto field : root) {
    std::string_view key;
    value item;
    if (field.unescaped_key().get(key) || field.value().get(item)) {
      return unreadable(provider, "not JSON");
    }
    has_choices = has_choices || key == "choices";
    if (read_root_field(key, item, response)) return unreadable(provider, key);
  }
  if (!json::at_end(doc)) return unreadable(provider, "trailing data");
  if (!has_choices) return unreadable(provider, "no choices");
  return response;
}

}  // namespace

simdjson::error_code read_usage_value(value v, Usage& usage) {
  usage.present = true;
  int64_t cache_hits = 0;  // DeepSeek reports cache reads under its own name
  auto err = each_field(v, [&](std::string_view key, value item) -> simdjson::error_code {
    if (key == "prompt_tokens") read_count(item, usage.prompt_tokens);
    if (key == "completion_tokens") read_count(item, usage.completion_tokens);
    if (key == "total_tokens") read_count(item, usage.total_tokens);
    if (key == "prompt_cache_hit_tokens") read_count(item, cache_hits);
    if ((key != "prompt_tokens_details" && key != "completion_tokens_details") ||
        json::is_null(item)) {
      return simdjson::SUCCESS;
    }
    int64_t& target = key == "prompt_tokens_details" ? usage.cached_tokens : usage.reasoning_tokens;
    const std::string_view wanted =
        key == "prompt_tokens_details" ? "cached_tokens" : "reasoning_tokens";
    return each_field(item, [&](std::string_view k, value count) -> simdjson::error_code {
      if (k == wanted) read_count(count, target);
      return simdjson::SUCCESS;
    });
  });
  if (usage.cached_tokens == 0) usage.cached_tokens = cache_hits;
  if (usage.total_tokens == 0) usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  return err;
}

Result<ChatResponse> decode_chat_completion(std::string_view body, std::string_view provider) {
  try {
    return decode(body, provider);
  } catch (const std::exception&) {
    return unreadable(provider, "not JSON");  // simdjson may throw on input it cannot frame
  }
}

std::string_view canonical_finish_reason(std::string_view finish_reason) {
  if (finish_reason == "length" || finish_reason == "tool_calls" ||
      finish_reason == "content_filter") {
    return finish_reason;
  }
  if (finish_reason == "function_call") return "tool_calls";
  return "stop";
}

}  // namespace sluice::providers::openai
