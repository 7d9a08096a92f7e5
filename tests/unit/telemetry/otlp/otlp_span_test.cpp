#include "telemetry/otlp/otlp_span.h"

#include <gtest/gtest.h>

#include <simdjson.h>
#include <optional>
#include <string>
#include <vector>

namespace sluice::telemetry::otlp {
namespace {

using simdjson::dom::element;

CallRecord success_record() {
  CallRecord record;
  record.request_id = "req_0123456789abcdef01234567";
  record.received_us = 1'700'000'000'000'000;
  record.finished_us = 1'700'000'000'250'000;
  record.endpoint = "/v1/chat/completions";
  record.key_id = "key_42";
  record.user = "alice";
  record.team = "search";
  record.requested_model = "gpt-4o";
  record.provider = "openai-main";
  record.deployment = "openai-main/gpt-4o-2024-08-06";
  record.upstream_model = "gpt-4o-2024-08-06";
  record.provider_type = "openai";
  record.attempts.push_back({"openai-main", record.deployment, record.upstream_model, "ok", 240});
  record.status = 200;
  record.streamed = true;
  record.usage.present = true;
  record.usage.prompt_tokens = 12;
  record.usage.completion_tokens = 34;
  record.cost_usd = 0.0123;
  record.ttft_us = 150'500;
  record.overhead_us = 2'250;
  record.prompt = "captured prompt text";
  record.completion = "captured completion text";
  return record;
}

CallRecord error_record() {
  CallRecord record;
  record.request_id = "req_error";
  record.received_us = 1'000;
  record.finished_us = 3'000;
  record.endpoint = "/v1/messages";
  record.requested_model = "gemini-pro";
  record.provider_type = "vertex";
  record.status = 429;
  record.error_class = "rate_limited";
  record.error_message = "quota \"exceeded\"";
  record.attempts.resize(3);
  return record;
}

// One parsed export and the span at `index` in it.
struct Export {
  explicit Export(const std::vector<CallRecord>& records, std::string_view service = "svc")
      : json(otlp_traces_json(records, service)), root(parser.parse(json).value()) {}
  element span(std::size_t index) {
    return root.at_pointer("/resourceSpans/0/scopeSpans/0/spans").at(index).value();
  }

