#include "telemetry/prometheus_text.h"

#include <fmt/format.h>

#include <iterator>

namespace sluice::telemetry {

std::string prometheus_label(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

void SecondsHistogram::observe(double seconds) {
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++buckets[i];
  }
  ++count;
  sum += seconds;
}

void SecondsHistogram::merge(const SecondsHistogram& other) {
  for (std::size_t i = 0; i < buckets.size(); ++i) buckets[i] += other.buckets[i];
  count += other.count;
  sum += other.sum;
}

void SecondsHistogram::render(std::string& out, std::string_view name,
                              std::string_view labels) const {
  const std::string sep = labels.empty() ? "" : ",";
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    fmt::format_to(std::back_inserter(out), "{}_bucket{{{}{}le=\"{}\"}} {}\n", name, labels, sep,
                   kBuckets[i], buckets[i]);
  }
  fmt::format_to(std::back_inserter(out),
                 "{}_bucket{{{}{}le=\"+Inf\"}} {}\n{}_sum{{{}}} {}\n{}_count{{{}}} {}\n", name,
                 labels, sep, count, name, labels, sum, name, labels, count);
}

}  // namespace sluice::telemetry
