#include "telemetry/recorder.h"

#include <sched.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <iterator>

#include "core/thread_name.h"
#include "store/sqlite/database.h"
#include "telemetry/otlp/otlp_exporter.h"
#include "telemetry/sqlite/record_schema.h"
#include "telemetry/sqlite/record_writer.h"
#include "telemetry/sqlite/retention.h"

namespace sluice::telemetry {

namespace {

using Clock = std::chrono::steady_clock;

// How often expired records are looked for, and how many one statement deletes (a bounded
// delete keeps each write lock short, so the writer's inserts never wait long behind it).
constexpr auto kExpiryPeriod = std::chrono::seconds(60);
constexpr int64_t kExpiryBatch = 2'000;
// A chunk that failed to write is tried again this many times before it is dropped.
constexpr int kWriteAttempts = 5;
// Records handed from the workers to the writer at a time (see recorder.h).
constexpr std::size_t kChunkRecords = 128;
// Emptied records kept for reuse: enough for a few chunks in flight at once. More come back
// only after a burst, and are freed.
constexpr std::size_t kMaxSpares = 8 * kChunkRecords;

int64_t unix_us_now() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Recorder::Recorder(const config::TelemetryConfig& config, const std::string& sqlite_path,
                   RecordFinish finish, CallMetrics& metrics)
    : config_(config), finish_(std::move(finish)), metrics_(metrics) {
  try {
    db_ = std::make_unique<store::sqlite::Database>(sqlite_path);
    sqlite::migrate(*db_);
    writer_ = std::make_unique<sqlite::RecordWriter>(*db_);
  } catch (const store::sqlite::SqliteError& e) {
    throw std::runtime_error(std::string("call records: ") + e.what());
  }
  if (!config_.otlp.endpoint.empty()) otlp_ = std::make_unique<otlp::OtlpExporter>(config_.otlp);
  queue_.reserve(chunk_size());
  thread_ = std::thread([this] {
    name_this_thread("sluice-records");
    run();
  });
}

Recorder::~Recorder() { stop(); }

std::size_t Recorder::chunk_size() const {
  return std::min<std::size_t>(kChunkRecords, std::max(1u, config_.batch_size));
}

void Recorder::take_spares(std::vector<RecordPtr>& into) {
  std::lock_guard lock(mutex_);
  const std::size_t n = std::min(spares_.size(), chunk_size());
  std::move(spares_.end() - static_cast<std::ptrdiff_t>(n), spares_.end(),
            std::back_inserter(into));
  spares_.resize(spares_.size() - n);
}

void Recorder::submit(RecordPtr record) {
  bool chunk_ready = false;
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= config_.queue_capacity) {
      metrics_.count_dropped();
      return;  // freed here: it was not handed over
    }
    queue_.push_back(std::move(record));
    chunk_ready = queue_.size() == chunk_size();
  }
  if (chunk_ready) wake_.notify_one();
}

void Recorder::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
  if (otlp_) otlp_->stop();
}

void Recorder::run() {
  std::vector<RecordPtr> chunk;
  chunk.reserve(chunk_size());
  recycled_.reserve(kMaxSpares);
  chunk_refs_.reserve(chunk_size());
  const auto interval = std::chrono::milliseconds(config_.flush_interval_ms);
  for (;;) {
    bool stopping = false;
    bool chunk_ready = false;        // woken by a chunk, not by the interval: the load is high
    std::vector<RecordPtr> surplus;  // spares beyond kMaxSpares, freed outside the lock
    {
      std::unique_lock lock(mutex_);
      for (auto& record : recycled_) {
        (spares_.size() < kMaxSpares ? spares_ : surplus).push_back(std::move(record));
      }
      recycled_.clear();
      // An open batch is committed at most flush_interval_ms after its first record.
      const auto until = batch_records_ > 0 ? batch_opened_ + interval : Clock::now() + interval;
      wake_.wait_until(lock, until, [&] { return stopping_ || queue_.size() >= chunk_size(); });
      stopping = stopping_;
      chunk_ready = queue_.size() >= chunk_size();
      chunk.swap(queue_);
    }
    surplus.clear();
    metrics_.set_queue_depth(chunk.size());
    // A backlog is written chunk by chunk, and no batch grows past batch_size. The writer
    // shares the cores with the workers: between chunks it gives the CPU back, so a worker that
    // is ready to run never waits behind more than one chunk (c64 p99 4.5 -> 3 ms when they
    // share one core, bench/telemetry.sh). A no-op when no other thread is waiting.
    for (std::size_t from = 0; from < chunk.size();) {
      if (from > 0) sched_yield();
      const std::size_t room = config_.batch_size - batch_records_;
      const std::size_t n = std::min({chunk.size() - from, chunk_size(), room});
      add_chunk(std::span<const RecordPtr>(chunk).subspan(from, n));
      recycle(std::span<RecordPtr>(chunk).subspan(from, n));
      from += n;
      if (batch_records_ >= config_.batch_size) commit_batch();
    }
    chunk.clear();
    metrics_.set_queue_depth(0);
    // Under light load the interval woke the writer: nothing more is coming soon to batch with.
    if (batch_records_ > 0 &&
        (stopping || !chunk_ready || Clock::now() >= batch_opened_ + interval)) {
      commit_batch();
    }
    if (stopping) {
      std::lock_guard lock(mutex_);
      if (queue_.empty()) break;
      continue;
    }
    if (batch_records_ == 0) expire_old_records();
  }
}

