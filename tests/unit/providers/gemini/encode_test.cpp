#include "providers/gemini/encode.h"

#include <gtest/gtest.h>

#include "../golden_json.h"
#include "providers/gemini/encode_contents.h"
#include "providers/openai/chat_request_reader.h"

namespace sluice::providers::gemini {
namespace {

ChatRequest request_from(std::string_view openai_body) {
  auto request = openai::read_chat_request(openai_body);
  EXPECT_TRUE(request.ok()) << (request.ok() ? "" : request.error().message);
  return request.ok() ? *request : ChatRequest{};
}

std::string encode_ok(const ChatRequest& request) {
  auto body = encode_body(request);
  EXPECT_TRUE(body.ok()) << (body.ok() ? "" : body.error().message);
  return body.ok() ? *body : std::string();
}

// OpenAI request in (fixtures/encode_<name>.in.json) -> generateContent body out (.out.json).
class GeminiEncodeGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(GeminiEncodeGolden, MatchesFixture) {
  const std::string base = "gemini/fixtures/encode_" + GetParam();
  const ChatRequest request = request_from(testing::read_fixture(base + ".in.json"));
  const std::string body = encode_ok(request);
  EXPECT_TRUE(testing::json_equal(testing::read_fixture(base + ".out.json"), body));
  EXPECT_EQ(body, encode_ok(request)) << "a retry must send the same bytes";
}

INSTANTIATE_TEST_SUITE_P(GeminiFixtures, GeminiEncodeGolden,
                         ::testing::Values("text", "system_merge", "images", "tools", "json_schema",
                                           "empty"),
                         [](const auto& info) { return info.param; });

ChatRequest with_tool(std::string_view extra) {
  return request_from(std::string(R"({"model":"m","messages":[{"role":"user","content":"x"}],)") +
                      R"("tools":[{"type":"function","function":{"name":"f"}}])" +
                      std::string(extra) + "}");
}

std::string tool_config_of(std::string_view extra) {
  const std::string body = encode_ok(with_tool(extra));
  const auto at = body.find(R"("toolConfig":)");
  if (at == std::string::npos) return "<none>";
  return body.substr(at + 13, body.rfind('}') - at - 13);
}

TEST(GeminiEncode, ToolChoiceModes) {
  EXPECT_EQ(tool_config_of(""), "<none>");
  EXPECT_EQ(tool_config_of(R"(,"tool_choice":"auto")"),
            R"({"functionCallingConfig":{"mode":"AUTO"}})");
  EXPECT_EQ(tool_config_of(R"(,"tool_choice":"none")"),
            R"({"functionCallingConfig":{"mode":"NONE"}})");
  EXPECT_EQ(tool_config_of(R"(,"tool_choice":"required")"),
            R"({"functionCallingConfig":{"mode":"ANY"}})");
  EXPECT_EQ(tool_config_of(R"(,"tool_choice":{"type":"function","function":{"name":"f"}})"),
            R"({"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["f"]}})");
}

TEST(GeminiEncode, ThinkingBudgets) {
  EXPECT_EQ(thinking_budget(""), -2);
  EXPECT_EQ(thinking_budget("none"), 0);
  EXPECT_EQ(thinking_budget("minimal"), 1024);
  EXPECT_EQ(thinking_budget("low"), 1024);
  EXPECT_EQ(thinking_budget("medium"), 8192);
  EXPECT_EQ(thinking_budget("high"), 24576);
  EXPECT_EQ(thinking_budget("extreme"), -1);
}

TEST(GeminiEncode, MimeTypesFromExtensions) {
  EXPECT_EQ(mime_type_for_url("https://x/a.png"), "image/png");
  EXPECT_EQ(mime_type_for_url("https://x/a.JPEG#frag"), "image/jpeg");
  EXPECT_EQ(mime_type_for_url("https://x/a.gif?x=1.png"), "image/gif");
  EXPECT_EQ(mime_type_for_url("https://x/doc.pdf"), "application/pdf");
  EXPECT_EQ(mime_type_for_url("https://x.png/blob"), "image/jpeg");
}

