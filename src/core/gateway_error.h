// GatewayError: every failure the gateway reports, as an error class plus a human message.
// The class decides the HTTP status and the OpenAI error type, in one table (gateway_error.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sluice {

// What went wrong, independent of any provider's status codes. Drives status, retries, fallbacks.
enum class ErrorClass {
  bad_request,  // the caller's request is invalid (400)
  auth,         // missing or wrong credentials (401)
  permission,   // authenticated but not allowed (403)
  not_found,    // unknown model or route (404)
  method_not_allowed,
  payload_too_large,
  headers_too_large,
  rate_limited,    // 429
  context_length,  // prompt longer than the model's window (400)
  content_filter,  // refused by a safety filter (400)
  overloaded,      // provider says it is overloaded (503)
  server,          // provider 5xx (502)
  connection,      // provider unreachable (502)
  timeout,         // provider too slow (504)
  client_closed,   // the caller hung up first (499, never sent: no one is left to read it)
  internal,        // the gateway's own fault (500)
};

// One error: its class, a message safe to show the caller (no secrets), and optional details.
struct GatewayError {
  ErrorClass cls = ErrorClass::internal;
  std::string message;
  std::string param;           // the request field at fault, if any
  std::optional<int> status;   // overrides the class's status (upstream pass-through)
  std::string code;            // overrides the class's code string, if set
  std::string retry_after;     // Retry-After value to send, if any
  std::string retry_after_ms;  // the provider's retry-after-ms (OpenAI, Azure), if any

  int http_status() const;
  // The OpenAI error JSON: {"error":{"message","type","param","code"}}.
  std::string to_openai_json() const;
};

// The HTTP status a class maps to.
int http_status_for(ErrorClass cls);
// OpenAI's error "type" string for a class (invalid_request_error, rate_limit_error, ...).
std::string_view openai_type_for(ErrorClass cls);
// Short stable name of a class (rate_limited, timeout, ...), used in metrics and records.
std::string_view error_class_name(ErrorClass cls);

}  // namespace sluice
