#include "telemetry/otlp/otlp_exporter.h"

#include <spdlog/spdlog.h>

#include <exception>
#include <variant>

#include "config/upstream_url.h"
#include "core/thread_name.h"
#include "telemetry/otlp/otlp_client.h"
#include "telemetry/otlp/otlp_span.h"

namespace sluice::telemetry::otlp {
namespace {
// A collector that is down fails every post; one line a minute says so without flooding.
constexpr auto kWarningInterval = std::chrono::minutes(1);
}  // namespace

OtlpExporter::OtlpExporter(const config::OtlpConfig& config) : service_name_(config.service_name) {
  if (config.endpoint.empty()) return;
  auto parsed = config::parse_upstream_url(config.endpoint);
  if (const auto* error = std::get_if<config::UrlError>(&parsed)) {
    spdlog::error("otlp: endpoint rejected ({}); spans will not be exported", error->message);
    return;
  }
  try {
    client_ = std::make_unique<OtlpClient>(std::get<config::UpstreamUrl>(parsed), config.headers,
                                           config.timeout_ms);
  } catch (const std::exception& e) {
    spdlog::error("otlp: cannot set up the exporter ({}); spans will not be exported", e.what());
    return;
  }
  thread_ = std::thread([this] {
    name_this_thread("sluice-otlp");
    run();
  });
}

OtlpExporter::~OtlpExporter() { stop(); }

void OtlpExporter::submit(std::vector<CallRecord> batch) {
  if (batch.empty()) return;
  const std::size_t size = batch.size();
  bool queued = false;
  {
    std::lock_guard lock(mutex_);
    if (client_ && !stopping_ && queue_.size() < kMaxQueuedBatches) {
      queue_.push_back(std::move(batch));
      queued = true;
    }
  }
  if (queued) {
    wake_.notify_one();
  } else {
    dropped_.fetch_add(size, std::memory_order_relaxed);
  }
}

void OtlpExporter::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void OtlpExporter::run() {
  for (;;) {
    std::vector<CallRecord> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything was posted
      batch = std::move(queue_.front());
      queue_.pop_front();
    }
    if (!send(batch) && abandon_if_stopping()) return;
  }
}

bool OtlpExporter::send(const std::vector<CallRecord>& batch) {
  std::optional<std::string> error;
  try {
    error = client_->post(otlp_traces_json(batch, service_name_));
  } catch (const std::exception& e) {
    error = e.what();
  }
  if (!error) {
    exported_.fetch_add(batch.size(), std::memory_order_relaxed);
    return true;
  }
  failed_.fetch_add(batch.size(), std::memory_order_relaxed);
  warn_throttled(*error);
  return false;
}

bool OtlpExporter::abandon_if_stopping() {
  std::lock_guard lock(mutex_);
  if (!stopping_) return false;
  for (const auto& batch : queue_) failed_.fetch_add(batch.size(), std::memory_order_relaxed);
  queue_.clear();
  return true;
}

void OtlpExporter::warn_throttled(const std::string& error) {
  const auto now = std::chrono::steady_clock::now();
  if (last_warning_ && now - *last_warning_ < kWarningInterval) {
    ++unlogged_failures_;
    return;
  }
  // The error text never holds header values: the client does not put them in any message.
  if (unlogged_failures_ == 0) {
    spdlog::warn("otlp: exporting spans failed: {}", error);
  } else {
    spdlog::warn("otlp: exporting spans failed: {} ({} more failure(s) since the last warning)",
                 error, unlogged_failures_);
  }
  last_warning_ = now;
  unlogged_failures_ = 0;
}

}  // namespace sluice::telemetry::otlp
