#include "providers/gemini/response.h"

namespace sluice::providers::gemini {
namespace {

using json::od::object;
using json::od::value;

simdjson::error_code read_function_call(value v, WirePart& part) {
  object call;
  if (auto err = v.get_object().get(call)) return err;
  part.kind = WirePart::Kind::function_call;
  for (auto field : call) {
    std::string_view key;
    value item;
    if (auto err = field.unescaped_key().get(key)) return err;
    if (auto err = field.value().get(item)) return err;
    if (json::is_null(item)) continue;
    if (key == "name") {
      if (auto err = item.get_string().get(part.name)) return err;
    } else if (key == "id") {
      if (auto err = item.get_string().get(part.id)) return err;
    } else if (key == "args") {
      if (auto err = json::raw_json(item, part.args)) return err;
    }
  }
  return simdjson::SUCCESS;
}

simdjson::error_code read_part(value v, WirePart& part) {
  object object_;
  if (auto err = v.get_object().get(object_)) return err;
  bool thought = false;
  bool has_text = false;
  for (auto field : object_) {
    std::string_view key;
    value item;
    if (auto err = field.unescaped_key().get(key)) return err;
    if (auto err = field.value().get(item)) return err;
    if (key == "text") {
      if (auto err = item.get_string().get(part.text)) return err;
      has_text = true;
    } else if (key == "thought") {
      if (auto err = item.get_bool().get(thought)) return err;
    } else if (key == "functionCall") {
      if (auto err = read_function_call(item, part)) return err;
    }
  }
  if (has_text) part.kind = thought ? WirePart::Kind::thought : WirePart::Kind::text;
  return simdjson::SUCCESS;
}

simdjson::error_code read_content(value v, WireResponse& out) {
  object content;
  if (auto err = v.get_object().get(content)) return err;
  for (auto field : content) {
    std::string_view key;
    value item;
    if (auto err = field.unescaped_key().get(key)) return err;
    if (key != "parts") continue;
    if (auto err = field.value().get(item)) return err;
    json::od::array parts;
    if (auto err = item.get_array().get(parts)) return err;
    for (auto element : parts) {
      value part_value;
      WirePart part;
      if (auto err = element.get(part_value)) return err;
      if (auto err = read_part(part_value, part)) return err;
      out.parts.push_back(part);
    }
  }
  return simdjson::SUCCESS;
}

// candidates[0]: its content and finishReason (other candidates are not asked for).
simdjson::error_code read_candidates(value v, WireResponse& out) {
  json::od::array candidates;
  if (auto err = v.get_array().get(candidates)) return err;
  for (auto element : candidates) {
    object candidate;
    if (auto err = element.get_object().get(candidate)) return err;
    if (out.has_candidate) continue;
    out.has_candidate = true;
    for (auto field : candidate) {
      std::string_view key;
      value item;
      if (auto err = field.unescaped_key().get(key)) return err;
      if (auto err = field.value().get(item)) return err;
      if (json::is_null(item)) continue;
      if (key == "content") {
        if (auto err = read_content(item, out)) return err;
      } else if (key == "finishReason") {
        if (auto err = item.get_string().get(out.finish_reason)) return err;
      }
    }
  }
  return simdjson::SUCCESS;
}

simdjson::error_code read_error(value v, WireResponse& out) {
  object error;
  if (auto err = v.get_object().get(error)) return err;
  out.is_error = true;
  for (auto field : error) {
    std::string_view key;
    value item;
    if (auto err = field.unescaped_key().get(key)) return err;
    if (auto err = field.value().get(item)) return err;
    if (key == "code") {
      if (auto err = item.get_int64().get(out.error_code)) return err;
    } else if (key == "message") {
      if (auto err = item.get_string().get(out.error_message)) return err;
    } else if (key == "status") {
      if (auto err = item.get_string().get(out.error_status)) return err;
    }
  }
  return simdjson::SUCCESS;
}

simdjson::error_code read_feedback(value v, WireResponse& out) {
  object feedback;
  if (auto err = v.get_object().get(feedback)) return err;
  std::string_view reason;
  if (!feedback.find_field_unordered("blockReason").get_string().get(reason)) {
    out.block_reason = reason;
  }
  return simdjson::SUCCESS;
}

}  // namespace

simdjson::error_code read_response(object& root, WireResponse& out) {
  out.parts.clear();
  for (auto field : root) {
    std::string_view key;
    value item;
    if (auto err = field.unescaped_key().get(key)) return err;
    if (auto err = field.value().get(item)) return err;
    if (json::is_null(item)) continue;
    simdjson::error_code err = simdjson::SUCCESS;
    if (key == "candidates") err = read_candidates(item, out);
    if (key == "promptFeedback") err = read_feedback(item, out);
    if (key == "usageMetadata") err = read_wire_usage(item, out.usage);
    if (key == "modelVersion") err = item.get_string().get(out.model);
    if (key == "responseId") err = item.get_string().get(out.id);
    if (key == "error") err = read_error(item, out);
    if (err) return err;
  }
  return simdjson::SUCCESS;
}

}  // namespace sluice::providers::gemini
