// The service account JWT: base64url, header and claims, and an RS256 signature that verifies
// with the public half of a key generated here.
#include "providers/vertex/jwt_assertion.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <simdjson.h>

#include "../../testing/rsa_test_key.h"
#include "config/service_account.h"

namespace sluice::providers::vertex {
namespace {

// base64url (no padding) back to bytes; the test's own decoder, independent of the encoder.
std::string decode_base64url(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    ADD_FAILURE() << "not base64url: " << c;
    return 0;
  };
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    bits = (bits << 6) | static_cast<uint32_t>(value(c));
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

config::ServiceAccount test_account() {
  auto parsed = config::parse_service_account(sluice::testing::service_account_json());
  return std::get<config::ServiceAccount>(parsed);
}

TEST(Base64Url, MatchesRfc4648Vectors) {
  EXPECT_EQ(base64url(""), "");
  EXPECT_EQ(base64url("f"), "Zg");
  EXPECT_EQ(base64url("fo"), "Zm8");
  EXPECT_EQ(base64url("foo"), "Zm9v");
  EXPECT_EQ(base64url("foob"), "Zm9vYg");
  EXPECT_EQ(base64url("fooba"), "Zm9vYmE");
  EXPECT_EQ(base64url("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64url(std::string("\xfb\xff\xbf", 3)), "-_-_");  // the url-safe characters
}

TEST(JwtAssertion, ClaimsAreTheServiceAccountGrant) {
  EXPECT_EQ(jwt_claims(test_account(), 1'700'000'000),
            R"({"iss":"sa@proj.iam.gserviceaccount.com",)"
            R"("scope":"https://www.googleapis.com/auth/cloud-platform",)"
            R"("aud":"https://oauth2.googleapis.com/token","iat":1700000000,"exp":1700003600})");
}

TEST(JwtAssertion, SignedWithRs256AndVerifiesWithThePublicKey) {
  const config::ServiceAccount account = test_account();
  auto signer = RsaSigner::from_pem(account.private_key);
  ASSERT_NE(signer, nullptr);
  const auto jwt = make_jwt_assertion(account, *signer, 1'700'000'000);
  ASSERT_TRUE(jwt.has_value());
  const auto first = jwt->find('.');
  const auto second = jwt->find('.', first + 1);
  ASSERT_NE(second, std::string::npos);
  EXPECT_EQ(jwt->find_first_of("=+/"), std::string::npos);
  EXPECT_EQ(decode_base64url(jwt->substr(0, first)),
            R"({"alg":"RS256","typ":"JWT","kid":"kid-1"})");
  EXPECT_EQ(decode_base64url(jwt->substr(first + 1, second - first - 1)),
            jwt_claims(account, 1'700'000'000));

  // Verify with the public half only, as Google does.
  const std::string public_pem = sluice::testing::public_pem(sluice::testing::shared_test_key());
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size())), &BIO_free);
  sluice::testing::PkeyPtr public_key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr),
                                      &EVP_PKEY_free);
  ASSERT_TRUE(public_key);
  const std::string signature = decode_base64url(jwt->substr(second + 1));
  EXPECT_EQ(signature.size(), 256u);  // 2048-bit key
  auto verify = [&](std::string_view signed_part) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    EXPECT_EQ(EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, public_key.get()), 1);
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                            signature.size(),
                            reinterpret_cast<const unsigned char*>(signed_part.data()),
                            signed_part.size()) == 1;
  };
  EXPECT_TRUE(verify(std::string_view(*jwt).substr(0, second)));
  std::string tampered = jwt->substr(0, second);
  tampered[first + 2] ^= 1;
  EXPECT_FALSE(verify(tampered));
}

TEST(JwtAssertion, SameInputSameAssertion) {
  // PKCS#1 v1.5 signatures are deterministic: a retry signs the same bytes the same way.
  const config::ServiceAccount account = test_account();
  auto signer = RsaSigner::from_pem(account.private_key);
  ASSERT_NE(signer, nullptr);
  EXPECT_EQ(make_jwt_assertion(account, *signer, 5), make_jwt_assertion(account, *signer, 5));
  EXPECT_NE(make_jwt_assertion(account, *signer, 5), make_jwt_assertion(account, *signer, 6));
}

TEST(JwtAssertion, NoKidWhenTheKeyFileNamesNone) {
  config::ServiceAccount account = test_account();
  account.private_key_id.clear();
  auto signer = RsaSigner::from_pem(account.private_key);
  ASSERT_NE(signer, nullptr);
  const auto jwt = make_jwt_assertion(account, *signer, 5);
  ASSERT_TRUE(jwt.has_value());
  EXPECT_EQ(decode_base64url(jwt->substr(0, jwt->find('.'))), R"({"alg":"RS256","typ":"JWT"})");
}

TEST(RsaSigner, RefusesWhatIsNotAnRsaPrivateKey) {
  EXPECT_EQ(RsaSigner::from_pem("not a key"), nullptr);
  EXPECT_EQ(RsaSigner::from_pem(sluice::testing::public_pem(sluice::testing::shared_test_key())),
            nullptr);
  sluice::testing::PkeyPtr ec_key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
  ASSERT_TRUE(ec_key);
  EXPECT_EQ(RsaSigner::from_pem(sluice::testing::private_pem(ec_key.get())), nullptr);
}

}  // namespace
}  // namespace sluice::providers::vertex
