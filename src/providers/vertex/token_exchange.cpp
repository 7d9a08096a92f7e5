#include "providers/vertex/token_exchange.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "core/json_reader.h"

namespace sluice::providers::vertex {
namespace {

// The grant type of RFC 7523, form-encoded (':' as %3A).
constexpr std::string_view kGrantType = "urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer";

// Google's {"error":"invalid_grant","error_description":"..."} as "invalid_grant: ...", kept
// short and printable (it is shown to callers); empty when the body is not that shape.
std::string google_error(std::string_view body) {
  json::JsonInput input;
  json::od::document doc;
  if (input.open(body, doc) != simdjson::SUCCESS) return "";
  std::string out;
  std::string_view code, description;
  if (doc["error"].get_string().get(code) == simdjson::SUCCESS) out.assign(code);
  if (doc["error_description"].get_string().get(description) == simdjson::SUCCESS) {
    if (!out.empty()) out += ": ";
    out.append(description);
  }
  if (out.size() > 200) out.resize(200);
  std::replace_if(
      out.begin(), out.end(), [](unsigned char c) { return std::isprint(c) == 0; }, ' ');
  return out;
}

// Reads access_token, token_type and expires_in (other fields are skipped). False when the body
// is not an object or a field has the wrong type.
bool read_token_fields(std::string_view body, std::string& token, std::string& type,
                       int64_t& expires_in) {
  json::JsonInput input;
  json::od::document doc;
  json::od::object object;
  if (input.open(body, doc) != simdjson::SUCCESS || doc.get_object().get(object)) return false;
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key) != simdjson::SUCCESS) return false;
    std::string_view text;
    if (key == "access_token" || key == "token_type") {
      if (field.value().get_string().get(text) != simdjson::SUCCESS) return false;
      (key == "access_token" ? token : type).assign(text);
    } else if (key == "expires_in") {
      if (field.value().get_int64().get(expires_in) != simdjson::SUCCESS) return false;
    }
  }
  return json::at_end(doc);
}

GatewayError token_error(ErrorClass cls, std::string_view provider, std::string_view what) {
  GatewayError error{cls, "provider '" + std::string(provider) + "': " + std::string(what)};
  error.code = "upstream_auth_failed";
  return error;
}

}  // namespace

std::string token_request_body(std::string_view assertion) {
  // base64url and '.' need no form encoding.
  std::string body = "grant_type=";
  body += kGrantType;
  body += "&assertion=";
  body += assertion;
  return body;
}

Result<AccessToken> read_token_response(std::string_view provider, int status,
                                        std::string_view body,
                                        std::chrono::steady_clock::time_point sent) {
  if (status != 200) {
    std::string what =
        "the token endpoint refused the service account (HTTP " + std::to_string(status) + ")";
    if (const std::string detail = google_error(body); !detail.empty()) what += ": " + detail;
    const ErrorClass cls = status == 429   ? ErrorClass::rate_limited
                           : status >= 500 ? ErrorClass::server
                                           : ErrorClass::auth;
    return token_error(cls, provider, what);
  }
  std::string token, type;
  int64_t expires_in = 0;
  if (!read_token_fields(body, token, type, expires_in) || token.empty() || expires_in <= 0) {
    return token_error(ErrorClass::server, provider,
                       "the token endpoint sent a malformed token response");
  }
  // token_type is optional in practice; when present it must be Bearer (any case).
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (!type.empty() && type != "bearer") {
    return token_error(ErrorClass::server, provider,
                       "the token endpoint sent a token that is not a bearer token");
  }
  return AccessToken{std::move(token), sent + std::chrono::seconds(expires_in)};
}

}  // namespace sluice::providers::vertex
