#include "providers/anthropic/classify_error.h"

#include <gtest/gtest.h>

namespace sluice::providers::anthropic {
namespace {

std::string body(std::string_view type, std::string_view message) {
  return R"({"type":"error","error":{"type":")" + std::string(type) + R"(","message":")" +
         std::string(message) + R"("},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"})";
}

TEST(AnthropicClassifyError, ClientErrorsKeepStatusAndAnthropicsWording) {
  auto e = classify_error(
      "anthropic", 400, "",
      body("invalid_request_error", "messages.1.role: Input should be 'user' or 'assistant'"));
  EXPECT_EQ(e.cls, ErrorClass::bad_request);
  EXPECT_EQ(e.http_status(), 400);
  EXPECT_EQ(e.message, "messages.1.role: Input should be 'user' or 'assistant'");

  auto auth =
      classify_error("anthropic", 401, "", body("authentication_error", "invalid x-api-key"));
  EXPECT_EQ(auth.cls, ErrorClass::auth);
  EXPECT_EQ(auth.http_status(), 401);
  EXPECT_EQ(classify_error("a", 403, "", body("permission_error", "no")).cls,
            ErrorClass::permission);
  EXPECT_EQ(classify_error("a", 404, "", body("not_found_error", "model: x")).cls,
            ErrorClass::not_found);
  EXPECT_EQ(classify_error("a", 413, "", body("request_too_large", "big")).cls,
            ErrorClass::payload_too_large);
}

TEST(AnthropicClassifyError, RateLimitKeepsRetryAfter) {
  auto e = classify_error("anthropic", 429, "30", body("rate_limit_error", "slow down"));
  EXPECT_EQ(e.cls, ErrorClass::rate_limited);
  EXPECT_EQ(e.http_status(), 429);
  EXPECT_EQ(e.retry_after, "30");
  EXPECT_EQ(e.message, "slow down");
}

TEST(AnthropicClassifyError, OverloadedAndServerErrorsNameTheProvider) {
  auto overloaded = classify_error("claude-eu", 529, "", body("overloaded_error", "Overloaded"));
  EXPECT_EQ(overloaded.cls, ErrorClass::overloaded);
  EXPECT_EQ(overloaded.http_status(), 503);
  EXPECT_EQ(overloaded.message, "provider 'claude-eu' returned HTTP 529: Overloaded");

  auto server = classify_error("anthropic", 500, "", body("api_error", "Internal server error"));
  EXPECT_EQ(server.cls, ErrorClass::server);
  EXPECT_EQ(server.http_status(), 502);
  EXPECT_EQ(server.message, "provider 'anthropic' returned HTTP 500: Internal server error");
}

TEST(AnthropicClassifyError, StatusDecidesWhenTheBodyIsNotAnthropics) {
  auto e = classify_error("anthropic", 529, "", "");
  EXPECT_EQ(e.cls, ErrorClass::overloaded);
  EXPECT_EQ(e.message, "provider 'anthropic' returned HTTP 529");
  auto html = classify_error("anthropic", 502, "", "<html>" + std::string(2000, 'x') + "</html>");
  EXPECT_EQ(html.cls, ErrorClass::server);
  EXPECT_LT(html.message.size(), 600u);
  EXPECT_EQ(classify_error("anthropic", 404, "", "not here").message, "not here");
  EXPECT_EQ(classify_error("anthropic", 504, "", "").cls, ErrorClass::timeout);
}

TEST(AnthropicClassifyError, PromptTooLongIsContextLength) {
  auto e = classify_error(
      "anthropic", 400, "",
      body("invalid_request_error", "prompt is too long: 208310 tokens > 200000 maximum"));
  EXPECT_EQ(e.cls, ErrorClass::context_length);
  EXPECT_EQ(e.http_status(), 400);
}

TEST(AnthropicClassifyError, StreamErrorsKeepCallerFaultsVerbatim) {
  EXPECT_EQ(stream_error("invalid_request_error", "bad tool").message, "bad tool");
  EXPECT_EQ(stream_error("api_error", "boom").message, "provider 'anthropic' stream error: boom");
  EXPECT_EQ(class_for_error_type("timeout_error", ErrorClass::internal), ErrorClass::timeout);
  EXPECT_EQ(class_for_error_type("", ErrorClass::internal), ErrorClass::internal);
}

}  // namespace
}  // namespace sluice::providers::anthropic
