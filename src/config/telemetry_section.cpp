#include "config/telemetry_section.h"

#include <variant>

#include "config/provider_section.h"
#include "config/upstream_url.h"

namespace sluice::config {

namespace {

OtlpConfig read_otlp(const YamlReader& reader, const Located& section) {
  OtlpConfig out;
  for (const Located& entry :
       reader.entries(section, {"endpoint", "headers", "service_name", "timeout_ms"})) {
    if (entry.key == "endpoint") {
      out.endpoint = reader.non_empty(entry);
      if (auto parsed = parse_upstream_url(out.endpoint);
          std::holds_alternative<UrlError>(parsed)) {
        reader.fail(entry, std::get<UrlError>(parsed).message);
      }
    } else if (entry.key == "headers") {
      out.headers = read_headers(reader, entry);
    } else if (entry.key == "service_name") {
      out.service_name = reader.non_empty(entry);
    } else if (entry.key == "timeout_ms") {
      out.timeout_ms = reader.number<unsigned>(entry, 1, 600'000);
    }
  }
  return out;
}

}  // namespace

TelemetryConfig read_telemetry(const YamlReader& reader, const Located& section) {
  TelemetryConfig out;
  for (const Located& entry :
       reader.entries(section, {"enabled", "queue_capacity", "batch_size", "flush_interval_ms",
                                "retention_days", "capture", "capture_max_bytes", "prices_file",
                                "tokenizer_dir", "otlp"})) {
    if (entry.key == "enabled") {
      out.enabled = reader.boolean(entry);
    } else if (entry.key == "queue_capacity") {
      out.queue_capacity = reader.number<std::size_t>(entry, 1, 10'000'000);
    } else if (entry.key == "batch_size") {
      out.batch_size = reader.number<unsigned>(entry, 1, 100'000);
    } else if (entry.key == "flush_interval_ms") {
      out.flush_interval_ms = reader.number<unsigned>(entry, 1, 60'000);
    } else if (entry.key == "retention_days") {
      out.retention_days = reader.number<unsigned>(entry, 0, 36'500);
    } else if (entry.key == "capture") {
      out.capture = reader.boolean(entry);
    } else if (entry.key == "capture_max_bytes") {
      out.capture_max_bytes = reader.number<std::size_t>(entry, 1, 16 * 1024 * 1024);
    } else if (entry.key == "prices_file") {
      out.prices_file = reader.non_empty(entry);
    } else if (entry.key == "tokenizer_dir") {
      out.tokenizer_dir = reader.non_empty(entry);
    } else if (entry.key == "otlp") {
      out.otlp = read_otlp(reader, entry);
    }
  }
  return out;
}

}  // namespace sluice::config
