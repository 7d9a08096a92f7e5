#include "providers/vertex/jwt_assertion.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "core/json_writer.h"

namespace sluice::providers::vertex {
namespace {

std::string jwt_header(const config::ServiceAccount& account) {
  std::string out;
  JsonWriter json(out);
  json.begin_object().field("alg", "RS256").field("typ", "JWT");
  if (!account.private_key_id.empty()) json.field("kid", account.private_key_id);
  json.end_object();
  return out;
}

}  // namespace

std::string base64url(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) |
                       (static_cast<uint8_t>(bytes[i + 1]) << 8) |
                       static_cast<uint8_t>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
    if (rest == 2) n |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    if (rest == 2) out += kAlphabet[(n >> 6) & 63];
  }
  return out;
}

std::unique_ptr<RsaSigner> RsaSigner::from_pem(std::string_view pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  if (!bio) return nullptr;
  auto no_passphrase = [](char*, int, int, void*) { return 0; };
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr);
  ERR_clear_error();
  if (key == nullptr) return nullptr;
  if (EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
    EVP_PKEY_free(key);
    return nullptr;
  }
  return std::unique_ptr<RsaSigner>(new RsaSigner(key));
}

RsaSigner::~RsaSigner() { EVP_PKEY_free(key_); }

std::optional<std::string> RsaSigner::sign(std::string_view data) const {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  std::size_t size = 0;
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  // RSA keys default to PKCS#1 v1.5 padding, which is what RS256 means.
  const bool ready = ctx &&
                     EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_) == 1 &&
                     EVP_DigestSign(ctx.get(), nullptr, &size, bytes, data.size()) == 1;
  if (!ready) {
    ERR_clear_error();
    return std::nullopt;
  }
  std::string signature(size, '\0');
  auto* out = reinterpret_cast<unsigned char*>(signature.data());
  if (EVP_DigestSign(ctx.get(), out, &size, bytes, data.size()) != 1) {
    ERR_clear_error();
    return std::nullopt;
  }
  signature.resize(size);
  return signature;
}

std::string jwt_claims(const config::ServiceAccount& account, int64_t issued_at) {
  std::string out;
  JsonWriter json(out);
  json.begin_object()
      .field("iss", account.client_email)
      .field("scope", kCloudPlatformScope)
      .field("aud", account.token_uri)
      .field("iat", issued_at)
      .field("exp", issued_at + kAssertionLifetimeSeconds)
      .end_object();
  return out;
}

std::optional<std::string> make_jwt_assertion(const config::ServiceAccount& account,
                                              const RsaSigner& signer, int64_t issued_at) {
  std::string assertion = base64url(jwt_header(account));
  assertion += '.';
  assertion += base64url(jwt_claims(account, issued_at));
  const std::optional<std::string> signature = signer.sign(assertion);
  if (!signature) return std::nullopt;
  assertion += '.';
  assertion += base64url(*signature);
  return assertion;
}

}  // namespace sluice::providers::vertex