void Recorder::add_chunk(std::span<const RecordPtr> chunk) {
  chunk_refs_.clear();
  for (const auto& record : chunk) {
    try {
      if (finish_) finish_(*record);
    } catch (const std::exception& e) {
      spdlog::warn("call record {}: cannot finish it: {}", record->request_id, e.what());
    }
    chunk_refs_.push_back(record.get());
  }
  const RecordRefs records(chunk_refs_);
  metrics_.count(records);
  bool added = false;
  for (int attempt = 1; attempt <= kWriteAttempts && !added; ++attempt) {
    const auto started = Clock::now();
    try {
      if (!writer_->in_transaction()) {
        writer_->begin();
        batch_opened_ = started;
      }
      writer_->add(records);
      batch_write_time_ += Clock::now() - started;
      batch_records_ += chunk.size();
      added = true;
    } catch (const store::sqlite::SqliteError& e) {
      metrics_.count_write_error();
      spdlog::error("call records: writing {} record(s) failed (attempt {} of {}): {}",
                    chunk.size(), attempt, kWriteAttempts, e.what());
      abandon_batch();
      std::this_thread::sleep_for(std::chrono::milliseconds(100 * attempt));
    }
  }
  if (!added) {
    for (std::size_t i = 0; i < chunk.size(); ++i) metrics_.count_dropped();
    return;
  }
  if (otlp_) {
    std::vector<CallRecord> traced;  // the exporter's own: it sends them on its thread
    traced.reserve(chunk.size());
    for (const auto& record : chunk) traced.push_back(std::move(*record));
    otlp_->submit(std::move(traced));
  }
}

void Recorder::recycle(std::span<RecordPtr> chunk) {
  for (auto& record : chunk) {
    reset_for_reuse(*record);
    recycled_.push_back(std::move(record));
  }
}

void Recorder::commit_batch() {
  const auto started = Clock::now();
  try {
    writer_->commit();
    const std::chrono::duration<double> took = batch_write_time_ + (Clock::now() - started);
    metrics_.count_batch(batch_records_, took.count());
    batch_records_ = 0;
    batch_write_time_ = {};
  } catch (const store::sqlite::SqliteError& e) {
    metrics_.count_write_error();
    spdlog::error("call records: committing {} record(s) failed: {}", batch_records_, e.what());
    abandon_batch();
  }
}

void Recorder::abandon_batch() {
  writer_->rollback();
  if (batch_records_ > 0) {
    spdlog::error("call records: {} record(s) of the failed transaction are lost", batch_records_);
    for (std::size_t i = 0; i < batch_records_; ++i) metrics_.count_dropped();
  }
  batch_records_ = 0;
  batch_write_time_ = {};
}

void Recorder::expire_old_records() {
  if (config_.retention_days == 0 || Clock::now() < next_expiry_) return;
  next_expiry_ = Clock::now() + kExpiryPeriod;
  const int64_t cutoff = unix_us_now() - int64_t{config_.retention_days} * 86'400'000'000;
  try {
    int64_t deleted = 0;
    // Bounded batches, and never more than a few per round: new records are not held back.
    for (int round = 0; round < 10; ++round) {
      const int64_t n = sqlite::delete_records_before(*db_, cutoff, kExpiryBatch);
      deleted += n;
      if (n < kExpiryBatch) break;
    }
    if (deleted > 0) spdlog::info("call records: {} expired record(s) deleted", deleted);
  } catch (const store::sqlite::SqliteError& e) {
    spdlog::error("call records: retention failed: {}", e.what());
  }
}

}  // namespace sluice::telemetry
