// A recycled call record: reset_for_reuse leaves it as a new one, and lets go of large buffers.
#include "telemetry/call_record.h"

#include <gtest/gtest.h>

#include <string>

#include "core/json_writer.h"
#include "sample_record.h"
#include "telemetry/record_json.h"

namespace sluice::telemetry {
namespace {

// Every field a call can fill, none at its default.
CallRecord filled() {
  CallRecord r = test::record("team", 1'795'000'000'000'000, 10, 20, 0.5, {"a", "b"});
  r.key_id = "key";
  r.user = "user";
  r.end_user = "end";
  r.metadata_json = R"({"k":"v"})";
  r.metadata_is_object = true;
  r.deployment = "p/m";
  r.upstream_model = "m";
  r.attempts.push_back({"q", "q/m", "m", "server", 5});
  r.error_class = "server";
  r.error_message = "upstream failed";
  r.streamed = true;
  r.usage.cached_tokens = 3;
  r.usage.cache_write_tokens = 4;
  r.usage.reasoning_tokens = 5;
  r.usage_estimated = true;
  r.request_body = std::string(64 * 1024, 'x');  // past what a recycled record keeps
  r.answer = "answer";
  r.answer_form = AnswerForm::json;
  r.price_version = "v1";
  r.latency_us = r.ttft_us = r.upstream_us = r.overhead_us = 7;
  r.cache_hit = true;
  r.prompt = "prompt";
  r.completion = "completion";
  return r;
}

std::string as_json(const CallRecord& r) {
  sqlite::LogEntry entry;
  entry.record = r;
  std::string out;
  JsonWriter json(out);
  write_record_json(json, entry);
  return out;
}

TEST(CallRecord, ResetForReuseLeavesARecordAsNew) {
  CallRecord r = filled();
  ASSERT_NE(as_json(r), as_json(CallRecord{}));
  reset_for_reuse(r);
  EXPECT_EQ(as_json(r), as_json(CallRecord{}));
  // What the stored form leaves out.
  EXPECT_TRUE(r.tags.empty());
  EXPECT_TRUE(r.attempts.empty());
  EXPECT_FALSE(r.metadata_is_object);
  EXPECT_TRUE(r.request_body.empty());
  EXPECT_TRUE(r.answer.empty());
  EXPECT_EQ(r.answer_form, AnswerForm::none);
  EXPECT_FALSE(r.usage.present);
  EXPECT_EQ(r.usage.reasoning_tokens, 0);
  EXPECT_FALSE(r.cost_usd.has_value());
  EXPECT_EQ(r.attempts.size(), 0u);
}

TEST(CallRecord, ResetForReuseReleasesLargeBuffersAndKeepsSmallOnes) {
  CallRecord r = filled();
  r.answer.reserve(1024);
  reset_for_reuse(r);
  EXPECT_LT(r.request_body.capacity(), 64u * 1024);  // a 64 KiB body is not kept
  EXPECT_GE(r.answer.capacity(), 1024u);             // a small buffer is
}

TEST(CallRecord, ALoneSuccessCountsAsOneAttemptWithoutAList) {
  CallRecord r;
  EXPECT_EQ(attempt_count(r), 0u);  // the caller left, or no deployment was tried
  r.provider = "p";
  EXPECT_EQ(attempt_count(r), 1u);
  r.attempts.push_back({"q", "q/m", "m", "server", 5});
  r.attempts.push_back({"p", "p/m", "m", "ok", 5});
  EXPECT_EQ(attempt_count(r), 2u);
}

}  // namespace
}  // namespace sluice::telemetry
