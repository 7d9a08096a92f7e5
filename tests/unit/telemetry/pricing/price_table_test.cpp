#include "telemetry/pricing/price_table.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>

namespace sluice::telemetry {
namespace {

namespace fs = std::filesystem;

const std::string kRealFile = std::string(SLUICE_SOURCE_DIR) + "/data/prices.yaml";

// A small table for the lookup rules, so they do not move when list prices do.
constexpr std::string_view kFixture = R"(version: "2026-01-01"
currency: USD
openai:
  gpt-4o: {input: 2.5, cached_input: 1.25, output: 10}
  gpt-4o-mini: {input: 0.15, output: 0.6}
  o3: {input: 2, output: 8}
anthropic:
  claude-opus-4: {input: 15, output: 75}
  claude-sonnet-4-5: {input: 3, cache_write: 3.75, cached_input: 0.3, output: 15}
  claude-3-5-haiku: {input: 0.8, output: 4}
gemini:
  gemini-2.5-flash: {input: 0.3, output: 2.5}
  gemini-2.5-flash-lite: {input: 0.1, output: 0.4}
bedrock:
  anthropic.claude-sonnet-4-5: {input: 3, output: 15}
  amazon.nova-pro: {input: 0.8, output: 3.2}
)";

PriceTable fixture() {
  Result<PriceTable> table = PriceTable::parse(kFixture, "fixture.yaml");
  EXPECT_TRUE(table.ok()) << (table.ok() ? "" : table.error().message);
  return table.ok() ? std::move(table.value()) : PriceTable();
}

// The input price found, or -1 when none: reads well in EXPECT_EQ.
double input_of(const PriceTable& table, std::string_view type, std::string_view model) {
  const ModelPrice* price = table.find(type, model);
  return price ? price->input : -1;
}

// What a bad file's load error says.
std::string error_of(std::string_view yaml) {
  Result<PriceTable> table = PriceTable::parse(yaml, "p.yaml");
  return table.ok() ? std::string("(loaded)") : table.error().message;
}

TEST(PriceTable, RealFileLoadsAndCoversTheListedModels) {
  Result<PriceTable> table = PriceTable::load(kRealFile);
  ASSERT_TRUE(table.ok()) << table.error().message;
  EXPECT_TRUE(std::regex_match(table->version(), std::regex(R"(\d{4}-\d{2}-\d{2})")));
  const std::pair<std::string_view, std::string_view> listed[] = {
      {"openai", "gpt-4o"},
      {"openai", "gpt-4o-mini"},
      {"openai", "gpt-4.1"},
      {"openai", "gpt-4.1-mini"},
      {"openai", "gpt-4.1-nano"},
      {"openai", "o1"},
      {"openai", "o3"},
      {"openai", "o3-mini"},
      {"openai", "o4-mini"},
      {"openai", "gpt-5"},
      {"openai", "gpt-5-mini"},
      {"openai", "gpt-5-nano"},
      {"openai", "text-embedding-3-small"},
      {"openai", "text-embedding-3-large"},
      {"anthropic", "claude-opus-4-1"},
      {"anthropic", "claude-opus-4"},
      {"anthropic", "claude-sonnet-4-5"},
      {"anthropic", "claude-sonnet-4"},
      {"anthropic", "claude-3-7-sonnet"},
      {"anthropic", "claude-haiku-4-5"},
      {"anthropic", "claude-3-5-haiku"},
      {"gemini", "gemini-2.5-pro"},
      {"gemini", "gemini-2.5-flash"},
      {"gemini", "gemini-2.5-flash-lite"},
      {"gemini", "gemini-2.0-flash"},
      {"gemini", "gemini-embedding-001"},
      {"xai", "grok-4"},
      {"xai", "grok-3"},
      {"xai", "grok-3-mini"},
      {"mistral", "mistral-large-latest"},
      {"mistral", "mistral-medium-latest"},
      {"mistral", "mistral-small-latest"},
      {"mistral", "codestral-latest"},
      {"deepseek", "deepseek-chat"},
      {"deepseek", "deepseek-reasoner"},
      {"bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"},
      {"bedrock", "amazon.nova-pro-v1:0"},
      {"bedrock", "amazon.nova-lite-v1:0"},
      {"bedrock", "amazon.nova-micro-v1:0"},
      {"bedrock", "us.meta.llama3-3-70b-instruct-v1:0"},
  };
  for (const auto& [type, model] : listed) {
    const ModelPrice* price = table->find(type, model);
    ASSERT_NE(price, nullptr) << type << " " << model;
    EXPECT_GT(price->input, 0) << model;
    EXPECT_GE(price->output, 0) << model;
    EXPECT_LE(price->cached_input, price->input) << model;
    EXPECT_LT(price->batch_discount, 1) << model;
  }
  // The real Anthropic shape: 5-minute cache writes at 1.25x input, reads at 0.1x.
  const ModelPrice* sonnet = table->find("anthropic", "claude-sonnet-4-5-20250929");
  ASSERT_NE(sonnet, nullptr);
  EXPECT_DOUBLE_EQ(sonnet->cache_write, 1.25 * sonnet->input);
  EXPECT_DOUBLE_EQ(sonnet->cached_input, 0.1 * sonnet->input);
  EXPECT_EQ(sonnet->reasoning, sonnet->output);
}

TEST(PriceTable, DefaultFileIsTheRepositoryOne) {
  const std::string path = default_prices_file();
  std::error_code ec;
  EXPECT_TRUE(fs::equivalent(path, kRealFile, ec)) << path;
}

TEST(PriceTable, AbsentPartsDefaultToTheirBase) {
  const PriceTable table = fixture();
  const ModelPrice* mini = table.find("openai", "gpt-4o-mini");
  ASSERT_NE(mini, nullptr);
  EXPECT_EQ(mini->cached_input, 0.15);
  EXPECT_EQ(mini->cache_write, 0.15);
  EXPECT_EQ(mini->reasoning, 0.6);
  EXPECT_EQ(mini->request, 0);
  EXPECT_EQ(mini->batch_discount, 0);
  EXPECT_EQ(table.version(), "2026-01-01");
}

TEST(PriceTable, FindsExactAndDatedNames) {
  const PriceTable table = fixture();
  EXPECT_EQ(input_of(table, "openai", "gpt-4o"), 2.5);
  EXPECT_EQ(input_of(table, "openai", "gpt-4o-2024-08-06"), 2.5);
  EXPECT_EQ(input_of(table, "openai", "o3-2025-04-16"), 2);
  EXPECT_EQ(input_of(table, "anthropic", "claude-sonnet-4-5-20250929"), 3);
  EXPECT_EQ(input_of(table, "anthropic", "claude-3-5-haiku-latest"), 0.8);
  EXPECT_EQ(input_of(table, "anthropic", "claude-opus-4-0"), 15);
  EXPECT_EQ(input_of(table, "gemini", "gemini-2.5-flash-preview-09-2025"), 0.3);
}

TEST(PriceTable, LongestNameWinsAndSiblingsAreNotReleases) {
  const PriceTable table = fixture();
  EXPECT_EQ(input_of(table, "openai", "gpt-4o-mini-2024-07-18"), 0.15);
  EXPECT_EQ(input_of(table, "gemini", "gemini-2.5-flash-lite-preview-06-17"), 0.1);
  // Another model sharing a prefix must not borrow its price: unknown instead.
  EXPECT_EQ(input_of(table, "openai", "o3-pro"), -1);
  EXPECT_EQ(input_of(table, "openai", "gpt-4o-audio-preview"), -1);
  EXPECT_EQ(input_of(table, "anthropic", "claude-opus-4-5"), -1);
  EXPECT_EQ(input_of(table, "anthropic", "claude-opus-4-5-20251101"), -1);
  EXPECT_EQ(input_of(table, "openai", "gpt-4"), -1);
}

TEST(PriceTable, HostsReadTheirFamilysSection) {
  const PriceTable table = fixture();
  EXPECT_EQ(input_of(table, "azure", "gpt-4o-mini"), 0.15);
  EXPECT_EQ(input_of(table, "openai_compatible", "gpt-4o"), 2.5);
  EXPECT_EQ(input_of(table, "vertex", "gemini-2.5-flash"), 0.3);
  EXPECT_EQ(input_of(table, "gemini", "gpt-4o"), -1);  // sections do not leak into each other
  EXPECT_EQ(input_of(table, "groq", "gpt-4o"), -1);    // no groq section
}

TEST(PriceTable, BedrockIgnoresRegionVersionAndArn) {
  const PriceTable table = fixture();
  EXPECT_EQ(input_of(table, "bedrock", "anthropic.claude-sonnet-4-5-20250929-v1:0"), 3);
  EXPECT_EQ(input_of(table, "bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"), 3);
  EXPECT_EQ(input_of(table, "bedrock", "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"), 3);
  EXPECT_EQ(input_of(table, "bedrock", "global.anthropic.claude-sonnet-4-5-20250929-v1:0"), 3);
  EXPECT_EQ(input_of(table, "bedrock", "amazon.nova-pro-v1:0"), 0.8);
  EXPECT_EQ(input_of(table, "bedrock",
                     "arn:aws:bedrock:us-east-1:123456789012:inference-profile/"
                     "us.amazon.nova-pro-v1:0"),
            0.8);
  EXPECT_EQ(input_of(table, "bedrock", "xx.amazon.nova-pro-v1:0"), -1);
}

TEST(PriceTable, OpenRouterLooksUpTheVendorsModel) {
  const PriceTable table = fixture();
  EXPECT_EQ(input_of(table, "openrouter", "openai/gpt-4o"), 2.5);
  EXPECT_EQ(input_of(table, "openrouter", "openai/gpt-4o-mini"), 0.15);
  EXPECT_EQ(input_of(table, "openrouter", "anthropic/claude-sonnet-4.5"), 3);
  EXPECT_EQ(input_of(table, "openrouter", "google/gemini-2.5-flash"), 0.3);
  EXPECT_EQ(input_of(table, "openrouter", "meta-llama/llama-3.3-70b-instruct"), -1);
  EXPECT_EQ(input_of(table, "openrouter", "gpt-4o"), -1);
}

TEST(PriceTable, LocalServersAreFreeAndUnknownsAreUnknown) {
  const PriceTable table = fixture();
  for (std::string_view type : {"ollama", "vllm", "llamacpp"}) {
    const ModelPrice* price = table.find(type, "llama3.1:8b");
    ASSERT_NE(price, nullptr) << type;
    EXPECT_EQ(price->input, 0);
    EXPECT_EQ(price->output, 0);
  }
  EXPECT_EQ(table.find("openai", "gpt-99"), nullptr);
  EXPECT_EQ(table.find("xai", "grok-4"), nullptr);  // no xai section in the fixture
  EXPECT_EQ(table.find("openai", ""), nullptr);
}

TEST(PriceFile, UnknownKeysAreErrorsWithLineAndPath) {
  EXPECT_EQ(error_of("version: x\nopenai:\n  gpt-4o: {input: 1, output: 2}\n"
                     "  o3:\n    input: 1\n    outptu: 2\n"),
            "p.yaml:6: openai.o3.outptu: unknown key 'outptu' (expected one of: input, output, "
            "cached_input, cache_write, reasoning, request, batch_discount)");
  EXPECT_EQ(error_of("version: x\nopenia: {}\n"),
            "p.yaml:2: openia: unknown key 'openia' (expected version, currency or one of: "
            "openai, anthropic, gemini, xai, mistral, deepseek, bedrock, groq, together, "
            "openrouter, fireworks)");
}

TEST(PriceFile, NegativeAndNonNumericPricesAreErrors) {
  EXPECT_EQ(error_of("version: x\nanthropic:\n  claude: {input: 1, output: -2}\n"),
            "p.yaml:3: anthropic.claude.output: must not be negative");
  EXPECT_EQ(error_of("version: x\nopenai:\n  m: {input: cheap, output: 2}\n"),
            "p.yaml:3: openai.m.input: must be a number");
  EXPECT_EQ(error_of("version: x\nopenai:\n  m: {input: .nan, output: 2}\n"),
            "p.yaml:3: openai.m.input: must be a number");
  EXPECT_EQ(error_of("version: x\nopenai:\n  m: {input: 1, output: 2, batch_discount: 1}\n"),
            "p.yaml:3: openai.m.batch_discount: must be below 1 (a fraction of the price)");
}

TEST(PriceFile, RequiredKeysAreErrorsWhenMissing) {
  EXPECT_EQ(error_of("currency: USD\nopenai: {}\n"), "p.yaml:1: version: is required");
  EXPECT_EQ(error_of(""), "p.yaml:1: version: is required");
  EXPECT_EQ(error_of("version: x\n\nopenai:\n  m: {input: 1}\n"),
            "p.yaml:4: openai.m.output: is required");
  EXPECT_EQ(error_of("version: x\ncurrency: EUR\n"),
            "p.yaml:2: currency: must be USD (the "
            "only currency)");
}

TEST(PriceFile, MalformedFilesAreErrorsNotExceptions) {
  EXPECT_EQ(error_of("version: x\nopenai:\n  m: {input: 1, output: 2}\n  m: {input: 1, output: "
                     "2}\n"),
            "p.yaml:4: openai.m: duplicate key 'm'");
  EXPECT_EQ(error_of("- a list\n"), "p.yaml:1: expected a map");
  EXPECT_EQ(error_of("version: x\nopenai: [1, 2]\n"), "p.yaml:2: openai: expected a map");
  const std::string invalid = error_of("version: x\nopenai: {input: [\n");
  EXPECT_EQ(invalid.rfind("p.yaml:", 0), 0u) << invalid;
  EXPECT_NE(invalid.find("invalid YAML"), std::string::npos) << invalid;
  Result<PriceTable> missing = PriceTable::load("/nonexistent/prices.yaml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message,
            "/nonexistent/prices.yaml: cannot read: No such file or directory");
}

}  // namespace
}  // namespace sluice::telemetry
