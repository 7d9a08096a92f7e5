// Recorder: takes finished call records off the hot path. Workers push into a bounded queue
// (one short lock, no I/O, no wake-up unless a batch is full); one writer thread finishes the
// records (usage estimates, cost), writes them in batched transactions with their rollups,
// deletes expired ones in bounded batches, and exports them when OTLP is on. stop() drains the
// queue before it returns, so a graceful shutdown loses nothing that was submitted.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "config/config.h"
#include "telemetry/call_metrics.h"
#include "telemetry/call_record.h"

namespace sluice::store::sqlite {
class Database;
}

namespace sluice::telemetry {

namespace sqlite {
class RecordWriter;
}
namespace otlp {
class OtlpExporter;
}

// Completes a record on the writer thread (estimated usage, cost, captured text).
using RecordFinish = std::function<void(CallRecord&)>;

class Recorder {
 public:
  // Opens (creating and migrating) the SQLite file and starts the writer thread. Throws
  // std::runtime_error with a readable reason when the store cannot be opened.
  Recorder(const config::TelemetryConfig& config, const std::string& sqlite_path,
           RecordFinish finish, CallMetrics& metrics);
  ~Recorder();

  // Queues a record; when the queue is full it is dropped and counted (never blocks).
  void submit(CallRecord&& record);
  // Writes everything queued, then stops the writer. Idempotent.
  void stop();

 private:
  void run();
  void write_batch(std::span<CallRecord> batch);
  void expire_old_records();

  const config::TelemetryConfig config_;
  RecordFinish finish_;
  CallMetrics& metrics_;
  std::unique_ptr<store::sqlite::Database> db_;
  std::unique_ptr<sqlite::RecordWriter> writer_;
  std::unique_ptr<otlp::OtlpExporter> otlp_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<CallRecord> queue_;
  bool stopping_ = false;
  std::thread thread_;
  std::chrono::steady_clock::time_point next_expiry_{};
};

}  // namespace sluice::telemetry
