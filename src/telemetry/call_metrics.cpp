#include "telemetry/call_metrics.h"

#include <fmt/format.h>

#include <iterator>

namespace sluice::telemetry {

void CallMetrics::count(RecordRefs records) {
  std::lock_guard lock(mutex_);
  // Records in a batch mostly share their labels: the previous record's series are reused when
  // its labels match, instead of building the label strings and searching the maps for each.
  const CallRecord* previous = nullptr;
  Totals* t = nullptr;
  SecondsHistogram* ttft = nullptr;
  SecondsHistogram* overhead = nullptr;
  for (const CallRecord* record : records) {
    const CallRecord& r = *record;
    const bool same_series = previous != nullptr &&
                             previous->requested_model == r.requested_model &&
                             previous->provider == r.provider;
    if (!same_series) ttft = overhead = nullptr;
    if (!same_series || previous->team != r.team || previous->status != r.status) {
      t = &totals_[Labels{r.requested_model, r.provider, r.team, r.status}];
    }
    previous = &r;
    ++t->calls;
    t->input += r.usage.prompt_tokens;
    t->output += r.usage.completion_tokens;
    t->cached += r.usage.cached_tokens;
    t->cache_write += r.usage.cache_write_tokens;
    t->reasoning += r.usage.reasoning_tokens;
    if (r.cost_usd) {
      t->cost += *r.cost_usd;
    } else {
      ++t->unpriced;
    }
    if (r.status == 200) {
      if (ttft == nullptr) {
        const TimingLabels timing{r.requested_model, r.provider};
        ttft = &ttft_[timing];
        overhead = &overhead_[timing];
      }
      ttft->observe(static_cast<double>(r.ttft_us) / 1e6);
      overhead->observe(static_cast<double>(r.overhead_us) / 1e6);
    }
  }
}

void CallMetrics::count_batch(std::size_t records, double seconds) {
  written_.fetch_add(records, std::memory_order_relaxed);
  std::lock_guard lock(mutex_);
  ++batches_;
  write_seconds_.observe(seconds);
}

std::string CallMetrics::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  auto put = [&out](std::string_view format, const auto&... args) {
    fmt::format_to(std::back_inserter(out), fmt::runtime(format), args...);
  };
  out +=
      "# HELP sluice_calls_total Recorded calls, by model, provider, team and status.\n"
      "# TYPE sluice_calls_total counter\n"
      "# HELP sluice_tokens_total Tokens of recorded calls, by model, provider, team and type.\n"
      "# TYPE sluice_tokens_total counter\n"
      "# HELP sluice_cost_usd_total Cost of recorded calls with a known price, in USD.\n"
      "# TYPE sluice_cost_usd_total counter\n"
      "# HELP sluice_unpriced_calls_total Recorded calls whose price is unknown.\n"
      "# TYPE sluice_unpriced_calls_total counter\n";
  for (const auto& [labels, t] : totals_) {
    const auto& [model, provider, team, status] = labels;
    const std::string base =
        fmt::format("model=\"{}\",provider=\"{}\",team=\"{}\"", prometheus_label(model),
                    prometheus_label(provider), prometheus_label(team));
    put("sluice_calls_total{{{},status=\"{}\"}} {}\n", base, status, t.calls);
    const std::pair<const char*, int64_t> tokens[] = {{"input", t.input},
                                                      {"output", t.output},
                                                      {"cached_input", t.cached},
                                                      {"cache_write", t.cache_write},
                                                      {"reasoning", t.reasoning}};
    for (const auto& [type, value] : tokens) {
      if (value != 0) put("sluice_tokens_total{{{},type=\"{}\"}} {}\n", base, type, value);
    }
    put("sluice_cost_usd_total{{{}}} {}\n", base, t.cost);
    if (t.unpriced != 0) put("sluice_unpriced_calls_total{{{}}} {}\n", base, t.unpriced);
  }
  const std::pair<const char*, const std::map<TimingLabels, SecondsHistogram>*> timings[] = {
      {"sluice_time_to_first_token_seconds", &ttft_},
      {"sluice_gateway_overhead_seconds", &overhead_}};
  for (const auto& [name, histograms] : timings) {
    put("# TYPE {} histogram\n", name);
    for (const auto& [labels, h] : *histograms) {
      h.render(out, name,
               fmt::format("model=\"{}\",provider=\"{}\"", prometheus_label(std::get<0>(labels)),
                           prometheus_label(std::get<1>(labels))));
    }
  }
  put("# TYPE sluice_telemetry_queue_depth gauge\nsluice_telemetry_queue_depth {}\n",
      queue_depth_.load());
  put("# TYPE sluice_telemetry_records_written_total counter\n"
      "sluice_telemetry_records_written_total {}\n",
      written_.load());
  put("# TYPE sluice_telemetry_records_dropped_total counter\n"
      "sluice_telemetry_records_dropped_total {}\n",
      dropped_.load());
  put("# TYPE sluice_telemetry_write_errors_total counter\n"
      "sluice_telemetry_write_errors_total {}\n",
      write_errors_.load());
  put("# TYPE sluice_telemetry_batches_total counter\nsluice_telemetry_batches_total {}\n",
      batches_);
  out += "# TYPE sluice_telemetry_write_seconds histogram\n";
  write_seconds_.render(out, "sluice_telemetry_write_seconds", "");
  return out;
}

}  // namespace sluice::telemetry
