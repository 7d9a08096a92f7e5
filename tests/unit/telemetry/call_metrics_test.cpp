// Call metrics: every record counted under its own labels, whatever order a batch mixes them in.
#include "telemetry/call_metrics.h"

#include "sample_record.h"

#include <gtest/gtest.h>

namespace sluice::telemetry {
namespace {

CallRecord call(std::string model, std::string team, int status, int64_t input, double cost) {
  CallRecord r;
  r.requested_model = std::move(model);
  r.provider = "p";
  r.team = std::move(team);
  r.status = status;
  r.usage.prompt_tokens = input;
  r.cost_usd = cost;
  r.ttft_us = 1000;
  return r;
}

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos;
}

TEST(CallMetrics, CountsEachRecordUnderItsOwnLabelsInAMixedBatch) {
  CallMetrics metrics;
  // Runs of equal labels, broken by each label in turn, then back to the first.
  const std::vector<CallRecord> batch{call("a", "x", 200, 1, 0.5),  call("a", "x", 200, 2, 0.5),
                                      call("a", "y", 200, 4, 1.0),  call("a", "x", 500, 8, 0.0),
                                      call("b", "x", 200, 16, 2.0), call("a", "x", 200, 32, 0.25),
                                      call("b", "x", 200, 64, 2.0)};
  metrics.count(test::refs(batch));
  metrics.count(test::refs({call("a", "x", 200, 128, 0.25)}));
  const std::string text = metrics.render();
  EXPECT_TRUE(
      has_line(text, R"(sluice_calls_total{model="a",provider="p",team="x",status="200"} 4)"))
      << text;
  EXPECT_TRUE(
      has_line(text, R"(sluice_calls_total{model="a",provider="p",team="y",status="200"} 1)"));
  EXPECT_TRUE(
      has_line(text, R"(sluice_calls_total{model="a",provider="p",team="x",status="500"} 1)"));
  EXPECT_TRUE(
      has_line(text, R"(sluice_calls_total{model="b",provider="p",team="x",status="200"} 2)"));
  EXPECT_TRUE(
      has_line(text, R"(sluice_tokens_total{model="a",provider="p",team="x",type="input"} 163)"));
  EXPECT_TRUE(
      has_line(text, R"(sluice_tokens_total{model="b",provider="p",team="x",type="input"} 80)"));
  // Time to first token: answered calls only, by model and provider.
  EXPECT_TRUE(
      has_line(text, R"(sluice_time_to_first_token_seconds_count{model="a",provider="p"} 5)"));
  EXPECT_TRUE(
      has_line(text, R"(sluice_time_to_first_token_seconds_count{model="b",provider="p"} 2)"));
}

}  // namespace
}  // namespace sluice::telemetry
