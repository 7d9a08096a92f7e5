// Recorder: takes finished call records off the hot path. Workers push into a bounded queue
// (one short lock, no I/O, no wake-up unless a chunk is ready); one writer thread takes the
// records in small chunks, finishes them (usage estimates, cost) and adds them with their
// rollups to a transaction it commits per batch (batch_size records or flush_interval_ms),
// deletes expired records in bounded batches, and exports them when OTLP is on. stop() drains
// the queue and commits before it returns, so a graceful shutdown loses nothing submitted.
//
// Why chunks inside a batch: a record is ~1 KB, and a batch of 1,000 handed over at once is
// more than the core's L2 cache; the worker then writes each record to cold memory and the
// writer reads it back from further out, evicting the worker's own (socket) state on the way.
// Handed over 128 at a time, the queue's memory stays in cache, while each commit still writes
// a whole batch.
//
// Records go by pointer, and come back: the writer empties each written record and keeps it as
// a spare, and a worker takes a chunk of spares when its own stock runs out. A record is never
// moved (a ~1 KB move per call, and the moved-from record freed on the writer thread, cost 1.3 %
// of throughput at c64 on one core, bench/telemetry.sh's set-up), and its memory is written
// again soon after the same core last touched it.
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

  // Moves up to one chunk of emptied records, recycled by the writer, into `into` (a worker's
  // own stock). Records come back only from the writer; a worker allocates when none are spare.
  void take_spares(std::vector<RecordPtr>& into);
  // Queues a record; when the queue is full it is dropped and counted (never blocks).
  void submit(RecordPtr record);
  // Writes everything queued, then stops the writer. Idempotent.
  void stop();

 private:
  std::size_t chunk_size() const;
  void run();
  // Finishes a chunk and adds it to the open batch (opening one if none is).
  void add_chunk(std::span<const RecordPtr> chunk);
  // Empties a written chunk's records into recycled_, to go back to the workers.
  void recycle(std::span<RecordPtr> chunk);
  void commit_batch();
  // A failed write leaves the batch's transaction rolled back: its records are counted dropped.
  void abandon_batch();
  void expire_old_records();

  const config::TelemetryConfig config_;
  RecordFinish finish_;
  CallMetrics& metrics_;
  std::unique_ptr<store::sqlite::Database> db_;
  std::unique_ptr<sqlite::RecordWriter> writer_;
  std::unique_ptr<otlp::OtlpExporter> otlp_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<RecordPtr> queue_;
  std::vector<RecordPtr> spares_;  // emptied records for the workers
  bool stopping_ = false;
  std::thread thread_;
  std::chrono::steady_clock::time_point next_expiry_{};

  std::vector<RecordPtr> recycled_;            // writer thread: emptied, not yet in spares_
  std::vector<const CallRecord*> chunk_refs_;  // writer thread: the chunk being added

  // The batch being filled (writer thread only): records added, since when, time spent.
  std::size_t batch_records_ = 0;
  std::chrono::steady_clock::time_point batch_opened_{};
  std::chrono::steady_clock::duration batch_write_time_{};
};

}  // namespace sluice::telemetry
