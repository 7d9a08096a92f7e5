// OTLP spans for call records: the ExportTraceServiceRequest body (protobuf-JSON mapping) that
// the exporter posts to a collector's /v1/traces, one CLIENT span per gateway call, named with
// the OpenTelemetry GenAI semantic conventions so GenAI-aware backends chart it without setup.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "telemetry/call_record.h"

namespace sluice::telemetry::otlp {

// A span's ids as lowercase hex: trace_id 32 digits, span_id 16.
struct SpanIds {
  std::string trace_id;
  std::string span_id;
};

// Deterministic, not random: a record exported twice (a retried post) keeps its ids, so the
// collector sees one span, and a request id can be looked up as a trace. A request id that is
// already 32 hex digits (a W3C trace id the caller sent) is the trace id itself; otherwise the
// ids are the first 16 and next 8 bytes of SHA-256(request id).
SpanIds span_ids_for(std::string_view request_id);

// The gen_ai.provider.name value for a configured provider type ("vertex" -> "gcp.vertex_ai");
// types the convention does not name are passed through.
std::string_view genai_provider_name(std::string_view provider_type);

// The gen_ai.operation.name for a gateway endpoint: "embeddings" or "chat".
std::string_view genai_operation(std::string_view endpoint);

// The whole request body for a batch, under one resource (service.name) and the "sluice" scope.
// Prompt and completion text are never exported, even when captured: a trace backend is not
// the place for them (they stay in the record store, behind its retention and access control).
std::string otlp_traces_json(std::span<const CallRecord> records, std::string_view service_name);

}  // namespace sluice::telemetry::otlp
