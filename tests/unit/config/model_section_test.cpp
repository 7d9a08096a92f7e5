// models: strategies, deployments, fallbacks and every validation rule with line and key path.
#include "config/model_section.h"

#include <gtest/gtest.h>

#include "load_config_for_test.h"

namespace sluice::config {
namespace {

using testing::load_error;
using testing::load_ok;

// Two providers on lines 1-3, so model lines in tests start at 4.
const std::string kProviders = R"(providers:
  a: { type: ollama }
  b: { type: vllm, api_base: "http://gpu:8000/v1" }
)";

TEST(ConfigModels, FullModel) {
  Config config = load_ok(kProviders + R"(models:
  - name: smart
    strategy: weighted
    deployments:
      - { provider: a, model: llama3, weight: 80 }
      - { provider: b, model: qwen }
    fallbacks: [cheap]
  - name: cheap
    deployments: [{ provider: a, model: tiny }]
)");
  ASSERT_EQ(config.models.size(), 2u);
  const ModelConfig& smart = config.models[0];
  EXPECT_EQ(smart.name, "smart");
  EXPECT_EQ(smart.strategy, "weighted");
  ASSERT_EQ(smart.deployments.size(), 2u);
  EXPECT_EQ(smart.deployments[0].provider, "a");
  EXPECT_EQ(smart.deployments[0].model, "llama3");
  EXPECT_EQ(smart.deployments[0].weight, 80u);
  EXPECT_EQ(smart.deployments[1].weight, 1u);
  EXPECT_EQ(smart.fallbacks, std::vector<std::string>{"cheap"});
  EXPECT_EQ(config.models[1].strategy, "priority");
  EXPECT_TRUE(config.models[1].fallbacks.empty());
}

TEST(ConfigModels, EveryStrategyIsAccepted) {
  for (const char* strategy :
       {"weighted", "priority", "latency", "cost", "least_busy", "cache_affinity"}) {
    Config config = load_ok(kProviders + "models:\n  - { name: m, strategy: " + strategy +
                            ", deployments: [{ provider: a, model: x }] }\n");
    EXPECT_EQ(config.models.at(0).strategy, strategy);
  }
}

TEST(ConfigModels, UnknownStrategy) {
  EXPECT_EQ(load_error(kProviders + "models:\n  - name: m\n    strategy: random\n"),
            "t.yaml:6: models[0].strategy: unknown strategy 'random' (supported: weighted, "
            "priority, latency, cost, least_busy, cache_affinity)");
}

TEST(ConfigModels, NameIsRequired) {
  EXPECT_EQ(load_error(kProviders + "models:\n  - deployments: [{ provider: a, model: x }]\n"),
            "t.yaml:5: models[0].name: is required");
  EXPECT_EQ(load_error(kProviders + "models:\n  - name: \"\"\n"),
            "t.yaml:5: models[0].name: is empty");
}

TEST(ConfigModels, NamesAreUnique) {
  EXPECT_EQ(load_error(kProviders + R"(models:
  - { name: m, deployments: [{ provider: a, model: x }] }
  - deployments: [{ provider: a, model: x }]
    name: m
)"),
            "t.yaml:7: models[1].name: duplicate model name 'm'");
}

TEST(ConfigModels, AtLeastOneDeployment) {
  EXPECT_EQ(load_error(kProviders + "models:\n  - name: m\n"),
            "t.yaml:5: models[0].deployments: is required (at least one deployment)");
  EXPECT_EQ(load_error(kProviders + "models:\n  - name: m\n    deployments: []\n"),
            "t.yaml:6: models[0].deployments: needs at least one deployment");
}

TEST(ConfigModels, DeploymentProviderMustExist) {
  EXPECT_EQ(load_error(kProviders + R"(models:
  - name: m
    deployments:
      - { provider: a, model: x }
      - provider: foo
        model: y
)"),
            "t.yaml:8: models[0].deployments[1].provider: unknown provider 'foo'");
}

TEST(ConfigModels, DeploymentFieldsRequired) {
  EXPECT_EQ(
      load_error(kProviders + "models:\n  - name: m\n    deployments:\n      - { model: x }\n"),
      "t.yaml:7: models[0].deployments[0].provider: is required");
  EXPECT_EQ(
      load_error(kProviders + "models:\n  - name: m\n    deployments:\n      - { provider: a }\n"),
      "t.yaml:7: models[0].deployments[0].model: is required");
  EXPECT_EQ(load_error(kProviders +
                       "models:\n  - name: m\n    deployments:\n      - { provider: a, model: }\n"),
            "t.yaml:7: models[0].deployments[0].model: is empty");
}

TEST(ConfigModels, DeploymentUnknownKeyAndBadWeight) {
  EXPECT_EQ(load_error(kProviders +
                       "models:\n  - name: m\n    deployments:\n      - { provider: a, model: x, "
                       "region: eu }\n"),
            "t.yaml:7: models[0].deployments[0].region: unknown key 'region' (expected one of: "
            "provider, model, weight, id, tools, vision, json_schema, context_window, "
            "max_output_tokens, input_price, output_price, cached_input_price, cache_write_price, "
            "reasoning_price, request_price, first_byte_timeout_ms)");
  EXPECT_EQ(load_error(kProviders +
                       "models:\n  - name: m\n    deployments:\n      - { provider: a, model: x, "
                       "weight: -3 }\n"),
            "t.yaml:7: models[0].deployments[0].weight: must be a non-negative integer");
  EXPECT_EQ(load_error(kProviders + "models:\n  - name: m\n    deployments:\n      - a/x\n"),
            "t.yaml:7: models[0].deployments[0]: expected a map, got a scalar");
}

TEST(ConfigModels, FallbacksMustExistAndNotBeSelf) {
  EXPECT_EQ(load_error(kProviders + R"(models:
  - name: m
    deployments: [{ provider: a, model: x }]
    fallbacks:
      - n
      - ghost
  - { name: n, deployments: [{ provider: a, model: x }] }
)"),
            "t.yaml:9: models[0].fallbacks[1]: unknown model 'ghost'");
  EXPECT_EQ(load_error(kProviders + R"(models:
  - name: m
    deployments: [{ provider: a, model: x }]
    fallbacks: [m]
)"),
            "t.yaml:7: models[0].fallbacks[0]: a model cannot fall back to itself");
  EXPECT_EQ(load_error(kProviders + R"(models:
  - name: m
    deployments: [{ provider: a, model: x }]
    fallbacks: cheap
)"),
            "t.yaml:7: models[0].fallbacks: expected a list, got a scalar");
}

TEST(ConfigModels, UnknownModelKey) {
  EXPECT_EQ(load_error(kProviders + "models:\n  - name: m\n    aliases: [x]\n"),
            "t.yaml:6: models[0].aliases: unknown key 'aliases' (expected one of: name, "
            "strategy, deployments, fallbacks, content_filter_fallbacks, "
            "context_length_fallbacks, retry, breaker, timeout_ms, first_byte_timeout_ms, "
            "latency_exploration, allow_overrides)");
}

TEST(ConfigModels, ModelsMayComeBeforeProviders) {
  Config config =
      load_ok("models:\n  - { name: m, deployments: [{ provider: a, model: x }] }\n" + kProviders);
  EXPECT_EQ(config.models.at(0).deployments.at(0).provider, "a");
}

}  // namespace
}  // namespace sluice::config

