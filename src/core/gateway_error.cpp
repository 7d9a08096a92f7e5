#include "core/gateway_error.h"

#include <array>

#include "core/json_escape.h"

namespace sluice {
namespace {

// The one table mapping an error class to its HTTP status, OpenAI type and stable name.
struct ClassInfo {
  ErrorClass cls;
  int status;
  std::string_view openai_type;
  std::string_view name;
};

constexpr std::array<ClassInfo, 16> kClassTable{{
    {ErrorClass::bad_request, 400, "invalid_request_error", "bad_request"},
    {ErrorClass::auth, 401, "authentication_error", "auth"},
    {ErrorClass::permission, 403, "permission_error", "permission"},
    {ErrorClass::not_found, 404, "invalid_request_error", "not_found"},
    {ErrorClass::method_not_allowed, 405, "invalid_request_error", "method_not_allowed"},
    {ErrorClass::payload_too_large, 413, "invalid_request_error", "payload_too_large"},
    {ErrorClass::headers_too_large, 431, "invalid_request_error", "headers_too_large"},
    {ErrorClass::rate_limited, 429, "rate_limit_error", "rate_limited"},
    {ErrorClass::context_length, 400, "invalid_request_error", "context_length"},
    {ErrorClass::content_filter, 400, "invalid_request_error", "content_filter"},
    {ErrorClass::overloaded, 503, "api_error", "overloaded"},
    {ErrorClass::server, 502, "api_error", "server"},
    {ErrorClass::connection, 502, "api_error", "connection"},
    {ErrorClass::timeout, 504, "timeout_error", "timeout"},
    {ErrorClass::client_closed, 499, "api_error", "client_closed"},
    {ErrorClass::internal, 500, "api_error", "internal"},
}};

const ClassInfo& info(ErrorClass cls) {
  for (const auto& entry : kClassTable) {
    if (entry.cls == cls) return entry;
  }
  return kClassTable.back();
}

}  // namespace

int http_status_for(ErrorClass cls) { return info(cls).status; }
std::string_view openai_type_for(ErrorClass cls) { return info(cls).openai_type; }
std::string_view error_class_name(ErrorClass cls) { return info(cls).name; }

int GatewayError::http_status() const { return status.value_or(http_status_for(cls)); }

std::string GatewayError::to_openai_json() const {
  std::string out;
  out.reserve(96 + message.size());
  out += R"({"error":{"message":)";
  append_json_string(out, message);
  out += R"(,"type":)";
  append_json_string(out, openai_type_for(cls));
  out += R"(,"param":)";
  if (param.empty()) {
    out += "null";
  } else {
    append_json_string(out, param);
  }
  out += R"(,"code":)";
  append_json_string(out, code.empty() ? error_class_name(cls) : std::string_view(code));
  out += "}}";
  return out;
}

}  // namespace sluice
