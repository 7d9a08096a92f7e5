#include "providers/bedrock/classify_error.h"

#include <array>
#include <cctype>
#include <string>
#include <utility>

#include "core/json_reader.h"
#include "providers/error_body.h"

namespace sluice::providers::bedrock {
namespace {

// Bedrock runtime's documented exceptions (lowercased) and the class each stands for.
constexpr std::array<std::pair<std::string_view, ErrorClass>, 14> kExceptions{{
    {"throttlingexception", ErrorClass::rate_limited},
    {"servicequotaexceededexception", ErrorClass::rate_limited},
    {"serviceunavailableexception", ErrorClass::overloaded},
    {"modelnotreadyexception", ErrorClass::overloaded},
    {"modeltimeoutexception", ErrorClass::timeout},
    {"accessdeniedexception", ErrorClass::auth},
    {"unrecognizedclientexception", ErrorClass::auth},
    {"invalidsignatureexception", ErrorClass::auth},
    {"expiredtokenexception", ErrorClass::auth},
    {"resourcenotfoundexception", ErrorClass::not_found},
    {"validationexception", ErrorClass::bad_request},
    {"internalserverexception", ErrorClass::server},
    {"modelstreamerrorexception", ErrorClass::server},
    {"modelerrorexception", ErrorClass::server},
}};

ErrorClass class_for_status(int status) {
  switch (status) {
    case 401:
    case 403:
      return ErrorClass::auth;
    case 404:
      return ErrorClass::not_found;
    case 408:
    case 504:
      return ErrorClass::timeout;
    case 413:
      return ErrorClass::payload_too_large;
    case 429:
      return ErrorClass::rate_limited;
    case 424:  // ModelErrorException: the model failed, not the request
      return ErrorClass::server;
    case 503:
      return ErrorClass::overloaded;
    default:
      return status >= 500 ? ErrorClass::server : ErrorClass::bad_request;
  }
}

// message (or Message) and __type of an error body; empty when the body is not JSON.
std::pair<std::string, std::string> read_error(std::string_view body) {
  try {
    json::JsonInput input;
    json::od::document doc;
    json::od::object root;
    if (input.open(body, doc) || doc.get_object().get(root)) return {};
    std::string type, message;
    for (auto field : root) {
      std::string_view key, text;
      if (field.unescaped_key().get(key) || field.value().get_string().get(text)) continue;
      if (key == "__type" || key == "code") type = text;
      if (key == "message" || key == "Message") message = text;
    }
    return {std::move(type), std::move(message)};
  } catch (const std::exception&) {
    return {};
  }
}

// Bedrock reports a too-long prompt as a ValidationException; the wording varies by model.
bool is_context_length(std::string_view message) {
  for (std::string_view marker : {"too long", "too many input tokens", "context window",
                                  "context length", "maximum context"}) {
    if (message.find(marker) != std::string_view::npos) return true;
  }
  return false;
}

// Refines bad_request to context_length when the message says so.
ErrorClass refine(ErrorClass cls, std::string_view message) {
  return cls == ErrorClass::bad_request && is_context_length(message) ? ErrorClass::context_length
                                                                      : cls;
}

}  // namespace

ErrorClass class_for_exception(std::string_view name, ErrorClass fallback) {
  if (const auto hash = name.rfind('#'); hash != std::string_view::npos) {
    name.remove_prefix(hash + 1);
  }
  name = name.substr(0, name.find(':'));
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [known, cls] : kExceptions) {
    if (known == lower) return cls;
  }
  return fallback;
}

GatewayError classify_error(std::string_view provider, int status, std::string_view retry_after,
                            std::string_view body) {
  auto [type, message] = read_error(body);
  if (type.empty() && message.empty()) message = readable_error_body(body);
  GatewayError error;
  error.cls = refine(class_for_exception(type, class_for_status(status)), message);
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

GatewayError stream_error(std::string_view provider, std::string_view type,
                          std::string_view payload) {
  auto [body_type, message] = read_error(payload);
  GatewayError error;
  error.cls = refine(class_for_exception(type, ErrorClass::server), message);
  std::string text = message.empty() ? std::string(type) : std::move(message);
  const bool provider_fault = error.cls == ErrorClass::server ||
                              error.cls == ErrorClass::overloaded ||
                              error.cls == ErrorClass::timeout;
  error.message = provider_fault ? "provider '" + std::string(provider) + "' stream error (" +
                                       std::string(type) + "): " + text
                                 : std::move(text);
  return error;
}

}  // namespace sluice::providers::bedrock
