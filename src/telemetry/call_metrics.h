// Metrics drawn from finished call records (tokens, cost, time to first token, gateway
// overhead) and from the recording pipeline itself (queue depth, batches, write time, drops).
// Records are counted on the writer thread, after usage and cost are known.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <span>
#include <string>
#include <tuple>

#include "telemetry/call_record.h"
#include "telemetry/prometheus_text.h"

namespace sluice::telemetry {

class CallMetrics {
 public:
  // Counts finished records (writer thread).
  void count(RecordRefs records);
  // One write transaction of `records` records that took `seconds` (writer thread).
  void count_batch(std::size_t records, double seconds);
  // A record refused because the queue was full (any thread).
  void count_dropped() { dropped_.fetch_add(1, std::memory_order_relaxed); }
  void count_write_error() { write_errors_.fetch_add(1, std::memory_order_relaxed); }
  // The records waiting for the writer, as last seen.
  void set_queue_depth(std::size_t depth) { queue_depth_.store(depth, std::memory_order_relaxed); }

  uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }
  uint64_t written() const { return written_.load(std::memory_order_relaxed); }
  std::string render() const;

 private:
  struct Totals {
    uint64_t calls = 0;
    int64_t input = 0, output = 0, cached = 0, cache_write = 0, reasoning = 0;
    double cost = 0;
    uint64_t unpriced = 0;
  };
  // model, provider, team, status
  using Labels = std::tuple<std::string, std::string, std::string, int>;
  using TimingLabels = std::tuple<std::string, std::string>;  // model, provider

  mutable std::mutex mutex_;
  std::map<Labels, Totals> totals_;
  std::map<TimingLabels, SecondsHistogram> ttft_, overhead_;
  SecondsHistogram write_seconds_;
  uint64_t batches_ = 0;
  std::atomic<uint64_t> written_{0}, dropped_{0}, write_errors_{0};
  std::atomic<std::size_t> queue_depth_{0};
};

}  // namespace sluice::telemetry
