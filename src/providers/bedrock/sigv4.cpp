#include "providers/bedrock/sigv4.h"

#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>

namespace sluice::providers::bedrock {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

std::string hex(const unsigned char* data, std::size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kHex[data[i] >> 4]);
    out.push_back(kHex[data[i] & 0xF]);
  }
  return out;
}

// Raw HMAC-SHA256 of `data` under `key`.
std::string hmac(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &size);
  return std::string(reinterpret_cast<const char*>(out), size);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX decoded; a '%' not followed by two hex digits stays as is.
std::string uri_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// Query parameters decoded, encoded the SigV4 way and sorted by name, then value.
std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view param = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (param.empty()) continue;
    const std::size_t eq = param.find('=');
    const std::string_view name = param.substr(0, eq);
    const std::string_view value = eq == std::string_view::npos ? "" : param.substr(eq + 1);
    params.emplace_back(uri_encode_segment(uri_decode(name)),
                        uri_encode_segment(uri_decode(value)));
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += '&';
    out += name + '=' + value;
  }
  return out;
}

// A header value trimmed, with inner runs of spaces collapsed to one.
std::string canonical_value(std::string_view value) {
  std::string out;
  bool space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return hex(digest, sizeof digest);
}

std::string uri_encode_segment(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

std::string canonical_uri(std::string_view wire_path) {
  if (wire_path.empty()) return "/";
  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = wire_path.find('/', start);
    out += uri_encode_segment(wire_path.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    out += '/';
    start = slash + 1;
  }
  return out;
}

std::string amz_date(std::chrono::system_clock::time_point now) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[17];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

SigV4Result sigv4_sign(const SigV4Request& request, const SigV4Scope& scope) {
  std::map<std::string, std::string> headers;
  for (const auto& [name, value] : request.headers) {
    std::string& joined = headers[lowercase(name)];
    if (!joined.empty()) joined += ',';
    joined += canonical_value(value);
  }
  SigV4Result out;
  std::string header_lines;
  for (const auto& [name, value] : headers) {
    header_lines += name + ':' + value + '\n';
    if (!out.signed_headers.empty()) out.signed_headers += ';';
    out.signed_headers += name;
  }
  const std::size_t question = request.path.find('?');
  const std::string_view path = request.path.substr(0, question);
  const std::string_view query =
      question == std::string_view::npos ? "" : request.path.substr(question + 1);
  out.canonical_request = std::string(request.method) + '\n' + canonical_uri(path) + '\n' +
                          canonical_query(query) + '\n' + header_lines + '\n' + out.signed_headers +
                          '\n' + std::string(request.payload_sha256);
  const std::string_view date = scope.amz_date.substr(0, 8);
  const std::string credential_scope = std::string(date) + '/' + std::string(scope.region) + '/' +
                                       std::string(scope.service) + "/aws4_request";
  out.string_to_sign = std::string(kAlgorithm) + '\n' + std::string(scope.amz_date) + '\n' +
                       credential_scope + '\n' + sha256_hex(out.canonical_request);
  std::string key = hmac("AWS4" + std::string(scope.secret_access_key), date);
  key = hmac(key, scope.region);
  key = hmac(key, scope.service);
  key = hmac(key, "aws4_request");
  const std::string raw = hmac(key, out.string_to_sign);
  out.signature = hex(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  out.authorization = std::string(kAlgorithm) + " Credential=" + std::string(scope.access_key_id) +
                      '/' + credential_scope + ", SignedHeaders=" + out.signed_headers +
                      ", Signature=" + out.signature;
  return out;
}

}  // namespace sluice::providers::bedrock
