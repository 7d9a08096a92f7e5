#include "providers/anthropic/inbound/field_reader.h"

namespace sluice::providers::anthropic::inbound {

GatewayError invalid(const std::string& param, std::string_view problem) {
  return GatewayError{ErrorClass::bad_request, param + ": " + std::string(problem), param};
}

bool read_string(json::od::value value, std::string& out) {
  std::string_view text;
  if (value.get_string().get(text)) return false;
  out.assign(text);
  return true;
}

FieldError read_string_field(json::od::value value, const std::string& path, std::string& out) {
  if (json::is_null(value) || read_string(value, out)) return std::nullopt;
  return invalid(path, "Input should be a valid string");
}

FieldError read_raw_field(json::od::value value, const std::string& path, std::string& out) {
  std::string_view raw;
  if (json::raw_json(value, raw)) return invalid(path, "Invalid JSON");
  out.assign(raw);
  return std::nullopt;
}

FieldError read_bool_field(json::od::value value, const std::string& path, bool& out) {
  if (json::is_null(value) || value.get_bool().get(out) == simdjson::SUCCESS) return std::nullopt;
  return invalid(path, "Input should be a valid boolean");
}

bool is_array(json::od::value& value) {
  json::od::json_type type;
  return value.type().get(type) == simdjson::SUCCESS && type == json::od::json_type::array;
}

}  // namespace sluice::providers::anthropic::inbound
