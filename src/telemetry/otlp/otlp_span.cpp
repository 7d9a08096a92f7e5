#include "telemetry/otlp/otlp_span.h"

#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "core/json_writer.h"

namespace sluice::telemetry::otlp {
namespace {

// Span kind CLIENT and the status codes, as numbered in the OTLP protobuf.
constexpr int64_t kSpanKindClient = 3;
constexpr int64_t kStatusOk = 1;
constexpr int64_t kStatusError = 2;

void append_hex(std::string& out, std::span<const unsigned char> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (unsigned char byte : bytes) {
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 0xf]);
  }
}

bool is_hex_id(std::string_view text) {
  return text.size() == 32 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
         });
}

// An all-zero id is invalid in OTLP; a hash makes one practically impossible, but never send it.
void avoid_zero_id(std::span<unsigned char> bytes) {
  if (std::all_of(bytes.begin(), bytes.end(), [](unsigned char b) { return b == 0; }))
    bytes.back() = 1;
}

// Appends OTLP KeyValue objects ({"key":..,"value":{"<type>Value":..}}) to an open array.
class Attributes {
 public:
  explicit Attributes(JsonWriter& json) : json_(json) {}

  void text(std::string_view key, std::string_view value) {
    open(key, "stringValue").string(value);
    close();
  }
  // Unknown values (empty strings) are left out rather than sent as "".
  void text_if(std::string_view key, std::string_view value) {
    if (!value.empty()) text(key, value);
  }
  // The JSON mapping writes 64-bit integers as decimal strings.
  void integer(std::string_view key, int64_t value) {
    open(key, "intValue").string(std::to_string(value));
    close();
  }
  void real(std::string_view key, double value) {
    if (!std::isfinite(value)) return;  // JSON cannot carry it
    open(key, "doubleValue").number(value);
    close();
  }
  void flag(std::string_view key, bool value) {
    open(key, "boolValue").boolean(value);
    close();
  }
  void texts(std::string_view key, const std::vector<std::string>& values) {
    open(key, "arrayValue").begin_object().key("values").begin_array();
    for (const std::string& value : values)
      json_.begin_object().field("stringValue", value).end_object();
    json_.end_array().end_object();
    close();
  }

 private:
  JsonWriter& open(std::string_view key, std::string_view type) {
    return json_.begin_object().field("key", key).key("value").begin_object().key(type);
  }
  void close() { json_.end_object().end_object(); }

  JsonWriter& json_;
};

// The GenAI semantic-convention attributes. server.address is left out: the record keeps the
// provider's name, not the host it was reached at.
void write_genai_attributes(Attributes& out, const CallRecord& record) {
  out.text("gen_ai.operation.name", genai_operation(record.endpoint));
  if (!record.provider_type.empty()) {
    // Both names: gen_ai.system is what backends built on older conventions still read.
    const std::string_view provider = genai_provider_name(record.provider_type);
    out.text("gen_ai.provider.name", provider);
    out.text("gen_ai.system", provider);
  }
  out.text_if("gen_ai.request.model", record.requested_model);
  out.text_if("gen_ai.response.model", record.upstream_model);
  if (record.usage.present || record.usage_estimated) {
    out.integer("gen_ai.usage.input_tokens", record.usage.prompt_tokens);
    out.integer("gen_ai.usage.output_tokens", record.usage.completion_tokens);
  }
  out.text_if("error.type", record.error_class);
  if (record.status != 0) out.integer("http.response.status_code", record.status);
}

