// The token endpoint's form body and answers: a token, Google's errors by class, malformed
// replies; no message carries the token.
#include "providers/vertex/token_exchange.h"

#include <gtest/gtest.h>

namespace sluice::providers::vertex {
namespace {

using Clock = std::chrono::steady_clock;
const Clock::time_point kSent{std::chrono::seconds(1000)};

TEST(TokenExchange, FormBody) {
  EXPECT_EQ(token_request_body("aa.bb.cc"),
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=aa.bb.cc");
}

TEST(TokenExchange, ReadsAToken) {
  auto token = read_token_response(
      "v", 200, R"({"access_token":"ya29.tok","expires_in":3599,"token_type":"Bearer"})", kSent);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->value, "ya29.tok");
  EXPECT_EQ(token->expires_at, kSent + std::chrono::seconds(3599));
  auto no_type = read_token_response("v", 200, R"({"expires_in":60,"access_token":"t"})", kSent);
  ASSERT_TRUE(no_type.ok());
  EXPECT_EQ(no_type->value, "t");
}

TEST(TokenExchange, GoogleErrorsAreAuthErrorsNamingTheProvider) {
  auto bad = read_token_response(
      "vx", 400, R"({"error":"invalid_grant","error_description":"Invalid JWT Signature."})",
      kSent);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().cls, ErrorClass::auth);
  EXPECT_EQ(bad.error().http_status(), 401);
  EXPECT_EQ(bad.error().message,
            "provider 'vx': the token endpoint refused the service account (HTTP 400): "
            "invalid_grant: Invalid JWT Signature.");
  auto unauthorized = read_token_response("vx", 401, "<html>nope</html>", kSent);
  EXPECT_EQ(unauthorized.error().cls, ErrorClass::auth);
  EXPECT_EQ(unauthorized.error().message,
            "provider 'vx': the token endpoint refused the service account (HTTP 401)");
  EXPECT_EQ(read_token_response("vx", 429, "{}", kSent).error().cls, ErrorClass::rate_limited);
  EXPECT_EQ(read_token_response("vx", 503, "{}", kSent).error().cls, ErrorClass::server);
}

TEST(TokenExchange, GoogleErrorTextIsShortAndPrintable) {
  const std::string body =
      R"({"error":"x","error_description":")" + std::string(500, 'a') + R"(\n"})";
  const std::string message = read_token_response("v", 400, body, kSent).error().message;
  EXPECT_LT(message.size(), 300u);
  EXPECT_EQ(message.find('\n'), std::string::npos);
}

TEST(TokenExchange, MalformedAnswersAreServerErrors) {
  for (const char* body :
       {"", "[]", R"({"access_token":"t"})", R"({"expires_in":5})",
        R"({"access_token":"","expires_in":5})", R"({"access_token":"t","expires_in":0})",
        R"({"access_token":"t","expires_in":"5"})", R"({"access_token":"t","expires_in":5} x)"}) {
    auto token = read_token_response("v", 200, body, kSent);
    ASSERT_FALSE(token.ok()) << body;
    EXPECT_EQ(token.error().cls, ErrorClass::server) << body;
    EXPECT_EQ(token.error().message,
              "provider 'v': the token endpoint sent a malformed token response");
  }
  auto mac = read_token_response(
      "v", 200, R"({"access_token":"secret-tok","expires_in":5,"token_type":"mac"})", kSent);
  ASSERT_FALSE(mac.ok());
  EXPECT_EQ(mac.error().message.find("secret-tok"), std::string::npos);
}

}  // namespace
}  // namespace sluice::providers::vertex
