#include "providers/openai/classify_error.h"

#include <gtest/gtest.h>

namespace sluice::providers::openai {
namespace {

TEST(ClassifyError, ClientErrorsKeepStatusAndVerbatimMessage) {
  auto e = classify_error(
      "openai", 400, "",
      R"({"error":{"message":"messages.1.role: Input should be 'user'","type":"invalid_request_error"}})");
  EXPECT_EQ(e.http_status(), 400);
  EXPECT_EQ(e.cls, ErrorClass::bad_request);
  EXPECT_EQ(e.message, "messages.1.role: Input should be 'user'");

  auto auth = classify_error("openai", 401, "", R"({"error":{"message":"Incorrect API key"}})");
  EXPECT_EQ(auth.http_status(), 401);
  EXPECT_EQ(auth.cls, ErrorClass::auth);
}

TEST(ClassifyError, RateLimitKeepsRetryAfter) {
  auto e = classify_error("groq", 429, "7", R"({"error":{"message":"slow down"}})");
  EXPECT_EQ(e.http_status(), 429);
  EXPECT_EQ(e.cls, ErrorClass::rate_limited);
  EXPECT_EQ(e.retry_after, "7");
}

TEST(ClassifyError, ServerErrorsNameTheProvider) {
  auto e = classify_error("mock", 500, "", R"({"error":{"message":"boom"}})");
  EXPECT_EQ(e.cls, ErrorClass::server);
  EXPECT_EQ(e.http_status(), 502);
  EXPECT_EQ(e.message, "provider 'mock' returned HTTP 500: boom");
  EXPECT_EQ(classify_error("mock", 503, "", "").cls, ErrorClass::overloaded);
  EXPECT_EQ(classify_error("mock", 503, "", "").http_status(), 503);
  EXPECT_EQ(classify_error("mock", 504, "", "").cls, ErrorClass::timeout);
}

TEST(ClassifyError, RecognisesContextLength) {
  auto e = classify_error("openai", 400, "",
                          R"({"error":{"message":"too long","code":"context_length_exceeded"}})");
  EXPECT_EQ(e.cls, ErrorClass::context_length);
  EXPECT_EQ(e.http_status(), 400);
}

TEST(ClassifyError, NonJsonBodyIsCutNotLost) {
  auto e = classify_error("local", 502, "", std::string(2000, 'x'));
  EXPECT_LT(e.message.size(), 600u);
  EXPECT_NE(e.message.find("xxx"), std::string::npos);
}

}  // namespace
}  // namespace sluice::providers::openai
