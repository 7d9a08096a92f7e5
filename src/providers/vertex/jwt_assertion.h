// The signed JWT a Google service account exchanges for an OAuth2 access token (the JWT bearer
// grant, RFC 7523). Pure given the time: tested by verifying the signature with the public key.
#pragma once

#include <openssl/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"

namespace sluice::providers::vertex {

// The scope Vertex AI calls need.
inline constexpr std::string_view kCloudPlatformScope =
    "https://www.googleapis.com/auth/cloud-platform";
// Google accepts assertions valid for at most one hour.
inline constexpr int64_t kAssertionLifetimeSeconds = 3600;

// RFC 4648 section 5 base64url, without padding (as JWTs are written).
std::string base64url(std::string_view bytes);

// An RSA private key, loaded once at start-up, that signs with RS256 (RSASSA-PKCS1-v1_5 over
// SHA-256). Signing only reads the key, so one signer is shared by all threads.
class RsaSigner {
 public:
  // Null when `pem` is not an unencrypted RSA private key.
  static std::unique_ptr<RsaSigner> from_pem(std::string_view pem);
  ~RsaSigner();
  RsaSigner(const RsaSigner&) = delete;
  RsaSigner& operator=(const RsaSigner&) = delete;

  // The raw signature of `data`, or nullopt if OpenSSL fails.
  std::optional<std::string> sign(std::string_view data) const;

 private:
  explicit RsaSigner(EVP_PKEY* key) : key_(key) {}
  EVP_PKEY* key_;
};

// The JWT's claims: iss (client_email), scope, aud (token_uri), iat, exp = iat + 3600.
std::string jwt_claims(const config::ServiceAccount& account, int64_t issued_at);

// header.claims.signature, each base64url; the header is {"alg":"RS256","typ":"JWT","kid":...}
// (kid only when the key file names one). Nullopt if signing fails.
std::optional<std::string> make_jwt_assertion(const config::ServiceAccount& account,
                                              const RsaSigner& signer, int64_t issued_at);

}  // namespace sluice::providers::vertex
