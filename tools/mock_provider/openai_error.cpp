#include "openai_error.h"

#include <fmt/format.h>

#include "json_writer.h"

namespace mock {

namespace {

// Appends a JSON string, or null when empty.
void append_string_or_null(std::string& out, std::string_view text) {
  if (text.empty()) {
    out.append("null");
  } else {
    append_json_string(out, text);
  }
}

// The error type and code OpenAI sends with each status.
struct StatusKind {
  std::string_view type;
  std::string_view code;
};

StatusKind kind_for(int status) {
  switch (status) {
    case 401:
      return {"invalid_request_error", "invalid_api_key"};
    case 403:
      return {"permission_error", "unsupported_country_region_territory"};
    case 404:
      return {"invalid_request_error", "model_not_found"};
    case 429:
      return {"requests", "rate_limit_exceeded"};
    default:
      break;
  }
  if (status >= 500) return {"server_error", ""};
  return {"invalid_request_error", ""};
}

}  // namespace

void append_error_body(std::string& out, std::string_view message, std::string_view type,
                       std::string_view param, std::string_view code) {
  out.append(R"({"error":{"message":)");
  append_json_string(out, message);
  out.append(R"(,"type":)");
  append_json_string(out, type);
  out.append(R"(,"param":)");
  append_string_or_null(out, param);
  out.append(R"(,"code":)");
  append_string_or_null(out, code);
  out.append("}}");
}

void append_request_error_body(std::string& out, const RequestError& error) {
  append_error_body(out, error.message, "invalid_request_error", error.param, error.code);
}

void append_status_error_body(std::string& out, int status) {
  const StatusKind kind = kind_for(status);
  append_error_body(out, fmt::format("mock injected error (status {})", status), kind.type, "",
                    kind.code);
}

}  // namespace mock
