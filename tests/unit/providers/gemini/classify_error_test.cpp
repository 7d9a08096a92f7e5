#include "providers/gemini/classify_error.h"

#include <gtest/gtest.h>

namespace sluice::providers::gemini {
namespace {

std::string body(int code, std::string_view status, std::string_view message) {
  return R"({"error":{"code":)" + std::to_string(code) + R"(,"message":")" + std::string(message) +
         R"(","status":")" + std::string(status) + R"("}})";
}

struct Case {
  int status;
  const char* rpc;
  const char* message;
  ErrorClass cls;
  int http;
};

TEST(GeminiClassifyError, Table) {
  const Case cases[] = {
      {429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).",
       ErrorClass::rate_limited, 429},
      {503, "UNAVAILABLE", "The model is overloaded. Please try again later.",
       ErrorClass::overloaded, 503},
      {500, "INTERNAL", "An internal error has occurred.", ErrorClass::server, 502},
      {500, "", "", ErrorClass::server, 502},
      {504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.",
       ErrorClass::timeout, 504},
      {401, "UNAUTHENTICATED", "Request had invalid authentication credentials.", ErrorClass::auth,
       401},
      {403, "PERMISSION_DENIED", "Permission denied on resource project x.", ErrorClass::permission,
       403},
      {404, "NOT_FOUND", "models/gemini-9 is not found for API version v1beta",
       ErrorClass::not_found, 404},
      {400, "INVALID_ARGUMENT", "Invalid JSON payload received. Unknown name \\\"foo\\\"",
       ErrorClass::bad_request, 400},
      {400, "INVALID_ARGUMENT",
       "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).",
       ErrorClass::context_length, 400},
      {400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", ErrorClass::auth,
       401},
      {400, "FAILED_PRECONDITION", "User location is not supported for the API use.",
       ErrorClass::bad_request, 400},
  };
  for (const Case& c : cases) {
    auto e = classify_error("gemini", c.status, "", body(c.status, c.rpc, c.message));
    EXPECT_EQ(e.cls, c.cls) << c.status << " " << c.rpc;
    EXPECT_EQ(e.http_status(), c.http) << c.status << " " << c.rpc;
  }
}

TEST(GeminiClassifyError, ClientErrorsKeepGooglesMessage) {
  auto e = classify_error("gemini", 400, "",
                          body(400, "INVALID_ARGUMENT",
                               "* GenerateContentRequest.contents: contents is not specified"));
  EXPECT_EQ(e.message, "* GenerateContentRequest.contents: contents is not specified");
  auto rate = classify_error("gemini", 429, "7", body(429, "RESOURCE_EXHAUSTED", "quota"));
  EXPECT_EQ(rate.retry_after, "7");
  EXPECT_EQ(rate.message, "quota");
}

TEST(GeminiClassifyError, ServerErrorsNameTheProvider) {
  auto e = classify_error("gem-eu", 503, "", body(503, "UNAVAILABLE", "overloaded"));
  EXPECT_EQ(e.message, "provider 'gem-eu' returned HTTP 503: overloaded");
  auto html = classify_error("gem-eu", 502, "", "<html>" + std::string(2000, 'x') + "</html>");
  EXPECT_EQ(html.cls, ErrorClass::server);
  EXPECT_LT(html.message.size(), 600u);
  EXPECT_EQ(classify_error("g", 500, "", "").message, "provider 'g' returned HTTP 500");
  // Broken JSON is shown as text, never trusted.
  auto broken =
      classify_error("g", 400, "", R"({"error":{"message":"a "quoted" word","status":"X"}})");
  EXPECT_EQ(broken.cls, ErrorClass::bad_request);
  EXPECT_EQ(broken.message, R"({"error":{"message":"a "quoted" word","status":"X"}})");
  // Some Google front ends wrap the error in a one-element array.
  auto wrapped = classify_error("g", 429, "", "[" + body(429, "RESOURCE_EXHAUSTED", "q") + "]");
  EXPECT_EQ(wrapped.cls, ErrorClass::rate_limited);
  EXPECT_EQ(wrapped.message, "q");
}

TEST(GeminiClassifyError, StreamErrors) {
  EXPECT_EQ(stream_error("gemini", 400, "INVALID_ARGUMENT", "bad").message, "bad");
  EXPECT_EQ(stream_error("gemini", 500, "INTERNAL", "boom").message,
            "provider 'gemini' stream error: boom");
  EXPECT_EQ(stream_error("gemini", 0, "", "?").cls, ErrorClass::server);
}

}  // namespace
}  // namespace sluice::providers::gemini
