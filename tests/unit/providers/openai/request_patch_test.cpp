#include "providers/openai/request_patch.h"

#include <gtest/gtest.h>

namespace sluice::providers::openai {
namespace {

PatchedBody patch(std::string body, std::string_view upstream_model) {
  auto view = parse_chat_request(body);
  EXPECT_TRUE(view.ok()) << (view.ok() ? "" : view.error().message);
  return patch_request(body, *view, upstream_model);
}

TEST(RequestPatch, RewritesOnlyTheModel) {
  auto out =
      patch(R"({"model" : "alias" ,"messages":[{"role":"user","content":"hi"}],)"
            R"("tools":[{"type":"function","function":{"name":"f","parameters":{"model":"x"}}}]})",
            "gpt-4o");
  EXPECT_EQ(out.body,
            R"({"model" : "gpt-4o" ,"messages":[{"role":"user","content":"hi"}],)"
            R"("tools":[{"type":"function","function":{"name":"f","parameters":{"model":"x"}}}]})");
  EXPECT_FALSE(out.injected_usage);
}

TEST(RequestPatch, EscapesTheUpstreamModel) {
  auto out = patch(R"({"model":"a","messages":[{"role":"user","content":"x"}]})", "we\"ird");
  EXPECT_EQ(out.body, R"({"model":"we\"ird","messages":[{"role":"user","content":"x"}]})");
}

TEST(RequestPatch, AddsStreamOptionsWhenAbsent) {
  auto out =
      patch(R"({"model":"m","stream":true,"messages":[{"role":"user","content":"x"}]} )", "m");
  EXPECT_TRUE(out.injected_usage);
  EXPECT_EQ(
      out.body,
      R"({"model":"m","stream":true,"messages":[{"role":"user","content":"x"}],"stream_options":{"include_usage":true}} )");
}

TEST(RequestPatch, FlipsIncludeUsageFalse) {
  auto out = patch(
      R"({"model":"m","stream":true,"stream_options":{"include_usage":false},"messages":[{"role":"user","content":"x"}]})",
      "m");
  EXPECT_TRUE(out.injected_usage);
  EXPECT_NE(out.body.find(R"("stream_options":{"include_usage":true})"), std::string::npos);
}

TEST(RequestPatch, AddsIncludeUsageToExistingOptions) {
  auto out = patch(
      R"({"model":"m","stream":true,"stream_options":{"include_obfuscation":false},"messages":[{"role":"user","content":"x"}]})",
      "m");
  EXPECT_NE(out.body.find(R"("stream_options":{"include_usage":true,"include_obfuscation":false})"),
            std::string::npos);
  auto empty = patch(
      R"({"model":"m","stream":true,"stream_options":{},"messages":[{"role":"user","content":"x"}]})",
      "m");
  EXPECT_NE(empty.body.find(R"("stream_options":{"include_usage":true})"), std::string::npos);
  auto null = patch(
      R"({"model":"m","stream":true,"stream_options":null,"messages":[{"role":"user","content":"x"}]})",
      "m");
  EXPECT_NE(null.body.find(R"("stream_options":{"include_usage":true})"), std::string::npos);
}

TEST(RequestPatch, LeavesCallerUsageRequestAlone) {
  const std::string body =
      R"({"model":"m","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"x"}]})";
  auto out = patch(body, "m");
  EXPECT_FALSE(out.injected_usage);
  EXPECT_EQ(out.body, body);
}

struct BadCase {
  std::string body;
  std::string param;
};

TEST(RequestView, RejectsBadBodiesNamingTheField) {
  const std::vector<BadCase> cases = {
      {"not json", ""},
      {"[1,2]", ""},
      {R"({"messages":[{"role":"user","content":"x"}]})", "model"},
      {R"({"model":"","messages":[{"role":"user","content":"x"}]})", "model"},
      {R"({"model":5,"messages":[]})", "model"},
      {R"({"model":"m"})", "messages"},
      {R"({"model":"m","messages":[]})", "messages"},
      {R"({"model":"m","messages":"hi"})", "messages"},
      {R"({"model":"m","messages":[{"content":"x"}]})", "messages[0].role"},
      {R"({"model":"m","messages":[{"role":"user"}],"stream":"yes"})", "stream"},
      {R"({"model":"m","messages":[{"role":"user"}]} trailing)", ""},
  };
  for (const auto& c : cases) {
    std::string body = c.body;
    auto view = parse_chat_request(body);
    ASSERT_FALSE(view.ok()) << c.body;
    EXPECT_EQ(view.error().cls, ErrorClass::bad_request) << c.body;
    EXPECT_EQ(view.error().param, c.param) << c.body;
    EXPECT_EQ(view.error().http_status(), 400);
  }
}

TEST(RequestView, ReadsEmbeddingsRequest) {
  std::string body = R"({"model":"e","input":["a","b"],"encoding_format":"base64"})";
  auto view = parse_embeddings_request(body);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->model, "e");
  std::string missing = R"({"model":"e"})";
  auto bad = parse_embeddings_request(missing);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().param, "input");
}

}  // namespace
}  // namespace sluice::providers::openai
