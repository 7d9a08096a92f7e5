#include "telemetry/metrics.h"

#include <fmt/format.h>

namespace sluice::telemetry {
namespace {

constexpr char kSep = '\x1f';

std::vector<std::string_view> split_key(std::string_view key) {
  std::vector<std::string_view> parts;
  while (true) {
    const auto pos = key.find(kSep);
    parts.push_back(key.substr(0, pos));
    if (pos == std::string_view::npos) break;
    key.remove_prefix(pos + 1);
  }
  return parts;
}

}  // namespace

Metrics::Metrics(unsigned shards) {
  for (unsigned i = 0; i < std::max(1u, shards); ++i) shards_.push_back(std::make_unique<Shard>());
}

void Metrics::record_request(unsigned shard, std::string_view model, std::string_view provider,
                             int status, double seconds) {
  Shard& s = *shards_[shard % shards_.size()];
  std::lock_guard lock(s.mutex);
  if (s.last_count == nullptr || status != s.last_status || model != s.last_model ||
      provider != s.last_provider) {
    std::string key;
    key.reserve(model.size() + provider.size() + 6);
    key.append(model).push_back(kSep);
    key.append(provider);
    s.last_latency = &s.latencies[key];
    key.push_back(kSep);
    key.append(std::to_string(status));
    s.last_count = &s.requests[key];
    s.last_model.assign(model);
    s.last_provider.assign(provider);
    s.last_status = status;
  }
  s.last_latency->observe(seconds);
  ++*s.last_count;
}

std::string Metrics::render() const {
  std::map<std::string, uint64_t, std::less<>> requests;
  std::map<std::string, Histogram, std::less<>> latencies;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    for (const auto& [key, count] : shard->requests) requests[key] += count;
    for (const auto& [key, h] : shard->latencies) latencies[key].merge(h);
  }
  std::string out;
  out += "# HELP sluice_requests_total Requests served, by model, provider and HTTP status.\n";
  out += "# TYPE sluice_requests_total counter\n";
  for (const auto& [key, count] : requests) {
    auto p = split_key(key);
    fmt::format_to(std::back_inserter(out),
                   "sluice_requests_total{{model=\"{}\",provider=\"{}\",status=\"{}\"}} {}\n",
                   prometheus_label(p[0]), prometheus_label(p[1]), p[2], count);
  }
  out += "# HELP sluice_request_duration_seconds Time from request received to response done.\n";
  out += "# TYPE sluice_request_duration_seconds histogram\n";
  for (const auto& [key, h] : latencies) {
    auto p = split_key(key);
    const std::string labels =
        fmt::format("model=\"{}\",provider=\"{}\"", prometheus_label(p[0]), prometheus_label(p[1]));
    h.render(out, "sluice_request_duration_seconds", labels);
  }
  out += "# HELP sluice_requests_in_flight Requests being served now.\n";
  out += "# TYPE sluice_requests_in_flight gauge\n";
  fmt::format_to(std::back_inserter(out), "sluice_requests_in_flight {}\n", in_flight_.load());
  return out;
}

}  // namespace sluice::telemetry