TEST(GeminiEncode, UntranslatableFieldsAreBadRequestsNamingThem) {
  auto bad_image =
      encode_body(request_from(R"({"model":"m","messages":[{"role":"user","content":"a"},
    {"role":"user","content":[{"type":"image_url","image_url":{"url":"ftp://x/y.png"}}]}]})"));
  ASSERT_FALSE(bad_image.ok());
  EXPECT_EQ(bad_image.error().cls, ErrorClass::bad_request);
  EXPECT_EQ(bad_image.error().param, "messages[1].content[0].image_url");

  auto orphan = encode_body(request_from(R"({"model":"m","messages":[{"role":"user","content":"a"},
    {"role":"tool","tool_call_id":"call_9","content":"r"}]})"));
  ASSERT_FALSE(orphan.ok());
  EXPECT_EQ(orphan.error().param, "messages[1].tool_call_id");

  auto effort = encode_body(request_from(R"({"model":"m","messages":[{"role":"user","content":"a"}],
    "reasoning_effort":"ludicrous"})"));
  ASSERT_FALSE(effort.ok());
  EXPECT_EQ(effort.error().param, "reasoning_effort");
}

config::ProviderConfig provider(std::string type) {
  config::ProviderConfig p;
  p.name = "g";
  p.type = type;
  p.family = "gemini";
  p.auth_header = "x-goog-api-key";
  p.api_key = "AIza-test";
  return p;
}

TEST(GeminiEncode, PathsForAiStudioAndVertex) {
  using Headers = std::vector<std::pair<std::string, std::string>>;
  const ChatRequest plain =
      request_from(R"({"model":"m","messages":[{"role":"user","content":"x"}]})");
  auto encoded = encode_request(plain, "gemini-2.5-flash", provider("gemini"));
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ(encoded->path, "/models/gemini-2.5-flash:generateContent");
  EXPECT_EQ(encoded->headers, (Headers{{"x-goog-api-key", "AIza-test"}}));

  const ChatRequest streamed =
      request_from(R"({"model":"m","messages":[{"role":"user","content":"x"}],"stream":true})");
  auto stream = encode_request(streamed, "models/gemini-2.5-flash", provider("gemini"));
  ASSERT_TRUE(stream.ok());
  EXPECT_EQ(stream->path, "/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
  EXPECT_EQ(stream->body.find("stream"), std::string::npos) << stream->body;

  auto vertex = encode_request(streamed, "gemini-2.5-pro", provider("vertex"));
  ASSERT_TRUE(vertex.ok());
  EXPECT_EQ(vertex->path, "/publishers/google/models/gemini-2.5-pro:streamGenerateContent?alt=sse");
}

TEST(GeminiEncode, CountTokensWrapsTheSameConversation) {
  const ChatRequest request = request_from(
      R"({"model":"m","messages":[{"role":"system","content":"s"},{"role":"user","content":"x"}],"max_tokens":5})");
  auto encoded = encode_count_tokens(request, "gemini-2.5-flash", provider("gemini"));
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ(encoded->path, "/models/gemini-2.5-flash:countTokens");
  EXPECT_EQ(
      encoded->body,
      R"({"generateContentRequest":{"model":"models/gemini-2.5-flash","contents":[{"role":"user","parts":[{"text":"x"}]}],"systemInstruction":{"parts":[{"text":"s"}]}}})");
}

TEST(GeminiEncode, EmbeddingsBatchOneRequestPerInput) {
  EmbeddingsRequest request;
  request.input = {"hello", "wörld"};
  request.dimensions = 256;
  auto encoded = encode_embeddings(request, "text-embedding-004", provider("gemini"));
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ(encoded->path, "/models/text-embedding-004:batchEmbedContents");
  EXPECT_EQ(
      encoded->body,
      R"({"requests":[{"model":"models/text-embedding-004","content":{"parts":[{"text":"hello"}]},"outputDimensionality":256},)"
      R"({"model":"models/text-embedding-004","content":{"parts":[{"text":"wörld"}]},"outputDimensionality":256}]})");
  auto vertex = encode_embeddings(request, "text-embedding-004", provider("vertex"));
  ASSERT_FALSE(vertex.ok());
  EXPECT_EQ(vertex.error().cls, ErrorClass::bad_request);
  EXPECT_NE(vertex.error().message.find("Vertex"), std::string::npos);
}

}  // namespace
}  // namespace sluice::providers::gemini
