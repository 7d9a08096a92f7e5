#include "providers/openai/response_reader.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace sluice::providers::openai {
namespace {

TEST(ResponseReader, ReadsUsageWithDetails) {
  auto u = read_usage(
      R"({"id":"x","usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18,)"
      R"("prompt_tokens_details":{"cached_tokens":3},"completion_tokens_details":{"reasoning_tokens":2}}})");
  EXPECT_TRUE(u.present);
  EXPECT_EQ(u.prompt_tokens, 11);
  EXPECT_EQ(u.completion_tokens, 7);
  EXPECT_EQ(u.total_tokens, 18);
  EXPECT_EQ(u.cached_tokens, 3);
  EXPECT_EQ(u.reasoning_tokens, 2);
  EXPECT_FALSE(read_usage(R"({"usage":null})").present);
  EXPECT_FALSE(read_usage(R"({"id":"x"})").present);
  EXPECT_FALSE(read_usage("not json \"usage\"").present);
}

// The reader before it scanned from the end: a full simdjson On-Demand parse of the body, the
// first top-level "usage" key. The new reader must agree with it on valid JSON.
Usage reference_read_usage(std::string_view json) {
  namespace od = simdjson::ondemand;
  const auto int_field = [](od::object& object, std::string_view key) -> int64_t {
    int64_t value = 0;
    if (object.find_field_unordered(key).get_int64().get(value)) return 0;
    return value;
  };
  const auto nested_int = [&](od::object& object, std::string_view outer, std::string_view key) {
    od::object inner;
    if (object.find_field_unordered(outer).get_object().get(inner)) return int64_t{0};
    return int_field(inner, key);
  };
  try {
    simdjson::padded_string padded(json);
    od::parser parser;
    od::document doc;
    if (parser.iterate(padded).get(doc)) return {};
    od::object u;
    if (doc.find_field_unordered("usage").get_object().get(u)) return {};
    Usage usage;
    usage.present = true;
    usage.prompt_tokens = int_field(u, "prompt_tokens");
    usage.completion_tokens = int_field(u, "completion_tokens");
    usage.total_tokens = int_field(u, "total_tokens");
    usage.cached_tokens = nested_int(u, "prompt_tokens_details", "cached_tokens");
    usage.reasoning_tokens = nested_int(u, "completion_tokens_details", "reasoning_tokens");
    return usage;
  } catch (const std::exception&) {
    return {};
  }
}

void expect_same(const Usage& a, const Usage& b, const std::string& json) {
  EXPECT_EQ(a.present, b.present) << json;
  EXPECT_EQ(a.prompt_tokens, b.prompt_tokens) << json;
  EXPECT_EQ(a.completion_tokens, b.completion_tokens) << json;
  EXPECT_EQ(a.total_tokens, b.total_tokens) << json;
  EXPECT_EQ(a.cached_tokens, b.cached_tokens) << json;
  EXPECT_EQ(a.reasoning_tokens, b.reasoning_tokens) << json;
}

constexpr const char* kUsage =
    R"({"prompt_tokens":11,"completion_tokens":7,"total_tokens":18,)"
    R"("prompt_tokens_details":{"cached_tokens":3,"audio_tokens":0},)"
    R"("completion_tokens_details":{"reasoning_tokens":2,"audio_tokens":0}})";

TEST(ResponseReader, FindsUsageAtTheEndTheStartOrTheMiddle) {
  const std::string usage = kUsage;
  for (const std::string& json : {
           R"({"id":"x","choices":[{"message":{"content":"hi"}}],"usage":)" + usage + "}",
           R"({"usage":)" + usage + R"(,"id":"x","choices":[{"message":{"content":"hi"}}]})",
           R"({"id":"x","usage":)" + usage + R"(,"choices":[],"system_fingerprint":"fp"})",
           " \n{ \"usage\" :\t" + usage + " , \"id\" : \"x\" }\n ",
       }) {
    const Usage u = read_usage(json);
    EXPECT_TRUE(u.present) << json;
    EXPECT_EQ(u.prompt_tokens, 11) << json;
    EXPECT_EQ(u.completion_tokens, 7) << json;
    EXPECT_EQ(u.total_tokens, 18) << json;
    EXPECT_EQ(u.cached_tokens, 3) << json;
    EXPECT_EQ(u.reasoning_tokens, 2) << json;
    expect_same(u, reference_read_usage(json), json);
  }
}

