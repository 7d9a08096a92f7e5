#include "telemetry/tokenizer/tokenizers.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "loaded_tokenizers.h"

namespace sluice::telemetry {
namespace {

class TokenizersTest : public tokenizer_test::WithTokenizers {};

TEST_F(TokenizersTest, ChoosesO200kForRecentOpenAiModels) {
  for (const char* model : {"gpt-4o", "gpt-4o-mini-2024-07-18", "gpt-4.1-nano", "gpt-4.5-preview",
                            "gpt-5", "gpt-5-mini", "o1", "o1-mini", "o3-mini", "o4-mini",
                            "chatgpt-4o-latest", "openai/gpt-4o"}) {
    EXPECT_EQ(&tokenizers().for_model(model), &tokenizers().o200k()) << model;
  }
}

TEST_F(TokenizersTest, ChoosesCl100kForEverythingElse) {
  for (const char* model : {"gpt-4", "gpt-4-turbo", "gpt-3.5-turbo", "text-embedding-3-small",
                            "claude-sonnet-4-5", "gemini-2.5-pro", "llama-3.1-70b", "", "mock"}) {
    EXPECT_EQ(&tokenizers().for_model(model), &tokenizers().cl100k()) << model;
  }
}

TEST_F(TokenizersTest, NamesItsVocabularies) {
  EXPECT_EQ(tokenizers().o200k().name(), "o200k_base");
  EXPECT_EQ(tokenizers().cl100k().name(), "cl100k_base");
}

TEST(TokenizersLoad, DefaultDirIsTheCheckoutsRanks) {
  // The test binary lives in build*/tests/unit inside the checkout, so walking up finds it.
  namespace fs = std::filesystem;
  ASSERT_FALSE(default_tokenizer_dir().empty());
  EXPECT_EQ(fs::canonical(default_tokenizer_dir()), fs::canonical(tokenizer_test::ranks_dir()));
}

TEST(TokenizersLoad, MissingDirectoryIsAnErrorNamingTheFile) {
  auto result = Tokenizers::load("/nonexistent/ranks");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().cls, ErrorClass::internal);
  EXPECT_NE(result.error().message.find("/nonexistent/ranks/"), std::string::npos);
}

}  // namespace
}  // namespace sluice::telemetry
