#include "telemetry/pricing/call_cost.h"

#include <gtest/gtest.h>

namespace sluice::telemetry {
namespace {

constexpr double kTolerance = 1e-12;

// Claude Sonnet-like: cache writes 1.25x input, reads 0.1x, thinking billed as output.
constexpr ModelPrice kSonnet{.input = 3,
                             .output = 15,
                             .cached_input = 0.3,
                             .cache_write = 3.75,
                             .reasoning = 15,
                             .request = 0,
                             .batch_discount = 0.5};

Usage usage(int64_t prompt, int64_t completion) {
  Usage u;
  u.present = true;
  u.prompt_tokens = prompt;
  u.completion_tokens = completion;
  u.total_tokens = prompt + completion;
  return u;
}

TEST(CallCost, PlainInputAndOutput) {
  const ModelPrice price{
      .input = 2.5, .output = 10, .cached_input = 2.5, .cache_write = 2.5, .reasoning = 10};
  // (1000 * 2.5 + 500 * 10) / 1e6
  EXPECT_NEAR(*call_cost_usd(&price, nullptr, usage(1000, 500), false), 0.0075, kTolerance);
}

TEST(CallCost, CacheReadsAndWritesArePricedApartFromFreshInput) {
  // 1000 fresh + 5000 read + 2000 written prompt tokens, 200 output:
  // (1000 * 3 + 5000 * 0.3 + 2000 * 3.75 + 200 * 15) / 1e6 = 15000 / 1e6
  const Usage u = usage_from_split_input(1000, 200, 5000, 2000);
  EXPECT_NEAR(*call_cost_usd(&kSonnet, nullptr, u, false), 0.015, kTolerance);
}

TEST(CallCost, ReasoningTokensUseTheReasoningPrice) {
  ModelPrice price = kSonnet;
  price.reasoning = 12;
  Usage u = usage(0, 1000);
  u.reasoning_tokens = 800;
  // (200 * 15 + 800 * 12) / 1e6 = 12600 / 1e6
  EXPECT_NEAR(*call_cost_usd(&price, nullptr, u, false), 0.0126, kTolerance);
}

TEST(CallCost, RequestFeeAndBatchDiscount) {
  ModelPrice price = kSonnet;
  price.request = 0.005;
  Usage u = usage(10'000, 3'000);
  u.cached_tokens = 4'000;
  u.cache_write_tokens = 1'000;
  u.reasoning_tokens = 1'000;
  // (5000 * 3 + 4000 * 0.3 + 1000 * 3.75 + 2000 * 15 + 1000 * 15) / 1e6 + 0.005
  //   = (15000 + 1200 + 3750 + 30000 + 15000) / 1e6 + 0.005 = 0.06495 + 0.005 = 0.06995
  EXPECT_NEAR(*call_cost_usd(&price, nullptr, u, false), 0.06995, kTolerance);
  EXPECT_NEAR(*call_cost_usd(&price, nullptr, u, true), 0.034975, kTolerance);
}

TEST(CallCost, InconsistentCountsNeverGoNegative) {
  Usage u = usage(100, 10);
  u.cached_tokens = 300;    // more than the prompt
  u.reasoning_tokens = 50;  // more than the completion
  // fresh input and visible output clamp to 0: (300 * 0.3 + 50 * 15) / 1e6 = 840 / 1e6
  EXPECT_NEAR(*call_cost_usd(&kSonnet, nullptr, u, false), 0.00084, kTolerance);
}

TEST(CallCost, UnknownPriceIsEmptyNotZero) {
  EXPECT_FALSE(call_cost_usd(nullptr, nullptr, usage(10, 10), false).has_value());
  config::DeploymentConfig only_input;
  only_input.input_price = 1;
  EXPECT_FALSE(call_cost_usd(nullptr, &only_input, usage(10, 10), false).has_value());
  config::DeploymentConfig unpriced;
  EXPECT_FALSE(call_cost_usd(nullptr, &unpriced, usage(10, 10), false).has_value());
}

TEST(CallCost, LocalServersCostNothing) {
  const ModelPrice free{};
  const std::optional<double> cost = call_cost_usd(&free, nullptr, usage(5000, 5000), true);
  ASSERT_TRUE(cost.has_value());
  EXPECT_EQ(*cost, 0);
}

TEST(EffectivePrice, DeploymentPricesStandInForAMissingTablePrice) {
  config::DeploymentConfig d;
  d.input_price = 0.5;
  d.output_price = 1.5;
  const std::optional<ModelPrice> price = effective_price(nullptr, &d);
  ASSERT_TRUE(price.has_value());
  EXPECT_EQ(price->cached_input, 0.5);
  EXPECT_EQ(price->cache_write, 0.5);
  EXPECT_EQ(price->reasoning, 1.5);
  EXPECT_EQ(price->request, 0);
  Usage u = usage(2000, 1000);
  u.cached_tokens = 1000;
  // (2000 * 0.5 + 1000 * 1.5) / 1e6
  EXPECT_NEAR(*call_cost_usd(nullptr, &d, u, false), 0.0025, kTolerance);
}

TEST(EffectivePrice, EachSetDeploymentPriceOverridesTheTables) {
  config::DeploymentConfig d;
  d.input_price = 2;
  d.cache_write_price = 2.4;
  d.request_price = 0.01;
  const std::optional<ModelPrice> price = effective_price(&kSonnet, &d);
  ASSERT_TRUE(price.has_value());
  EXPECT_EQ(price->input, 2);
  EXPECT_EQ(price->output, 15);         // not set: the table's
  EXPECT_EQ(price->cached_input, 0.3);  // priced apart in the table: kept
  EXPECT_EQ(price->cache_write, 2.4);
  EXPECT_EQ(price->request, 0.01);
  EXPECT_EQ(price->batch_discount, 0.5);
  const Usage u = usage_from_split_input(1000, 100, 1000, 1000);
  // (1000 * 2 + 1000 * 0.3 + 1000 * 2.4 + 100 * 15) / 1e6 + 0.01 = 6200 / 1e6 + 0.01
  EXPECT_NEAR(*call_cost_usd(&kSonnet, &d, u, false), 0.0162, kTolerance);
}

TEST(EffectivePrice, DefaultedPartsFollowAnOverriddenBase) {
  // A table price whose cache and reasoning parts were only defaulted (OpenAI-compatible host).
  const ModelPrice table{
      .input = 1, .output = 4, .cached_input = 1, .cache_write = 1, .reasoning = 4};
  config::DeploymentConfig d;
  d.input_price = 0.8;
  d.output_price = 3.2;
  std::optional<ModelPrice> price = effective_price(&table, &d);
  ASSERT_TRUE(price.has_value());
  EXPECT_EQ(price->cached_input, 0.8);
  EXPECT_EQ(price->cache_write, 0.8);
  EXPECT_EQ(price->reasoning, 3.2);
  d.reasoning_price = 5;
  d.cached_input_price = 0.1;
  price = effective_price(&table, &d);
  EXPECT_EQ(price->reasoning, 5);
  EXPECT_EQ(price->cached_input, 0.1);
}

TEST(EffectivePrice, NegativeDeploymentPricesMeanTheTables) {
  const config::DeploymentConfig d;  // every price -1
  const std::optional<ModelPrice> price = effective_price(&kSonnet, &d);
  ASSERT_TRUE(price.has_value());
  EXPECT_EQ(price->input, kSonnet.input);
  EXPECT_EQ(price->cached_input, kSonnet.cached_input);
  EXPECT_EQ(price->cache_write, kSonnet.cache_write);
  EXPECT_EQ(price->reasoning, kSonnet.reasoning);
}

}  // namespace
}  // namespace sluice::telemetry
