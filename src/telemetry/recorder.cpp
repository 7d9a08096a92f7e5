#include "telemetry/recorder.h"

#include <spdlog/spdlog.h>

#include <chrono>

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
// A batch that failed to write is tried again this many times before it is dropped.
constexpr int kWriteAttempts = 5;

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
  queue_.reserve(config_.batch_size);
  thread_ = std::thread([this] {
    name_this_thread("sluice-records");
    run();
  });
}

Recorder::~Recorder() { stop(); }

void Recorder::submit(CallRecord&& record) {
  bool full_batch = false;
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= config_.queue_capacity) {
      metrics_.count_dropped();
      return;
    }
    queue_.push_back(std::move(record));
    full_batch = queue_.size() == config_.batch_size;
  }
  if (full_batch) wake_.notify_one();
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
  std::vector<CallRecord> batch;
  const auto interval = std::chrono::milliseconds(config_.flush_interval_ms);
  for (;;) {
    bool stopping = false;
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, interval,
                     [&] { return stopping_ || queue_.size() >= config_.batch_size; });
      stopping = stopping_;
      batch.swap(queue_);
      queue_.reserve(config_.batch_size);
    }
    metrics_.set_queue_depth(batch.size());
    // A backlog larger than one batch is written as several transactions of batch_size.
    for (std::size_t from = 0; from < batch.size(); from += config_.batch_size) {
      const std::size_t to = std::min(batch.size(), from + config_.batch_size);
      write_batch(std::span<CallRecord>(batch).subspan(from, to - from));
    }
    batch.clear();
    metrics_.set_queue_depth(0);
    if (stopping) {
      std::lock_guard lock(mutex_);
      if (queue_.empty()) break;
      continue;
    }
    expire_old_records();
  }
}

void Recorder::write_batch(std::span<CallRecord> batch) {
  for (auto& record : batch) {
    try {
      if (finish_) finish_(record);
    } catch (const std::exception& e) {
      spdlog::warn("call record {}: cannot finish it: {}", record.request_id, e.what());
    }
  }
  for (int attempt = 1; attempt <= kWriteAttempts; ++attempt) {
    const auto started = Clock::now();
    try {
      writer_->write(batch);
      const std::chrono::duration<double> took = Clock::now() - started;
      metrics_.count_batch(batch.size(), took.count());
      metrics_.count(batch);
      if (otlp_) {
        otlp_->submit(std::vector<CallRecord>(std::make_move_iterator(batch.begin()),
                                              std::make_move_iterator(batch.end())));
      }
      return;
    } catch (const store::sqlite::SqliteError& e) {
      metrics_.count_write_error();
      spdlog::error("call records: writing {} record(s) failed (attempt {} of {}): {}",
                    batch.size(), attempt, kWriteAttempts, e.what());
      std::this_thread::sleep_for(std::chrono::milliseconds(100 * attempt));
    }
  }
  for (std::size_t i = 0; i < batch.size(); ++i) metrics_.count_dropped();
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
