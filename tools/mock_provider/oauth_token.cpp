#include "oauth_token.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <simdjson.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "json_writer.h"
#include "response.h"

namespace mock {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::string_view kGrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";
constexpr std::string_view kScope = "https://www.googleapis.com/auth/cloud-platform";

// Tokens issued by this process and when they expire. The mock's only shared mutable state:
// the worker threads all serve Vertex paths and must accept each other's tokens.
struct IssuedTokens {
  std::mutex mutex;
  std::map<std::string, Clock::time_point, std::less<>> expiry;
  std::atomic<unsigned long> issued{0};
  std::atomic<unsigned long> requests{0};
};

IssuedTokens& issued_tokens() {
  static IssuedTokens tokens;
  return tokens;
}

// A failed token request, in Google's shape.
struct OAuthError {
  int status = 400;
  std::string_view error;
  std::string description;
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded value decoding ('+' is a space, %XX a byte).
std::string form_decode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// The decoded value of `name` in a form body, or nullopt.
std::optional<std::string> form_field(std::string_view body, std::string_view name) {
  while (!body.empty()) {
    const size_t amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    const size_t eq = pair.find('=');
    if (form_decode(pair.substr(0, eq)) == name) {
      return eq == std::string_view::npos ? std::string() : form_decode(pair.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

// base64url without padding to bytes; nullopt on a character outside the alphabet.
std::optional<std::string> base64url_decode(std::string_view text) {
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    if (c >= '0' && c <= '9') v = c - '0' + 52;
    if (c == '-') v = 62;
    if (c == '_') v = 63;
    if (v < 0) return std::nullopt;
    bits = (bits << 6) | static_cast<uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

// True when `signature` is a valid RS256 signature of `data` by the key in the PEM file.
bool verify_rs256(const std::string& public_key_file, std::string_view data,
                  std::string_view signature) {
  std::ifstream file(public_key_file, std::ios::binary);
  std::ostringstream pem;
  pem << file.rdbuf();
  const std::string text = pem.str();
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(text.data(), static_cast<int>(text.size())), &BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  const bool ok =
      key && ctx &&
      EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(data.data()),
                       data.size()) == 1;
  ERR_clear_error();
  return ok;
}

// The claims the mock checks.
struct Claims {
  std::string iss, scope, aud, alg;
  int64_t iat = 0, exp = 0;
};

bool read_json_fields(const std::string& json, Claims& out, bool header) {
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(json).get(object) != simdjson::SUCCESS) return false;
  for (auto [key, value] : object) {
    std::string_view text;
    int64_t number = 0;
    if (value.get(text) == simdjson::SUCCESS) {
      if (header && key == "alg") out.alg = text;
      if (!header && key == "iss") out.iss = text;
      if (!header && key == "scope") out.scope = text;
      if (!header && key == "aud") out.aud = text;
    } else if (!header && value.get(number) == simdjson::SUCCESS) {
      if (key == "iat") out.iat = number;
      if (key == "exp") out.exp = number;
    }
  }
  return true;
}

// Checks the assertion as Google does; returns the error to send, or nullopt when it is good.
std::optional<OAuthError> check_assertion(const Options& options, std::string_view assertion,
                                          std::string_view expected_aud) {
  const size_t first = assertion.find('.');
  const size_t second = first == std::string_view::npos ? first : assertion.find('.', first + 1);
  if (second == std::string_view::npos) {
    return OAuthError{400, "invalid_grant", "Invalid JWT: not three segments."};
  }
  const auto header = base64url_decode(assertion.substr(0, first));
  const auto claims_json = base64url_decode(assertion.substr(first + 1, second - first - 1));
  const auto signature = base64url_decode(assertion.substr(second + 1));
  Claims claims;
  if (!header || !claims_json || !signature || !read_json_fields(*header, claims, true) ||
      !read_json_fields(*claims_json, claims, false)) {
    return OAuthError{400, "invalid_grant", "Invalid JWT: cannot decode."};
  }
  if (claims.alg != "RS256") return OAuthError{400, "invalid_grant", "Invalid JWT: alg."};
  if (!verify_rs256(options.vertex_public_key, assertion.substr(0, second), *signature)) {
    return OAuthError{400, "invalid_grant", "Invalid JWT Signature."};
  }
  if (claims.aud != expected_aud) {
    return OAuthError{400, "invalid_grant", "Invalid JWT: Failed audience check."};
  }
  if (claims.scope.find(kScope) == std::string::npos) {
    return OAuthError{400, "invalid_scope", "Invalid OAuth scope or ID token audience provided."};
  }
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  if (claims.iss.empty() || claims.exp <= now || claims.iat > now + 60 ||
      claims.exp - claims.iat > 3600) {
    return OAuthError{400, "invalid_grant",
                      "Invalid JWT: Token must be a short-lived token (60 minutes) and in a "
                      "reasonable timeframe. Check your iat and exp values in the JWT claim."};
  }
  return std::nullopt;
}

std::string new_token() {
  unsigned char random[12];
  RAND_bytes(random, sizeof random);
  std::string token = fmt::format("mock-token-{}-", issued_tokens().issued.load() + 1);
  for (unsigned char byte : random) token += fmt::format("{:02x}", byte);
  return token;
}

std::optional<OAuthError> check_token_request(const Options& options, const Request& req,
                                              std::string_view path) {
  const auto grant_type = form_field(req.body(), "grant_type");
  if (grant_type != kGrantType) {
    return OAuthError{400, "unsupported_grant_type",
                      "Invalid grant_type: " + grant_type.value_or("") + "."};
  }
  const auto assertion = form_field(req.body(), "assertion");
  if (!assertion)
    return OAuthError{400, "invalid_request", "Missing required parameter: assertion"};
  // The audience is this endpoint as the client addressed it.
  const std::string aud =
      fmt::format("http://{}{}", std::string_view(req[boost::beast::http::field::host]), path);
  return check_assertion(options, *assertion, aud);
}

void append_oauth_error(std::string& out, const OAuthError& error) {
  out += "{\"error\":";
  append_json_string(out, error.error);
  out += ",\"error_description\":";
  append_json_string(out, error.description);
  out += '}';
}

}  // namespace

bool is_oauth_path(std::string_view path) {
  return path == "/token" || path == "/mock/oauth/stats";
}

asio::awaitable<bool> serve_oauth(Connection& conn, Request& req, std::string_view path) {
  Head head{.keep_alive = req.keep_alive()};
  conn.body.clear();
  IssuedTokens& tokens = issued_tokens();
  const bool stats = path == "/mock/oauth/stats";
  if (req.method() != (stats ? boost::beast::http::verb::get : boost::beast::http::verb::post)) {
    head.status = 405;
    head.allow = stats ? "GET" : "POST";
    append_oauth_error(conn.body, OAuthError{405, "invalid_request", "Method not allowed."});
  } else if (stats) {
    conn.body = fmt::format(R"({{"issued":{},"requests":{}}})", tokens.issued.load(),
                            tokens.requests.load());
  } else if (conn.options.vertex_public_key.empty()) {
    head.status = 404;
    append_oauth_error(conn.body,
                       OAuthError{404, "not_found", "start the mock with --vertex-public-key"});
  } else {
    tokens.requests.fetch_add(1);
    const auto error = check_token_request(conn.options, req, path);
    if (error) {
      head.status = error->status;
      append_oauth_error(conn.body, *error);
    } else {
      const std::string token = new_token();
      {
        std::lock_guard lock(tokens.mutex);
        tokens.expiry[token] = Clock::now() + std::chrono::seconds(conn.options.vertex_token_ttl);
        tokens.issued.fetch_add(1);
      }
      conn.body = fmt::format(R"({{"access_token":"{}","expires_in":{},"token_type":"Bearer"}})",
                              token, conn.options.vertex_token_ttl);
    }
  }
  const bool keep = co_await respond(conn, head);
  co_return keep;
}

bool has_issued_token(const Request& req) {
  std::string_view auth = req[boost::beast::http::field::authorization];
  if (!auth.starts_with("Bearer ")) return false;
  auth.remove_prefix(7);
  IssuedTokens& tokens = issued_tokens();
  std::lock_guard lock(tokens.mutex);
  auto it = tokens.expiry.find(auth);
  return it != tokens.expiry.end() && Clock::now() < it->second;
}

bool vertex_bearer_accepted(const Request& req, const Options& options) {
  return options.vertex_public_key.empty() || has_issued_token(req);
}

}  // namespace mock
