#include "providers/anthropic/usage_reader.h"

namespace sluice::providers::anthropic {

void UsageReader::on_event(std::string_view event, std::string_view data) {
  if (event == "message_start") {
    read(data, true);
  } else if (event == "message_delta") {
    read(data, false);
  }
}

void UsageReader::on_message(std::string_view body) { read(body, false); }

void UsageReader::read(std::string_view json, bool nested_in_message) {
  json::od::document doc;
  if (input_.open(json, doc)) return;
  json::od::object root;
  if (doc.get_object().get(root)) return;
  json::od::value usage;
  if (nested_in_message) {
    json::od::object message;
    if (root.find_field_unordered("message").get_object().get(message)) return;
    if (message.find_field_unordered("usage").get(usage)) return;
  } else if (root.find_field_unordered("usage").get(usage)) {
    return;
  }
  if (json::is_null(usage)) return;
  if (read_wire_usage(usage, wire_) == simdjson::SUCCESS) present_ = true;
}

Usage UsageReader::usage() const {
  if (!present_) return {};
  return to_usage(wire_);
}

}  // namespace sluice::providers::anthropic