  std::string json;
  simdjson::dom::parser parser;
  element root;
};

std::optional<element> attribute(element span, std::string_view key) {
  for (element pair : span["attributes"].get_array()) {
    if (std::string_view(pair["key"].get_string()) == key) return pair["value"].value();
  }
  return std::nullopt;
}

std::string text(element span, std::string_view key) {
  auto value = attribute(span, key);
  return value ? std::string(std::string_view((*value)["stringValue"].get_string())) : "<absent>";
}

std::string integer(element span, std::string_view key) {
  auto value = attribute(span, key);
  return value ? std::string(std::string_view((*value)["intValue"].get_string())) : "<absent>";
}

TEST(OtlpSpan, ResourceScopeAndSpanShape) {
  Export out({success_record()}, "gateway-eu");
  EXPECT_EQ(std::string_view(
                out.root.at_pointer("/resourceSpans/0/resource/attributes/0/key").get_string()),
            "service.name");
  EXPECT_EQ(std::string_view(out.root
                                 .at_pointer("/resourceSpans/0/resource/attributes/0/value/"
                                             "stringValue")
                                 .get_string()),
            "gateway-eu");
  EXPECT_EQ(std::string_view(
                out.root.at_pointer("/resourceSpans/0/scopeSpans/0/scope/name").get_string()),
            "sluice");
  EXPECT_EQ(out.root.at_pointer("/resourceSpans/0/scopeSpans/0/spans").get_array().size(), 1u);

  element span = out.span(0);
  EXPECT_EQ(std::string_view(span["name"].get_string()), "chat gpt-4o");
  EXPECT_EQ(int64_t(span["kind"].get_int64()), 3);
  EXPECT_EQ(std::string_view(span["traceId"].get_string()).size(), 32u);
  EXPECT_EQ(std::string_view(span["spanId"].get_string()).size(), 16u);
  EXPECT_EQ(std::string_view(span["startTimeUnixNano"].get_string()), "1700000000000000000");
  EXPECT_EQ(std::string_view(span["endTimeUnixNano"].get_string()), "1700000000250000000");
  EXPECT_EQ(int64_t(span.at_pointer("/status/code").get_int64()), 1);
  EXPECT_TRUE(span.at_pointer("/status/message").error());
}

TEST(OtlpSpan, SuccessAttributes) {
  Export out({success_record()});
  element span = out.span(0);
  EXPECT_EQ(text(span, "gen_ai.operation.name"), "chat");
  EXPECT_EQ(text(span, "gen_ai.provider.name"), "openai");
  EXPECT_EQ(text(span, "gen_ai.system"), "openai");
  EXPECT_EQ(text(span, "gen_ai.request.model"), "gpt-4o");
  EXPECT_EQ(text(span, "gen_ai.response.model"), "gpt-4o-2024-08-06");
  EXPECT_EQ(integer(span, "gen_ai.usage.input_tokens"), "12");
  EXPECT_EQ(integer(span, "gen_ai.usage.output_tokens"), "34");
  EXPECT_EQ(integer(span, "http.response.status_code"), "200");
  EXPECT_EQ(text(span, "sluice.request_id"), "req_0123456789abcdef01234567");
  EXPECT_EQ(text(span, "sluice.deployment"), "openai-main/gpt-4o-2024-08-06");
  EXPECT_EQ(integer(span, "sluice.attempts"), "1");
  EXPECT_DOUBLE_EQ(double((*attribute(span, "sluice.cost_usd"))["doubleValue"].get_double()),
                   0.0123);
  EXPECT_FALSE(bool((*attribute(span, "sluice.usage_estimated"))["boolValue"].get_bool()));
  EXPECT_TRUE(bool((*attribute(span, "sluice.streamed"))["boolValue"].get_bool()));
  EXPECT_DOUBLE_EQ(double((*attribute(span, "sluice.ttft_ms"))["doubleValue"].get_double()), 150.5);
  EXPECT_DOUBLE_EQ(
      double((*attribute(span, "sluice.gateway_overhead_ms"))["doubleValue"].get_double()), 2.25);
  EXPECT_EQ(text(span, "sluice.team"), "search");
  EXPECT_EQ(text(span, "sluice.user"), "alice");
  EXPECT_EQ(text(span, "sluice.key_id"), "key_42");
  EXPECT_FALSE(attribute(span, "error.type"));
  EXPECT_FALSE(attribute(span, "sluice.tags"));
  EXPECT_FALSE(attribute(span, "server.address"));
}

TEST(OtlpSpan, CapturedTextIsNeverExported) {
  Export out({success_record()});
  EXPECT_FALSE(attribute(out.span(0), "gen_ai.prompt"));
  EXPECT_FALSE(attribute(out.span(0), "gen_ai.completion"));
  EXPECT_EQ(out.json.find("captured"), std::string::npos);
}

TEST(OtlpSpan, ErrorRecord) {
  Export out({error_record()});
  element span = out.span(0);
  EXPECT_EQ(std::string_view(span["name"].get_string()), "chat gemini-pro");
  EXPECT_EQ(int64_t(span.at_pointer("/status/code").get_int64()), 2);
  EXPECT_EQ(std::string_view(span.at_pointer("/status/message").get_string()),
            "quota \"exceeded\"");
  EXPECT_EQ(text(span, "error.type"), "rate_limited");
  EXPECT_EQ(text(span, "gen_ai.provider.name"), "gcp.vertex_ai");
  EXPECT_EQ(integer(span, "http.response.status_code"), "429");
  EXPECT_EQ(integer(span, "sluice.attempts"), "3");
  EXPECT_FALSE(attribute(span, "gen_ai.response.model"));  // nothing answered
  EXPECT_FALSE(attribute(span, "gen_ai.usage.input_tokens"));
  EXPECT_FALSE(attribute(span, "sluice.ttft_ms"));
}

TEST(OtlpSpan, ErrorWithoutMessageUsesTheClass) {
  CallRecord record = error_record();
  record.error_message.clear();
  Export out({record});
  EXPECT_EQ(std::string_view(out.span(0).at_pointer("/status/message").get_string()),
            "rate_limited");
}

TEST(OtlpSpan, TagsAreAStringArray) {
  CallRecord record = success_record();
  record.tags = {"team-a", "batch", "with \"quotes\""};
  Export out({record});
  auto tags = attribute(out.span(0), "sluice.tags");
  ASSERT_TRUE(tags);
  simdjson::dom::array values = (*tags).at_pointer("/arrayValue/values").get_array();
  std::vector<std::string> got;
  for (element value : values) got.emplace_back(std::string_view(value["stringValue"]));
  EXPECT_EQ(got, record.tags);
}

TEST(OtlpSpan, CostOmittedWhenUnknown) {
  CallRecord record = success_record();
  record.cost_usd.reset();
  Export out({record});
  EXPECT_FALSE(attribute(out.span(0), "sluice.cost_usd"));
}

TEST(OtlpSpan, EmbeddingsOperation) {
  CallRecord record = success_record();
  record.endpoint = "/v1/embeddings";
  record.requested_model = "text-embedding-3-small";
  Export out({record});
  EXPECT_EQ(std::string_view(out.span(0)["name"].get_string()),
            "embeddings text-embedding-3-small");
  EXPECT_EQ(text(out.span(0), "gen_ai.operation.name"), "embeddings");
}

TEST(OtlpSpan, OneSpanPerRecordInOrder) {
  Export out({success_record(), error_record(), success_record()});
  EXPECT_EQ(out.root.at_pointer("/resourceSpans/0/scopeSpans/0/spans").get_array().size(), 3u);
  EXPECT_EQ(text(out.span(1), "sluice.request_id"), "req_error");
  Export none({});
  EXPECT_EQ(none.root.at_pointer("/resourceSpans/0/scopeSpans/0/spans").get_array().size(), 0u);
}

TEST(OtlpSpan, IdsAreDeterministicHex) {
  const SpanIds a = span_ids_for("req_abc");
  const SpanIds again = span_ids_for("req_abc");
  const SpanIds other = span_ids_for("req_abd");
  EXPECT_EQ(a.trace_id, again.trace_id);
  EXPECT_EQ(a.span_id, again.span_id);
  EXPECT_NE(a.trace_id, other.trace_id);
  EXPECT_NE(a.span_id, other.span_id);
  EXPECT_EQ(a.trace_id.size(), 32u);
  EXPECT_EQ(a.span_id.size(), 16u);
  EXPECT_EQ(a.trace_id.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(a.span_id.find_first_not_of("0123456789abcdef"), std::string::npos);
}

TEST(OtlpSpan, HexRequestIdIsTheTraceId) {
  const SpanIds ids = span_ids_for("4BF92F3577B34DA6A3CE929D0E0E4736");
  EXPECT_EQ(ids.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(ids.span_id.size(), 16u);
  // The all-zero trace id is invalid in OTLP, so it is hashed like any other id.
  EXPECT_NE(span_ids_for(std::string(32, '0')).trace_id, std::string(32, '0'));
}

TEST(OtlpSpan, ProviderNamesFollowTheConvention) {
  EXPECT_EQ(genai_provider_name("openai"), "openai");
  EXPECT_EQ(genai_provider_name("anthropic"), "anthropic");
  EXPECT_EQ(genai_provider_name("gemini"), "gcp.gemini");
  EXPECT_EQ(genai_provider_name("vertex"), "gcp.vertex_ai");
  EXPECT_EQ(genai_provider_name("bedrock"), "aws.bedrock");
  EXPECT_EQ(genai_provider_name("azure"), "azure.ai.openai");
  EXPECT_EQ(genai_provider_name("xai"), "x_ai");
  EXPECT_EQ(genai_provider_name("mistral"), "mistral_ai");
  EXPECT_EQ(genai_provider_name("deepseek"), "deepseek");
  EXPECT_EQ(genai_provider_name("groq"), "groq");
  EXPECT_EQ(genai_provider_name("ollama"), "ollama");
}

}  // namespace
}  // namespace sluice::telemetry::otlp