TEST(ResponseReader, IsNotFooledByUsageInsideContentOrNestedObjects) {
  for (
      const std::string json : {
          // the text of an answer that quotes a usage object
          R"({"id":"x","choices":[{"message":{"content":"\"usage\":{\"prompt_tokens\":5}"}}]})",
          R"({"id":"x","choices":[{"message":{"content":"see \"usage\": {\"total_tokens\":9}}"}}],"z":1})",
          // a "usage" key one level down is not the response's usage
          R"({"choices":[{"usage":{"prompt_tokens":5}}],"meta":{"usage":{"total_tokens":3}}})",
          // a string value "usage", and a key that only ends in usage
          R"({"kind":"usage","my_usage":{"prompt_tokens":4},"x":"usage\\"})",
          R"({"choices":[{"message":{"content":"ends with a backslash \\"}}],"usage":null})",
      }) {
    expect_same(read_usage(json), Usage{}, json);
    expect_same(read_usage(json), reference_read_usage(json), json);
  }
  const std::string json =
      R"({"choices":[{"message":{"content":"\"usage\":{\"prompt_tokens\":5} \\\" }"}}],)"
      R"("usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}})";
  const Usage u = read_usage(json);
  EXPECT_TRUE(u.present);
  EXPECT_EQ(u.prompt_tokens, 1);
  EXPECT_EQ(u.total_tokens, 3);
  expect_same(u, reference_read_usage(json), json);
}

TEST(ResponseReader, AbsentOrUnusableUsageIsNotPresent) {
  for (const std::string& json : {
           std::string(R"({"id":"x"})"), std::string(R"({"usage":null})"),
           std::string(R"({"usage":"12"})"), std::string(R"({"usage":[1,2]})"),
           std::string(R"({"usage":5})"), std::string("[{\"usage\":{\"prompt_tokens\":1}}]"),
           std::string(""), std::string("{}"), std::string("not json \"usage\":{}"),
           std::string(R"({"usage":{"prompt_tokens":1})"),    // cut short
           std::string(R"("usage":{"prompt_tokens":1}})"),    // no opening brace
           std::string(R"(x{"usage":{"prompt_tokens":1}})"),  // text before the object
       }) {
    EXPECT_FALSE(read_usage(json).present) << json;
  }
  const Usage empty = read_usage(R"({"usage":{}})");
  EXPECT_TRUE(empty.present);
  EXPECT_EQ(empty.total_tokens, 0);
}

TEST(ResponseReader, ReadsNumbersAsSimdjsonGetInt64Does) {
  for (const std::string value : {"0",
                                  "-0",
                                  "7",
                                  "-7",
                                  "01",
                                  "1.0",
                                  "1e3",
                                  "1E3",
                                  "-",
                                  "\"5\"",
                                  "true",
                                  "null",
                                  "{}",
                                  "[1]",
                                  "9223372036854775807",
                                  "9223372036854775808",
                                  "-9223372036854775808",
                                  "-9223372036854775809",
                                  "12345678901234567890",
                                  "00",
                                  "1 ",
                                  " 2"}) {
    const std::string json = R"({"usage":{"prompt_tokens":)" + value +
                             R"(,"prompt_tokens_details":{"cached_tokens":)" + value + "}}}";
    const Usage u = read_usage(json);
    expect_same(u, reference_read_usage(json), json);
  }
}

