#include "telemetry/metrics.h"

#include <gtest/gtest.h>

namespace sluice::telemetry {
namespace {

TEST(Metrics, MergesShardsIntoOneExposition) {
  Metrics metrics(2);
  metrics.record_request(0, "gpt", "mock", 200, 0.003);
  metrics.record_request(1, "gpt", "mock", 200, 0.2);
  metrics.record_request(1, "gpt", "mock", 502, 0.01);
  metrics.in_flight() = 3;
  const std::string text = metrics.render();
  EXPECT_NE(text.find(R"(sluice_requests_total{model="gpt",provider="mock",status="200"} 2)"),
            std::string::npos);
  EXPECT_NE(text.find(R"(sluice_requests_total{model="gpt",provider="mock",status="502"} 1)"),
            std::string::npos);
  EXPECT_NE(
      text.find(
          R"(sluice_request_duration_seconds_bucket{model="gpt",provider="mock",le="0.005"} 1)"),
      std::string::npos);
  EXPECT_NE(text.find(R"(sluice_request_duration_seconds_count{model="gpt",provider="mock"} 3)"),
            std::string::npos);
  EXPECT_NE(text.find("sluice_requests_in_flight 3"), std::string::npos);
}

TEST(Metrics, EscapesLabelValues) {
  Metrics metrics(1);
  metrics.record_request(0, "we\"ird\\model", "p", 200, 0.1);
  EXPECT_NE(metrics.render().find(R"(model="we\"ird\\model")"), std::string::npos);
}

}  // namespace
}  // namespace sluice::telemetry
