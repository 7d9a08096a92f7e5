// parse_service_account: the fields Vertex AI needs, and every way a key file can be wrong.
#include "config/service_account.h"

#include <gtest/gtest.h>

#include "../testing/rsa_test_key.h"

namespace sluice::config {
namespace {

std::string error_of(std::string_view json) {
  auto parsed = parse_service_account(json);
  if (auto* error = std::get_if<std::string>(&parsed)) return *error;
  ADD_FAILURE() << "expected an error";
  return "";
}

TEST(ServiceAccount, ReadsTheFieldsVertexNeeds) {
  auto parsed = parse_service_account(sluice::testing::service_account_json());
  ASSERT_TRUE(std::holds_alternative<ServiceAccount>(parsed)) << std::get<std::string>(parsed);
  const ServiceAccount& account = std::get<ServiceAccount>(parsed);
  EXPECT_EQ(account.client_email, "sa@proj.iam.gserviceaccount.com");
  EXPECT_EQ(account.private_key_id, "kid-1");
  EXPECT_TRUE(account.private_key.starts_with("-----BEGIN PRIVATE KEY-----\n"));
  EXPECT_EQ(account.token_uri, "https://oauth2.googleapis.com/token");
  EXPECT_TRUE(account.token_url.tls);
  EXPECT_EQ(account.token_url.host, "oauth2.googleapis.com");
  EXPECT_EQ(account.token_url.port, 443);
  EXPECT_EQ(account.token_url.base_path, "/token");
}

TEST(ServiceAccount, PrivateKeyIdIsOptional) {
  std::string json = sluice::testing::service_account_json("http://127.0.0.1:9/token");
  const std::string kid = R"("private_key_id":"kid-1",)";
  json.replace(json.find(kid), kid.size(), "");
  auto parsed = parse_service_account(json);
  ASSERT_TRUE(std::holds_alternative<ServiceAccount>(parsed)) << std::get<std::string>(parsed);
  EXPECT_EQ(std::get<ServiceAccount>(parsed).private_key_id, "");
  EXPECT_FALSE(std::get<ServiceAccount>(parsed).token_url.tls);
}

TEST(ServiceAccount, NamesTheMissingField) {
  const std::string pem = sluice::testing::json_escaped(
      sluice::testing::private_pem(sluice::testing::shared_test_key()));
  EXPECT_EQ(error_of(R"({"private_key":")" + pem + R"(","token_uri":"https://t/token"})"),
            "has no \"client_email\"");
  EXPECT_EQ(error_of(R"({"client_email":"a@b","token_uri":"https://t/token"})"),
            "has no \"private_key\"");
  EXPECT_EQ(error_of(R"({"client_email":"a@b","private_key":")" + pem + R"("})"),
            "has no \"token_uri\"");
  EXPECT_EQ(error_of(R"({"client_email":"","private_key":"k","token_uri":"t"})"),
            "\"client_email\" is empty");
  EXPECT_EQ(error_of(R"({"client_email":7,"private_key":"k","token_uri":"t"})"),
            "\"client_email\" is not a string");
}

TEST(ServiceAccount, RejectsWhatIsNotAServiceAccountKey) {
  EXPECT_EQ(error_of("{"), "is not valid JSON");
  EXPECT_EQ(error_of("[1]"), "is not a JSON object");
  EXPECT_EQ(error_of(R"({"type":"authorized_user","client_id":"x"})"),
            "has \"type\" 'authorized_user', expected 'service_account'");
}

TEST(ServiceAccount, PrivateKeyMustBeAnRsaPem) {
  const std::string bad =
      R"({"client_email":"a@b","private_key":"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n","token_uri":"https://t/token"})";
  const std::string error = error_of(bad);
  EXPECT_EQ(error, "\"private_key\" is not an unencrypted PEM RSA private key");
  EXPECT_EQ(error.find("AAAA"), std::string::npos);
}

TEST(ServiceAccount, TokenUriMustBeAnHttpUrl) {
  std::string json = sluice::testing::service_account_json("ftp://t/token");
  EXPECT_EQ(error_of(json),
            "\"token_uri\": scheme must be http or https (e.g. https://api.example.com/v1)");
}

}  // namespace
}  // namespace sluice::config