// The gateway's own attributes. key_id is the key's id, never the key.
void write_sluice_attributes(Attributes& out, const CallRecord& record) {
  out.text("sluice.request_id", record.request_id);
  out.text_if("sluice.deployment", record.deployment);
  out.integer("sluice.attempts", static_cast<int64_t>(attempt_count(record)));
  if (record.cost_usd) out.real("sluice.cost_usd", *record.cost_usd);
  out.flag("sluice.usage_estimated", record.usage_estimated);
  out.flag("sluice.streamed", record.streamed);
  if (record.ttft_us > 0) out.real("sluice.ttft_ms", static_cast<double>(record.ttft_us) / 1000);
  out.real("sluice.gateway_overhead_ms", static_cast<double>(record.overhead_us) / 1000);
  out.text_if("sluice.team", record.team);
  out.text_if("sluice.user", record.user);
  out.text_if("sluice.key_id", record.key_id);
  if (!record.tags.empty()) out.texts("sluice.tags", record.tags);
}

std::string unix_nanos(int64_t micros) {
  return std::to_string(std::max<int64_t>(micros, 0) * 1000);
}

void write_span(JsonWriter& json, const CallRecord& record) {
  const SpanIds ids = span_ids_for(record.request_id);
  std::string name(genai_operation(record.endpoint));
  if (!record.requested_model.empty()) name.append(" ").append(record.requested_model);
  json.begin_object()
      .field("traceId", ids.trace_id)
      .field("spanId", ids.span_id)
      .field("name", name)
      .field("kind", kSpanKindClient)
      .field("startTimeUnixNano", unix_nanos(record.received_us))
      .field("endTimeUnixNano", unix_nanos(std::max(record.finished_us, record.received_us)));
  json.key("attributes").begin_array();
  Attributes attributes(json);
  write_genai_attributes(attributes, record);
  write_sluice_attributes(attributes, record);
  json.end_array();
  json.key("status").begin_object();
  if (record.error_class.empty()) {
    json.field("code", kStatusOk);
  } else {
    json.field("code", kStatusError);
    json.field("message", record.error_message.empty() ? record.error_class : record.error_message);
  }
  json.end_object().end_object();
}

}  // namespace

SpanIds span_ids_for(std::string_view request_id) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(request_id.data()), request_id.size(),
         digest.data());
  const std::span<unsigned char> trace(digest.data(), 16);
  const std::span<unsigned char> span_bytes(digest.data() + 16, 8);
  avoid_zero_id(trace);
  avoid_zero_id(span_bytes);
  SpanIds ids;
  const bool given =
      is_hex_id(request_id) && request_id.find_first_not_of('0') != std::string_view::npos;
  if (given) {
    ids.trace_id.reserve(32);
    for (char c : request_id) ids.trace_id.push_back(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
  } else {
    append_hex(ids.trace_id, trace);
  }
  append_hex(ids.span_id, span_bytes);
  return ids;
}

std::string_view genai_provider_name(std::string_view provider_type) {
  static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
      {"gemini", "gcp.gemini"},
      {"vertex", "gcp.vertex_ai"},
      {"bedrock", "aws.bedrock"},
      {"azure", "azure.ai.openai"},
      {"xai", "x_ai"},
      {"mistral", "mistral_ai"},
  };
  for (const auto& [type, name] : kNames) {
    if (type == provider_type) return name;
  }
  return provider_type;  // openai, anthropic, deepseek, groq, ... already match the convention
}

std::string_view genai_operation(std::string_view endpoint) {
  return endpoint.ends_with("/embeddings") ? "embeddings" : "chat";
}

std::string otlp_traces_json(std::span<const CallRecord> records, std::string_view service_name) {
  std::string out;
  out.reserve(256 + records.size() * 1'200);
  JsonWriter json(out);
  json.begin_object().key("resourceSpans").begin_array().begin_object();
  json.key("resource").begin_object().key("attributes").begin_array();
  Attributes(json).text("service.name", service_name);
  json.end_array().end_object();
  json.key("scopeSpans").begin_array().begin_object();
  json.key("scope").begin_object().field("name", "sluice").field("version", SLUICE_VERSION);
  json.end_object();
  json.key("spans").begin_array();
  for (const CallRecord& record : records) write_span(json, record);
  json.end_array();
  json.end_object().end_array();  // scopeSpans
  json.end_object().end_array();  // resourceSpans
  json.end_object();
  return out;
}

}  // namespace sluice::telemetry::otlp
