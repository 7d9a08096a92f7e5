// OtlpExporter: ships call records to an OpenTelemetry collector as OTLP/HTTP (JSON) spans from
// its own thread, so a slow or absent collector costs a call nothing but a queue push.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "config/config.h"
#include "telemetry/call_record.h"

namespace sluice::telemetry::otlp {

class OtlpClient;

// One background thread posting queued batches to {endpoint}/v1/traces, one post per batch.
// The counters count records (spans), not batches. An empty or invalid endpoint leaves it off:
// no thread, and every submitted record counts as dropped.
class OtlpExporter {
 public:
  // Batches waiting beyond this are dropped: memory stays bounded while the collector is away.
  static constexpr std::size_t kMaxQueuedBatches = 64;

  explicit OtlpExporter(const config::OtlpConfig& config);
  // Stops (flushing the queue) if stop() was not called.
  ~OtlpExporter();
  OtlpExporter(const OtlpExporter&) = delete;
  OtlpExporter& operator=(const OtlpExporter&) = delete;

  // Queues a batch without ever waiting on the network; drops it when the queue is full or the
  // exporter is stopped or off.
  void submit(std::vector<CallRecord> batch);
  // Posts what is queued, then joins the thread. Each post is bounded by timeout_ms, and the
  // first failure after stop() abandons the rest (counted as failed), so a collector that is
  // down cannot hold up shutdown for more than about one timeout. Owner's thread only.
  void stop();

  // False when the endpoint is empty or was rejected.
  bool enabled() const { return client_ != nullptr; }
  // Records the collector accepted (2xx).
  uint64_t exported() const { return exported_.load(std::memory_order_relaxed); }
  // Records whose post failed (connection error, timeout or non-2xx).
  uint64_t failed() const { return failed_.load(std::memory_order_relaxed); }
  // Records never posted (queue full, stopped, or exporter off).
  uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }

 private:
  void run();
  bool send(const std::vector<CallRecord>& batch);
  bool abandon_if_stopping();
  void warn_throttled(const std::string& error);

  const std::string service_name_;
  std::unique_ptr<OtlpClient> client_;  // used by the thread only

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::vector<CallRecord>> queue_;  // guarded by mutex_
  bool stopping_ = false;                      // guarded by mutex_

  std::atomic<uint64_t> exported_{0};
  std::atomic<uint64_t> failed_{0};
  std::atomic<uint64_t> dropped_{0};

  // Failure logging, at most once per minute (the thread's own state).
  std::optional<std::chrono::steady_clock::time_point> last_warning_;
  uint64_t unlogged_failures_ = 0;

  std::thread thread_;  // last: started once everything above exists
};

}  // namespace sluice::telemetry::otlp
