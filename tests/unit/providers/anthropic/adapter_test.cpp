#include "providers/anthropic/adapter.h"

#include <gtest/gtest.h>

#include "../golden_json.h"
#include "providers/openai/chat_request_reader.h"

namespace sluice::providers::anthropic {
namespace {

config::ProviderConfig provider() {
  config::ProviderConfig p;
  p.name = "claude";
  p.type = "anthropic";
  p.family = "anthropic";
  p.api_key = "sk-ant";
  return p;
}

ChatRequest json_request() {
  auto request = openai::read_chat_request(
      testing::read_fixture("anthropic/fixtures/encode_json_schema.in.json"));
  EXPECT_TRUE(request.ok());
  return request.ok() ? *request : ChatRequest{};
}

TEST(AnthropicAdapter, GluesEncodeDecodeAndErrors) {
  const AnthropicAdapter adapter;
  const ProviderAdapter& base = adapter;
  EXPECT_EQ(base.family(), "anthropic");
  auto encoded = base.encode_chat(json_request(), "claude-sonnet-4-5-20250929", provider());
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ(encoded->path, "/messages");
  EXPECT_TRUE(testing::json_equal(
      testing::read_fixture("anthropic/fixtures/encode_json_schema.out.json"), encoded->body));
  auto error = base.classify_error(provider(), 529, "5", "");
  EXPECT_EQ(error.cls, ErrorClass::overloaded);
  EXPECT_EQ(error.message, "provider 'claude' returned HTTP 529");
  EXPECT_EQ(error.retry_after, "5");
}

TEST(AnthropicAdapter, RequestAwareDecodingTurnsTheJsonToolIntoContent) {
  const AnthropicAdapter adapter;
  const std::string body = testing::read_fixture("anthropic/fixtures/decode_json_tool.in.json");
  auto plain = adapter.decode_chat(ChatRequest{}, body, provider());
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->tool_calls.size(), 1u);
  auto json = adapter.decode_chat(json_request(), body, provider());
  ASSERT_TRUE(json.ok());
  EXPECT_TRUE(json->tool_calls.empty());
  EXPECT_EQ(json->content, R"({"name":"Ada Lovelace","born":1815})");
  EXPECT_EQ(json->finish_reason, "stop");
}

TEST(AnthropicAdapter, StreamDecodersAreFreshPerAttempt) {
  const AnthropicAdapter adapter;
  auto decoder = adapter.new_stream_decoder(json_request());
  std::vector<StreamEvent> out;
  decoder->on_event(
      "content_block_start",
      R"({"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t","name":"person","input":{}}})",
      out);
  decoder->on_event(
      "content_block_delta",
      R"({"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{}"}})",
      out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, StreamEvent::Kind::text_delta);
  out.clear();
  adapter.new_stream_decoder(json_request())
      ->finish(out);  // a new decoder knows nothing of the last one
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, StreamEvent::Kind::error);
}

}  // namespace
}  // namespace sluice::providers::anthropic
