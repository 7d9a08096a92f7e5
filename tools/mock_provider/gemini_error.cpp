#include "gemini_error.h"

#include <fmt/format.h>

#include "json_writer.h"

namespace mock {

std::string_view google_status_for(int status) {
  switch (status) {
    case 400:
      return "INVALID_ARGUMENT";
    case 401:
      return "UNAUTHENTICATED";
    case 403:
      return "PERMISSION_DENIED";
    case 404:
      return "NOT_FOUND";
    case 409:
      return "ABORTED";
    case 429:
      return "RESOURCE_EXHAUSTED";
    case 499:
      return "CANCELLED";
    case 501:
      return "UNIMPLEMENTED";
    case 503:
      return "UNAVAILABLE";
    case 504:
      return "DEADLINE_EXCEEDED";
    default:
      break;
  }
  return status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT";
}

void append_google_error(std::string& out, int status, std::string_view message) {
  out.append(R"({"error":{"code":)");
  append_uint(out, static_cast<unsigned>(status));
  out.append(R"(,"message":)");
  append_json_string(out, message);
  out.append(R"(,"status":")");
  out.append(google_status_for(status));
  out.append("\"}}");
}

void append_google_status_error(std::string& out, int status) {
  append_google_error(out, status, fmt::format("mock injected error (status {})", status));
}

void append_google_error_event(std::string& out) {
  out.append("data: ");
  append_google_error(out, 503, "The model is overloaded. Please try again later.");
  out.append("\r\n\r\n");
}

}  // namespace mock
