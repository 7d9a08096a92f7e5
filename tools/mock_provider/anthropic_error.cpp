#include "anthropic_error.h"

#include <fmt/format.h>

#include "json_writer.h"

namespace mock {

namespace {

// The error type Anthropic sends with each status.
std::string_view type_for(int status) {
  switch (status) {
    case 401:
      return "authentication_error";
    case 402:
      return "billing_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 413:
      return "request_too_large";
    case 429:
      return "rate_limit_error";
    case 504:
      return "timeout_error";
    case 529:
      return "overloaded_error";
    default:
      break;
  }
  return status >= 500 ? "api_error" : "invalid_request_error";
}

}  // namespace

void append_anthropic_error(std::string& out, std::string_view type, std::string_view message,
                            std::string_view request_id) {
  out.append(R"({"type":"error","error":{"type":")");
  out.append(type);
  out.append(R"(","message":)");
  append_json_string(out, message);
  out.append(R"(},"request_id":)");
  append_json_string(out, request_id);
  out.push_back('}');
}

void append_anthropic_status_error(std::string& out, int status, std::string_view request_id) {
  const std::string message = status == 529
                                  ? std::string("Overloaded")
                                  : fmt::format("mock injected error (status {})", status);
  append_anthropic_error(out, type_for(status), message, request_id);
}

void append_anthropic_error_event(std::string& out) {
  out.append(
      "event: error\n"
      R"(data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"
      "\n\n");
}

}  // namespace mock
