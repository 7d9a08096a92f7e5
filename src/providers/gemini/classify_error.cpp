#include "providers/gemini/classify_error.h"

#include <array>
#include <cctype>
#include <string>
#include <utility>

#include "core/json_reader.h"
#include "providers/error_body.h"

namespace sluice::providers::gemini {
namespace {

// google.rpc.Code names and the class each stands for.
constexpr std::array<std::pair<std::string_view, ErrorClass>, 10> kRpcStatuses{{
    {"INVALID_ARGUMENT", ErrorClass::bad_request},
    {"FAILED_PRECONDITION", ErrorClass::bad_request},
    {"OUT_OF_RANGE", ErrorClass::bad_request},
    {"UNAUTHENTICATED", ErrorClass::auth},
    {"PERMISSION_DENIED", ErrorClass::permission},
    {"NOT_FOUND", ErrorClass::not_found},
    {"RESOURCE_EXHAUSTED", ErrorClass::rate_limited},
    {"UNAVAILABLE", ErrorClass::overloaded},
    {"DEADLINE_EXCEEDED", ErrorClass::timeout},
    {"INTERNAL", ErrorClass::server},
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
      return ErrorClass::overloaded;
    default:
      return status >= 500 ? ErrorClass::server : ErrorClass::bad_request;
  }
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)."
bool is_context_length(std::string_view message) {
  const std::string text = lower(message);
  const bool about_size =
      text.find("token") != std::string::npos || text.find("context") != std::string::npos;
  const bool too_big =
      text.find("exceed") != std::string::npos || text.find("too long") != std::string::npos ||
      text.find("too large") != std::string::npos || text.find("maximum") != std::string::npos ||
      text.find("limit") != std::string::npos;
  return about_size && too_big;
}

struct BodyError {
  std::string status, message;
};

// error.status and error.message; empty when the body is not Google's shape (a JSON array of
// one error object is accepted too: some Google front ends send that). A DOM parse: error
// bodies are small, rare and may be anything, so they are fully validated first.
BodyError read_error(std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(body.data(), body.size(), true).get(root)) return {};
  simdjson::dom::array list;
  if (!root.get_array().get(list)) {
    if (list.size() != 1 || list.at(0).get(root)) return {};
  }
  simdjson::dom::object error;
  if (root["error"].get_object().get(error)) return {};
  std::string_view status, message;
  if (error["status"].get_string().get(status)) status = {};
  if (error["message"].get_string().get(message)) message = {};
  return {std::string(status), std::string(message)};
}

bool provider_fault(ErrorClass cls) {
  return cls == ErrorClass::server || cls == ErrorClass::overloaded || cls == ErrorClass::timeout;
}

}  // namespace

ErrorClass class_for(int status, std::string_view rpc_status, std::string_view message) {
  ErrorClass cls = class_for_status(status);
  for (const auto& [name, mapped] : kRpcStatuses) {
    if (name == rpc_status) cls = mapped;
  }
  if (status == 500 && cls == ErrorClass::bad_request) cls = ErrorClass::server;
  // AI Studio answers a wrong key with 400 INVALID_ARGUMENT (reason API_KEY_INVALID).
  if (cls == ErrorClass::bad_request &&
      message.find("API key not valid") != std::string_view::npos) {
    cls = ErrorClass::auth;
  }
  if (cls == ErrorClass::bad_request && is_context_length(message))
    cls = ErrorClass::context_length;
  return cls;
}

GatewayError classify_error(std::string_view provider, int status, std::string_view retry_after,
                            std::string_view body) {
  auto [rpc_status, message] = read_error(body);
  if (rpc_status.empty() && message.empty()) message = readable_error_body(body);
  GatewayError error;
  error.cls = class_for(status, rpc_status, message);
  error.retry_after = std::string(retry_after);
  const std::string prefix =
      "provider '" + std::string(provider) + "' returned HTTP " + std::to_string(status);
  if (status >= 400 && status < 500) {
    if (error.cls != ErrorClass::auth) error.status = status;
    error.message = message.empty() ? prefix : std::move(message);
  } else {
    error.message = message.empty() ? prefix : prefix + ": " + message;
  }
  return error;
}

GatewayError stream_error(std::string_view provider, int64_t code, std::string_view rpc_status,
                          std::string_view message) {
  GatewayError error;
  error.cls = class_for(static_cast<int>(code), rpc_status, message);
  if (code == 0 && rpc_status.empty()) error.cls = ErrorClass::server;
  std::string text = message.empty() ? std::string(rpc_status) : std::string(message);
  error.message = provider_fault(error.cls)
                      ? "provider '" + std::string(provider) + "' stream error: " + text
                      : std::move(text);
  return error;
}

}  // namespace sluice::providers::gemini
