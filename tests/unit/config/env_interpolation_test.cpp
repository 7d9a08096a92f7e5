// ${ENV} expansion, on its own and through the loader (where messages gain file, line and key).
#include "config/env_interpolation.h"

#include <gtest/gtest.h>

#include "load_config_for_test.h"

namespace sluice::config {
namespace {

using testing::fake_env;
using testing::load_error;
using testing::load_ok;

std::string expand(std::string_view text, const EnvLookup& env) {
  auto result = interpolate_env(text, env);
  if (auto* error = std::get_if<InterpolationError>(&result)) return "ERROR: " + error->message;
  return std::get<Interpolated>(result).text;
}

TEST(ConfigEnvInterpolation, PlainTextIsUnchanged) {
  auto result = interpolate_env("no variables $ here {}", fake_env());
  ASSERT_TRUE(std::holds_alternative<Interpolated>(result));
  EXPECT_EQ(std::get<Interpolated>(result).text, "no variables $ here {}");
  EXPECT_FALSE(std::get<Interpolated>(result).substituted);
}

TEST(ConfigEnvInterpolation, WholeValue) {
  auto result = interpolate_env("${KEY}", fake_env({{"KEY", "sk-123"}}));
  ASSERT_TRUE(std::holds_alternative<Interpolated>(result));
  EXPECT_EQ(std::get<Interpolated>(result).text, "sk-123");
  EXPECT_TRUE(std::get<Interpolated>(result).substituted);
}

TEST(ConfigEnvInterpolation, PartialAndRepeated) {
  auto env = fake_env({{"X", "mid"}, {"Y", ""}});
  EXPECT_EQ(expand("Bearer-${X}-y", env), "Bearer-mid-y");
  EXPECT_EQ(expand("${X}${X}/${Y}end", env), "midmid/end");
}

TEST(ConfigEnvInterpolation, DollarDollarBraceIsALiteral) {
  auto env = fake_env({{"X", "v"}});
  EXPECT_EQ(expand("$${X}", env), "${X}");
  EXPECT_EQ(expand("a$${b}-${X}", env), "a${b}-v");
  EXPECT_EQ(expand("$$ and $x", env), "$$ and $x");
}

TEST(ConfigEnvInterpolation, ValuesAreNotExpandedAgain) {
  EXPECT_EQ(expand("${X}", fake_env({{"X", "${Y}"}})), "${Y}");
}

TEST(ConfigEnvInterpolation, UnsetVariableIsNamed) {
  EXPECT_EQ(expand("a${MISSING}b", fake_env()), "ERROR: environment variable MISSING is not set");
}

TEST(ConfigEnvInterpolation, MalformedReferences) {
  EXPECT_EQ(expand("${X", fake_env()), "ERROR: unterminated '${' (write '$${' for a literal '${')");
  EXPECT_EQ(expand("${}", fake_env()),
            "ERROR: invalid environment variable name '' (use letters, digits and '_')");
  EXPECT_EQ(expand("${1X}", fake_env()),
            "ERROR: invalid environment variable name '1X' (use letters, digits and '_')");
}

TEST(ConfigEnvInterpolation, LoaderExpandsEveryScalar) {
  Config config = load_ok(R"(server:
  listen: "${HOST}:${PORT}"
  workers: ${WORKERS}
providers:
  p:
    type: openai
    api_key: "${KEY}"
    headers: { X-Org: "org-${ORG}" }
)",
                          fake_env({{"HOST", "127.0.0.1"},
                                    {"PORT", "4100"},
                                    {"WORKERS", "3"},
                                    {"KEY", "sk-secret"},
                                    {"ORG", "42"}}));
  EXPECT_EQ(config.server.host, "127.0.0.1");
  EXPECT_EQ(config.server.port, 4100);
  EXPECT_EQ(config.server.workers, 3u);
  EXPECT_EQ(config.providers["p"].api_key, "sk-secret");
  EXPECT_EQ(config.providers["p"].headers["X-Org"], "org-42");
}

TEST(ConfigEnvInterpolation, LoaderNamesFileLineKeyAndVariable) {
  EXPECT_EQ(load_error(R"(providers:
  openai:
    type: openai
    api_key: "${OPENAI_API_KEY}"
)"),
            "t.yaml:4: providers.openai.api_key: environment variable OPENAI_API_KEY is not set");
}

TEST(ConfigEnvInterpolation, SecretValueNeverAppearsInMessages) {
  const std::string secret = "sk-very-secret-value";
  auto env = fake_env({{"SECRET", secret}});
  std::vector<std::string> messages = {
      load_error("providers:\n  p: { type: openai, api_key: x, api_base: \"${SECRET}\" }\n", env),
      load_error("providers:\n  p: { type: \"${SECRET}\" }\n", env),
      load_error("server: { workers: \"${SECRET}\" }\n", env),
      load_error("server: { listen: \"${SECRET}\" }\n", env),
      load_error("storage: { url: \"${SECRET}\" }\n", env),
      load_error("models:\n  - { name: m, strategy: \"${SECRET}\" }\n", env),
  };
  for (const std::string& message : messages) {
    EXPECT_FALSE(message.empty());
    EXPECT_EQ(message.find(secret), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace sluice::config
