// Pieces of the Prometheus text exposition shared by every metrics family: label escaping and
// a seconds histogram with the gateway's bucket bounds.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace sluice::telemetry {

// Escapes a label value (backslash, quote, newline).
std::string prometheus_label(std::string_view value);

// A histogram of durations in seconds.
struct SecondsHistogram {
  static constexpr std::array<double, 14> kBuckets{0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                   0.5,   1,     2.5,  5,     10,   30,  120};
  std::array<uint64_t, kBuckets.size()> buckets{};
  uint64_t count = 0;
  double sum = 0;

  void observe(double seconds);
  void merge(const SecondsHistogram& other);
  // Appends the _bucket/_sum/_count lines of `name` with `labels` ("a=\"x\",b=\"y\"" or "").
  void render(std::string& out, std::string_view name, std::string_view labels) const;
};

}  // namespace sluice::telemetry