namespace sluice::config {
namespace {

using testing::load_error;
using testing::load_ok;

const std::string kRoutingProviders = R"(providers:
  a: { type: ollama }
  b: { type: vllm, api_base: "http://gpu:8000/v1" }
)";

TEST(ConfigModelsRouting, RetryBreakerTimeoutsCapabilitiesAndFallbackLists) {
  Config config = load_ok(kRoutingProviders + R"(models:
  - name: smart
    strategy: cost
    retry: { max_attempts: 4, backoff_ms: 10, max_backoff_ms: 100, retry_on: [server, timeout] }
    breaker: { failures: 2, open_ms: 500 }
    timeout_ms: 9000
    first_byte_timeout_ms: 3000
    latency_exploration: 0.25
    allow_overrides: true
    content_filter_fallbacks: [long]
    context_length_fallbacks: [long]
    deployments:
      - { provider: a, model: x, id: first, tools: false, vision: false, json_schema: false,
          context_window: 8192, max_output_tokens: 1024, input_price: 0.15, output_price: 0.6,
          first_byte_timeout_ms: 1500 }
      - { provider: a, model: y }
  - name: long
    deployments: [{ provider: b, model: z }]
)");
  const ModelConfig& smart = config.models[0];
  EXPECT_EQ(smart.retry.max_attempts, 4u);
  EXPECT_EQ(smart.retry.backoff_ms, 10u);
  EXPECT_EQ(smart.retry.max_backoff_ms, 100u);
  EXPECT_EQ(smart.retry.retry_on, (std::vector<std::string>{"server", "timeout"}));
  EXPECT_EQ(smart.breaker.failures, 2u);
  EXPECT_EQ(smart.breaker.open_ms, 500u);
  EXPECT_EQ(smart.timeout_ms, 9000u);
  EXPECT_EQ(smart.first_byte_timeout_ms, 3000u);
  EXPECT_EQ(smart.deployments[0].first_byte_timeout_ms, 1500u);
  EXPECT_DOUBLE_EQ(smart.latency_exploration, 0.25);
  EXPECT_TRUE(smart.allow_overrides);
  EXPECT_EQ(smart.content_filter_fallbacks, std::vector<std::string>{"long"});
  EXPECT_EQ(smart.context_length_fallbacks, std::vector<std::string>{"long"});
  const DeploymentConfig& first = smart.deployments[0];
  EXPECT_EQ(first.id, "first");
  EXPECT_FALSE(first.tools);
  EXPECT_FALSE(first.vision);
  EXPECT_FALSE(first.json_schema);
  EXPECT_EQ(first.context_window, 8192u);
  EXPECT_EQ(first.max_output_tokens, 1024u);
  EXPECT_DOUBLE_EQ(first.input_price, 0.15);
  EXPECT_DOUBLE_EQ(first.output_price, 0.6);
  EXPECT_EQ(smart.deployments[1].id, "a/y");  // default id
  EXPECT_TRUE(smart.deployments[1].tools);
  EXPECT_LT(smart.deployments[1].input_price, 0);  // unknown
}

TEST(ConfigModelsRouting, BadValuesNameTheirKey) {
  EXPECT_EQ(
      load_error(kRoutingProviders + "models:\n  - name: m\n    retry: { retry_on: [sometimes] }\n"
                                     "    deployments: [{ provider: a, model: x }]\n"),
      "t.yaml:6: models[0].retry.retry_on[0]: unknown error class 'sometimes'");
  EXPECT_EQ(load_error(kRoutingProviders + "models:\n  - name: m\n    latency_exploration: lots\n"
                                           "    deployments: [{ provider: a, model: x }]\n"),
            "t.yaml:6: models[0].latency_exploration: must be a number");
  EXPECT_EQ(
      load_error(kRoutingProviders + "models:\n  - name: m\n    content_filter_fallbacks: [nope]\n"
                                     "    deployments: [{ provider: a, model: x }]\n"),
      "t.yaml:6: models[0].content_filter_fallbacks[0]: unknown model 'nope'");
  EXPECT_EQ(load_error(kRoutingProviders +
                       "models:\n  - name: m\n    deployments: [{ provider: a, model: x }, "
                       "{ provider: a, model: x }]\n"),
            "t.yaml:5: models[0]: two deployments share the id 'a/x': give them distinct `id`s");
}

}  // namespace
}  // namespace sluice::config
