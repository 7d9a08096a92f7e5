#include "routing/model_group.h"

#include <gtest/gtest.h>

#include <map>

namespace sluice::routing {
namespace {

using Clock = DeploymentHealth::Clock;
using namespace std::chrono_literals;

// A group of deployments d0, d1, ... with the given weights (no routes: ranking needs none).
struct TestGroup {
  config::ModelConfig config;
  ModelGroup group;

  TestGroup(std::string strategy, std::vector<unsigned> weights) {
    config.strategy = std::move(strategy);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      config::DeploymentConfig d;
      d.provider = "p";
      d.model = "m" + std::to_string(i);
      d.id = "d" + std::to_string(i);
      d.weight = weights[i];
      config.deployments.push_back(d);
    }
    config.breaker.failures = 1;
    config.breaker.open_ms = 1000;
    group.config = &config;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      group.health.push_back(std::make_unique<DeploymentHealth>(config.breaker));
    }
    group.weighted_current.assign(weights.size(), 0);
  }
};

TEST(RankDeployments, PriorityKeepsConfigOrder) {
  TestGroup t("priority", {1, 1, 1});
  EXPECT_EQ(rank_deployments(t.group, {}, 0, Clock::time_point{}),
            (std::vector<std::size_t>{0, 1, 2}));
}

TEST(RankDeployments, WeightedSplitIsExactAndInterleaved) {
  TestGroup t("weighted", {80, 20});
  std::map<std::size_t, int> first;
  int longest_run = 0, run = 0;
  std::size_t previous = 9;
  for (int i = 0; i < 10000; ++i) {
    const auto order = rank_deployments(t.group, {}, 0, Clock::time_point{});
    ASSERT_EQ(order.size(), 2u);
    ++first[order[0]];
    run = order[0] == previous ? run + 1 : 1;
    longest_run = std::max(longest_run, run);
    previous = order[0];
  }
  EXPECT_EQ(first[0], 8000);
  EXPECT_EQ(first[1], 2000);
  EXPECT_LE(longest_run, 4);  // 80/20 interleaves as 4:1, never long runs
}

TEST(RankDeployments, UnavailableDeploymentsAreSkipped) {
  TestGroup t("priority", {1, 1});
  const Clock::time_point t0{};
  t.group.health[0]->on_failure(t0, 0ms);  // breaker opens (failures: 1)
  EXPECT_EQ(rank_deployments(t.group, {}, 0, t0), (std::vector<std::size_t>{1}));
  t.group.health[1]->on_failure(t0, 0ms);
  // Nothing available: every fitting deployment, in config order, rather than a certain error.
  EXPECT_EQ(rank_deployments(t.group, {}, 0, t0), (std::vector<std::size_t>{0, 1}));
}

TEST(RankDeployments, LeastBusyPrefersFewestInFlight) {
  TestGroup t("least_busy", {1, 1, 1});
  t.group.health[0]->begin_request();
  t.group.health[0]->begin_request();
  t.group.health[2]->begin_request();
  EXPECT_EQ(rank_deployments(t.group, {}, 0, Clock::time_point{}),
            (std::vector<std::size_t>{1, 2, 0}));
}

TEST(RankDeployments, LatencyPrefersFastestAndExplores) {
  TestGroup t("latency", {1, 1});
  t.config.latency_exploration = 0.1;
  t.group.health[0]->on_success(50ms, Clock::time_point{});
  t.group.health[1]->on_success(10ms, Clock::time_point{});
  // random % 1e6 >= 100000: no exploration.
  EXPECT_EQ(rank_deployments(t.group, {}, 500'000, Clock::time_point{}),
            (std::vector<std::size_t>{1, 0}));
  // random % 1e6 < 100000: the slower one is tried first this time.
  EXPECT_EQ(rank_deployments(t.group, {}, 5, Clock::time_point{}),
            (std::vector<std::size_t>{0, 1}));
}

TEST(RankDeployments, CostRanksByEstimatedPriceUnknownLast) {
  TestGroup t("cost", {1, 1, 1});
  t.config.deployments[0].input_price = 3;
  t.config.deployments[0].output_price = 15;
  t.config.deployments[2].input_price = 0.15;
  t.config.deployments[2].output_price = 0.6;
  RequestTraits traits;
  traits.prompt_tokens = 1000;
  EXPECT_EQ(rank_deployments(t.group, traits, 0, Clock::time_point{}),
            (std::vector<std::size_t>{2, 0, 1}));
}

TEST(RankDeployments, CacheAffinityIsStablePerPrefixAndSpreads) {
  TestGroup t("cache_affinity", {1, 1, 1, 1});
  std::map<std::size_t, int> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string prefix = "system prompt number " + std::to_string(i);
    RequestTraits traits;
    traits.affinity_key = prefix;
    const auto a = rank_deployments(t.group, traits, 1, Clock::time_point{});
    const auto b = rank_deployments(t.group, traits, 999, Clock::time_point{});
    ASSERT_EQ(a, b);
    ++seen[a[0]];
  }
  EXPECT_EQ(seen.size(), 4u);
  for (const auto& [index, count] : seen) EXPECT_GT(count, 20) << index;
}

TEST(RankDeployments, CacheAffinityFallsToTheNextWhenItsDeploymentIsDown) {
  TestGroup t("cache_affinity", {1, 1, 1});
  RequestTraits traits;
  traits.affinity_key = "a long shared prefix";
  const auto order = rank_deployments(t.group, traits, 0, Clock::time_point{});
  t.group.health[order[0]]->on_failure(Clock::time_point{}, 0ms);
  const auto after = rank_deployments(t.group, traits, 0, Clock::time_point{});
  EXPECT_EQ(after, (std::vector<std::size_t>{order[1], order[2]}));
}

TEST(RankDeployments, CapabilitiesFilterFirst) {
  TestGroup t("priority", {1, 1, 1});
  t.config.deployments[0].tools = false;
  t.config.deployments[1].context_window = 1000;
  RequestTraits traits;
  traits.tools = true;
  traits.prompt_tokens = 900;
  traits.max_tokens = 200;
  EXPECT_EQ(rank_deployments(t.group, traits, 0, Clock::time_point{}),
            (std::vector<std::size_t>{2}));
  t.config.deployments[2].vision = false;
  traits.vision = true;
  EXPECT_TRUE(rank_deployments(t.group, traits, 0, Clock::time_point{}).empty());
}

}  // namespace
}  // namespace sluice::routing

namespace sluice::routing {
namespace {

TEST(GroupUsesTraits, OnlyWhenRankingReadsThem) {
  config::ModelConfig model;
  model.strategy = "weighted";
  model.deployments.resize(2);
  EXPECT_FALSE(group_uses_traits(model));
  model.deployments[1].vision = false;
  EXPECT_TRUE(group_uses_traits(model));
  model.deployments[1].vision = true;
  model.deployments[0].context_window = 8192;
  EXPECT_TRUE(group_uses_traits(model));
  model.deployments[0].context_window = 0;
  model.strategy = "cache_affinity";
  EXPECT_TRUE(group_uses_traits(model));
  model.strategy = "cost";
  EXPECT_TRUE(group_uses_traits(model));
}

}  // namespace
}  // namespace sluice::routing
