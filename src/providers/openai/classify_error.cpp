#include "providers/openai/classify_error.h"

#include "providers/openai/response_reader.h"

namespace sluice::providers::openai {
namespace {

ErrorClass class_for_status(int status, std::string_view body) {
  switch (status) {
    case 401:
      return ErrorClass::auth;
    case 403:
      return ErrorClass::permission;
    case 404:
      return ErrorClass::not_found;
    case 408:
      return ErrorClass::timeout;
    case 413:
      return ErrorClass::payload_too_large;
    case 429:
      return ErrorClass::rate_limited;
    case 503:
    case 529:
      return ErrorClass::overloaded;
    case 504:
      return ErrorClass::timeout;
    default:
      break;
  }
  if (status >= 500) return ErrorClass::server;
  if (body.find("context_length_exceeded") != std::string_view::npos) {
    return ErrorClass::context_length;
  }
  if (body.find("content_filter") != std::string_view::npos ||
      body.find("content_policy_violation") != std::string_view::npos) {
    return ErrorClass::content_filter;
  }
  return ErrorClass::bad_request;
}

}  // namespace

GatewayError classify_error(std::string_view provider, int status, std::string_view retry_after,
                            std::string_view body) {
  GatewayError error;
  error.cls = class_for_status(status, body);
  error.retry_after = std::string(retry_after);
  std::string message = read_error_message(body);
  if (status >= 400 && status < 500) {
    error.status = status;
    error.message = message.empty() ? "provider '" + std::string(provider) + "' returned HTTP " +
                                          std::to_string(status)
                                    : std::move(message);
  } else {
    error.message = "provider '" + std::string(provider) + "' returned HTTP " +
                    std::to_string(status) + (message.empty() ? "" : ": " + message);
  }
  return error;
}

}  // namespace sluice::providers::openai