// Random valid responses (nested values, escapes, whitespace, usage anywhere or absent, and
// decoy "usage" keys below the top level): the reader agrees with a full parse.
TEST(ResponseReader, AgreesWithAFullParseOnRandomResponses) {
  std::mt19937 rng(12345);
  const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const std::vector<std::string> strings = {
      R"("")",           R"("usage")", R"("a\"usage\":{}")",     R"("\\")",
      R"("x\\\"y")",     R"("{[}]")",  R"("\u0022usage\u0022")", R"("é ü")",
      R"("line\nbreak")"};
  const std::vector<std::string> ws = {"", " ", "\n", " \t ", "\r\n"};
  std::function<std::string(int)> value = [&](int depth) -> std::string {
    switch (depth > 2 ? pick(4) : pick(7)) {
      case 0:
        return strings[pick(static_cast<int>(strings.size()))];
      case 1:
        return std::to_string(static_cast<int>(rng() % 2000) - 1000);
      case 2:
        return pick(2) ? "true" : "null";
      case 3:
        return "1.5e3";
      case 4: {
        std::string out = "[";
        const int n = pick(3);
        for (int i = 0; i < n; ++i) out += (i ? "," : "") + ws[pick(5)] + value(depth + 1);
        return out + ws[pick(5)] + "]";
      }
      default: {
        std::string out = "{";
        const int n = pick(4);
        for (int i = 0; i < n; ++i) {
          const std::string key = pick(4) == 0 ? R"("usage")" : R"("k)" + std::to_string(i) + "\"";
          out += (i ? "," : "") + ws[pick(5)] + key + ws[pick(5)] + ":" + ws[pick(5)] +
                 value(depth + 1);
        }
        return out + ws[pick(5)] + "}";
      }
    }
  };
  const auto usage_value = [&]() -> std::string {
    if (pick(6) == 0) return "null";
    std::string out = "{";
    std::vector<std::string> keys = {
        "prompt_tokens",         "completion_tokens",         "total_tokens",
        "prompt_tokens_details", "completion_tokens_details", "other"};
    std::shuffle(keys.begin(), keys.end(), rng);  // each key once: duplicates are not compared
    const int n = pick(7);
    for (int i = 0; i < n; ++i) {
      const std::string key = keys[static_cast<std::size_t>(i)];
      std::string v = std::to_string(pick(100000));
      if (key.ends_with("details")) {
        v = pick(4) == 0
                ? "null"
                : R"({"cached_tokens":)" + std::to_string(pick(50)) + R"(,"reasoning_tokens":)" +
                      std::to_string(pick(50)) + R"(,"x":)" + value(3) + "}";
      } else if (key == "other") {
        v = value(1);
      }
      out += (i ? "," : "") + ws[pick(5)] + "\"" + key + "\"" + ws[pick(5)] + ":" + ws[pick(5)] + v;
    }
    return out + "}";
  };
  for (int round = 0; round < 5000; ++round) {
    const int members = pick(6);
    const int usage_at = pick(members + 2) - 1;  // -1 or past the end: no usage
    std::string json = ws[pick(5)] + "{";
    bool first = true;
    for (int i = 0; i <= members; ++i) {
      std::string member;
      if (i == usage_at) {
        member = R"("usage")" + ws[pick(5)] + ":" + ws[pick(5)] + usage_value();
      } else if (i < members) {
        member = R"("m)" + std::to_string(i) + "\":" + ws[pick(5)] + value(0);
      } else {
        continue;
      }
      json += (first ? "" : ",") + ws[pick(5)] + member;
      first = false;
    }
    json += ws[pick(5)] + "}" + ws[pick(5)];
    expect_same(read_usage(json), reference_read_usage(json), json);
    if (HasFailure()) break;
  }
}

TEST(ResponseReader, UsageOnlyChunkWithChoicesAfterUsageOrSpaces) {
  Usage u;
  EXPECT_TRUE(is_usage_only_chunk(
      R"({"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7},"choices":[ ]})", u));
  EXPECT_EQ(u.prompt_tokens, 5);
  Usage v;
  EXPECT_FALSE(is_usage_only_chunk(
      R"({"choices":[{"delta":{"content":"\"choices\":[],\"usage\":{}"}}],"usage":null})", v));
  EXPECT_FALSE(is_usage_only_chunk(R"({"choices":[],"usage":null})", v));
  EXPECT_FALSE(is_usage_only_chunk(R"({"usage":{"total_tokens":1}})", v));
}

TEST(ResponseReader, DetectsUsageOnlyChunk) {
  Usage u;
  EXPECT_TRUE(is_usage_only_chunk(
      R"({"id":"c","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}})",
      u));
  EXPECT_EQ(u.total_tokens, 7);
  Usage v;
  EXPECT_FALSE(
      is_usage_only_chunk(R"({"choices":[{"index":0,"delta":{"content":"hi"}}],"usage":null})", v));
  EXPECT_FALSE(is_usage_only_chunk("[DONE]", v));
}

TEST(ResponseReader, ReadsErrorMessagesOfSeveralShapes) {
  EXPECT_EQ(read_error_message(R"({"error":{"message":"a"}})"), "a");
  EXPECT_EQ(read_error_message(R"({"error":"b"})"), "b");
  EXPECT_EQ(read_error_message(R"({"message":"c"})"), "c");
  EXPECT_EQ(read_error_message("plain text"), "plain text");
}

}  // namespace
}  // namespace sluice::providers::openai
