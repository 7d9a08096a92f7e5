// Prometheus metrics: request counts by model/provider/status, a latency histogram and the
// in-flight gauge. Each worker writes its own shard (an uncontended lock); a scrape merges them.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "telemetry/prometheus_text.h"

namespace sluice::telemetry {

class Metrics {
 public:
  explicit Metrics(unsigned shards);

  // Counts one finished request and its latency, on the calling worker's shard.
  void record_request(unsigned shard, std::string_view model, std::string_view provider, int status,
                      double seconds);
  // Requests being served right now.
  std::atomic<int64_t>& in_flight() { return in_flight_; }
  // The Prometheus text exposition of everything.
  std::string render() const;

 private:
  using Histogram = SecondsHistogram;
  struct Shard {
    mutable std::mutex mutex;
    std::map<std::string, uint64_t, std::less<>> requests;    // model \x1f provider \x1f status
    std::map<std::string, Histogram, std::less<>> latencies;  // model \x1f provider
    // The entries the last request counted into (map nodes do not move): consecutive requests
    // of the same model, provider and status skip building keys and searching the maps.
    std::string last_model, last_provider;
    int last_status = -1;
    Histogram* last_latency = nullptr;
    uint64_t* last_count = nullptr;
  };
  std::vector<std::unique_ptr<Shard>> shards_;
  std::atomic<int64_t> in_flight_{0};
};

}  // namespace sluice::telemetry
