// Every file in examples/ must load (with an empty environment: examples need no secrets), and
// so must the reference example in docs/configuration.md.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "load_config_for_test.h"

namespace sluice::config {
namespace {

namespace fs = std::filesystem;

const fs::path kExamples = fs::path(SLUICE_SOURCE_DIR) / "examples";

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(ConfigExamples, EveryExampleLoads) {
  int loaded = 0;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(kExamples)) {
    std::string ext = entry.path().extension().string();
    if (ext != ".yaml" && ext != ".yml") continue;
    auto result = load_config_text(read_file(entry.path()), entry.path().filename().string(),
                                   testing::fake_env());
    if (auto* error = std::get_if<ConfigError>(&result)) ADD_FAILURE() << error->message;
    ++loaded;
  }
  EXPECT_GE(loaded, 2);
}

TEST(ConfigExamples, QuickstartUsesTheMockProvider) {
  auto result = load_config_file((kExamples / "quickstart.yaml").string());
  ASSERT_TRUE(std::holds_alternative<Config>(result)) << std::get<ConfigError>(result).message;
  const Config& config = std::get<Config>(result);
  EXPECT_EQ(config.source_path, (kExamples / "quickstart.yaml").string());
  EXPECT_EQ(config.server.host, "127.0.0.1");
  EXPECT_EQ(config.server.port, 4000);
  EXPECT_EQ(config.storage.url, "sqlite://sluice.db");
  ASSERT_EQ(config.providers.count("mock"), 1u);
  const ProviderConfig& mock = config.providers.at("mock");
  EXPECT_EQ(mock.type, "openai_compatible");
  EXPECT_EQ(mock.api_base.host, "127.0.0.1");
  EXPECT_EQ(mock.api_base.port, 9100);
  EXPECT_EQ(mock.api_base.base_path, "/v1");
  ASSERT_EQ(config.models.size(), 2u);
  EXPECT_EQ(config.models[0].name, "gpt-4o-mini");
  EXPECT_EQ(config.models[0].deployments.at(0).provider, "mock");
  EXPECT_EQ(config.models[1].name, "text-embedding-3-small");
  EXPECT_EQ(config.models[1].deployments.at(0).model, "text-embedding-3-small");
}

TEST(ConfigExamples, MockConfigServesTheSameModels) {
  auto result = load_config_file((kExamples / "mock.yaml").string());
  ASSERT_TRUE(std::holds_alternative<Config>(result)) << std::get<ConfigError>(result).message;
  const Config& config = std::get<Config>(result);
  ASSERT_EQ(config.models.size(), 2u);
  EXPECT_EQ(config.models[0].name, "gpt-4o-mini");
  EXPECT_EQ(config.models[1].name, "text-embedding-3-small");
  EXPECT_EQ(config.providers.at("mock").api_base.port, 9100);
}

// The first ```yaml block of the reference is what most people copy: it must stay valid.
TEST(ConfigExamples, ReferenceDocExampleLoads) {
  std::string doc = read_file(fs::path(SLUICE_SOURCE_DIR) / "docs" / "configuration.md");
  std::size_t start = doc.find("```yaml\n");
  ASSERT_NE(start, std::string::npos);
  start += 8;
  std::size_t end = doc.find("```", start);
  ASSERT_NE(end, std::string::npos);
  Config config = testing::load_ok(doc.substr(start, end - start),
                                   testing::fake_env({{"OPENAI_API_KEY", "sk-test"}}));
  EXPECT_EQ(config.models.size(), 2u);
  EXPECT_EQ(config.providers.size(), 2u);
}

}  // namespace
}  // namespace sluice::config
