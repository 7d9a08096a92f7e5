#include "providers/anthropic/classify_error.h"

#include <array>
#include <string>
#include <utility>

#include "core/json_reader.h"
#include "providers/error_body.h"

namespace sluice::providers::anthropic {
namespace {

// Anthropic's documented error types and the class each stands for.
constexpr std::array<std::pair<std::string_view, ErrorClass>, 9> kErrorTypes{{
    {"invalid_request_error", ErrorClass::bad_request},
    {"authentication_error", ErrorClass::auth},
    {"permission_error", ErrorClass::permission},
    {"not_found_error", ErrorClass::not_found},
    {"request_too_large", ErrorClass::payload_too_large},
    {"rate_limit_error", ErrorClass::rate_limited},
    {"api_error", ErrorClass::server},
    {"overloaded_error", ErrorClass::overloaded},
    {"timeout_error", ErrorClass::timeout},
}};

ErrorClass class_for_status(int status) {
  switch (status) {
    case 401:
      return ErrorClass::auth;
    case 403:
      return ErrorClass::permission;
    case 404:
      return ErrorClass::not_found;
    case 408:
    case 504:
      return ErrorClass::timeout;
    case 413:
      return ErrorClass::payload_too_large;
    case 429:
      return ErrorClass::rate_limited;
    case 503:
    case 529:
      return ErrorClass::overloaded;
    default:
      return status >= 500 ? ErrorClass::server : ErrorClass::bad_request;
  }
}

// error.type and error.message of an error body; empty when the body is not Anthropic's shape.
std::pair<std::string, std::string> read_error(std::string_view body) {
  try {
    json::JsonInput input;
    json::od::document doc;
    json::od::object error;
    if (input.open(body, doc) || doc.find_field_unordered("error").get_object().get(error)) {
      return {};
    }
    std::string_view type, message;
    if (error.find_field_unordered("type").get_string().get(type)) type = {};
    if (error.find_field_unordered("message").get_string().get(message)) message = {};
    return {std::string(type), std::string(message)};
  } catch (const std::exception&) {
    return {};
  }
}

// Anthropic reports a too-long prompt as a plain invalid_request_error.
bool is_context_length(std::string_view message) {
  return message.find("prompt is too long") != std::string_view::npos ||
         message.find("context window") != std::string_view::npos;
}

}  // namespace

ErrorClass class_for_error_type(std::string_view type, ErrorClass fallback) {
  for (const auto& [name, cls] : kErrorTypes) {
    if (name == type) return cls;
  }
  return fallback;
}

GatewayError classify_error(std::string_view provider, int status, std::string_view retry_after,
                            std::string_view body) {
  auto [type, message] = read_error(body);
  if (type.empty() && message.empty()) message = readable_error_body(body);
  GatewayError error;
  error.cls = class_for_error_type(type, class_for_status(status));
  if (error.cls == ErrorClass::bad_request && is_context_length(message)) {
    error.cls = ErrorClass::context_length;
  }
  error.retry_after = std::string(retry_after);
  const std::string prefix =
      "provider '" + std::string(provider) + "' returned HTTP " + std::to_string(status);
  if (status >= 400 && status < 500) {
    error.status = status;
    error.message = message.empty() ? prefix : std::move(message);
  } else {
    error.message = message.empty() ? prefix : prefix + ": " + message;
  }
  return error;
}

GatewayError stream_error(std::string_view type, std::string_view message) {
  GatewayError error;
  error.cls = class_for_error_type(type, ErrorClass::server);
  std::string text = message.empty() ? std::string(type) : std::string(message);
  const bool provider_fault = error.cls == ErrorClass::server ||
                              error.cls == ErrorClass::overloaded ||
                              error.cls == ErrorClass::timeout;
  // Like HTTP errors: the provider's own faults name it, the caller's keep Anthropic's words.
  error.message = provider_fault ? "provider 'anthropic' stream error: " + text : std::move(text);
  return error;
}

}  // namespace sluice::providers::anthropic
