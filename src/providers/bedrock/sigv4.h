// AWS Signature Version 4 as pure functions: canonical request, string to sign, signing key and
// signature, with the time passed in. Depends on OpenSSL only, so the mock provider compiles this
// file too and checks what the gateway signs with the same rules (tests pin both to vectors
// derived independently).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sluice::providers::bedrock {

// What is signed. `path` is the request target as sent on the wire (already percent-encoded,
// optionally with a ?query); `headers` are the ones to sign (host and x-amz-date at least).
struct SigV4Request {
  std::string_view method;
  std::string_view path;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string payload_sha256;  // hex SHA-256 of the body
};

// Who signs, where, and when.
struct SigV4Scope {
  std::string_view access_key_id;
  std::string_view secret_access_key;  // secret: never logged
  std::string_view region;
  std::string_view service;
  std::string_view amz_date;  // YYYYMMDDTHHMMSSZ, the x-amz-date header value
};

// Every intermediate step, so tests can compare each one with the spec.
struct SigV4Result {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signed_headers;  // e.g. "host;x-amz-date"
  std::string signature;       // lowercase hex
  std::string authorization;   // the Authorization header value
};

// Hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

// `text` percent-encoded as one URI path segment: everything but A-Z a-z 0-9 - . _ ~ becomes
// %XX (so ':' and '/' in a Bedrock model id or ARN are encoded).
std::string uri_encode_segment(std::string_view text);

// The canonical URI of a wire path: every segment encoded once more, as SigV4 requires for all
// services but S3 (a wire "%3A" is "%253A" here); "" becomes "/".
std::string canonical_uri(std::string_view wire_path);

// The x-amz-date value for `now` (UTC).
std::string amz_date(std::chrono::system_clock::time_point now);

// Signs `request`: the canonical request (method, canonical URI, canonical query, lowercased
// sorted trimmed headers, signed header list, payload hash), the string to sign, the HMAC chain
// AWS4+secret -> date -> region -> service -> aws4_request, and the Authorization value.
SigV4Result sigv4_sign(const SigV4Request& request, const SigV4Scope& scope);

}  // namespace sluice::providers::bedrock
