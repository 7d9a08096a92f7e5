// What the endpoints read from an OpenAI-shaped body for the call record: the end user and the
// span of the `metadata` object, read in the same walk that validates the request.
#include "providers/openai/request_view.h"

#include <gtest/gtest.h>

namespace sluice::providers::openai {
namespace {

std::string_view metadata_of(const std::string& body, const RequestView& view) {
  return std::string_view(body).substr(view.metadata_value.offset, view.metadata_value.length);
}

TEST(RequestView, SpansTheMetadataObjectAsWritten) {
  std::string body = R"({"model":"m","metadata": {"suite" : "a", "n": [1, 2]} ,)"
                     R"("messages":[{"role":"user","content":"hi"}],"user":"u-1"})";
  auto view = parse_chat_request(body);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(metadata_of(body, *view), R"({"suite" : "a", "n": [1, 2]})");
  EXPECT_EQ(view->user, "u-1");
}

TEST(RequestView, IgnoresMetadataThatIsNotAnObject) {
  for (const char* metadata : {R"("text")", "null", "[1]", "7"}) {
    std::string body = std::string(R"({"model":"m","messages":[{"role":"user","content":"x"}],)") +
                       R"("metadata":)" + metadata + "}";
    auto view = parse_chat_request(body);
    ASSERT_TRUE(view.ok()) << metadata;
    EXPECT_EQ(view->metadata_value.length, 0u) << metadata;
  }
}

TEST(RequestView, EmbeddingsBodiesCarryMetadataToo) {
  std::string body = R"({"model":"e","input":"x","metadata":{"k":"v"}})";
  auto view = parse_embeddings_request(body);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(metadata_of(body, *view), R"({"k":"v"})");
}

}  // namespace
}  // namespace sluice::providers::openai
