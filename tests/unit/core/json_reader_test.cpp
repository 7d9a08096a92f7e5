#include "core/json_reader.h"

#include <gtest/gtest.h>

namespace sluice::json {
namespace {

std::string raw_of(std::string_view text, std::string_view key) {
  JsonInput input;
  od::document doc;
  EXPECT_EQ(input.open(text, doc), simdjson::SUCCESS);
  od::value value;
  EXPECT_EQ(doc.find_field_unordered(key).get(value), simdjson::SUCCESS);
  std::string_view raw;
  EXPECT_EQ(raw_json(value, raw), simdjson::SUCCESS);
  return std::string(raw);
}

TEST(JsonReader, RawJsonOfEveryValueType) {
  const std::string text = R"({"o": {"a": [1, 2]} , "a":[ true ] ,"s":"x\"y" , "n": 12.50 })";
  EXPECT_EQ(raw_of(text, "o"), R"({"a": [1, 2]})");
  EXPECT_EQ(raw_of(text, "a"), "[ true ]");
  EXPECT_EQ(raw_of(text, "s"), R"("x\"y")");
  EXPECT_EQ(raw_of(text, "n"), "12.50");
}

TEST(JsonReader, WholeObjectChecks) {
  EXPECT_TRUE(is_json_object(R"({"city":"Paris"})"));
  EXPECT_TRUE(is_json_object(" {} "));
  EXPECT_FALSE(is_json_object(R"({"city":"Paris")"));
  EXPECT_FALSE(is_json_object("[1]"));
  EXPECT_FALSE(is_json_object(R"({"a":1} {"b":2})"));
  EXPECT_FALSE(is_json_object(""));
}

TEST(JsonReader, AtEndSeesTrailingData) {
  JsonInput input;
  od::document doc;
  od::object object;
  ASSERT_EQ(input.open(R"({"a":1}  )", doc), simdjson::SUCCESS);
  ASSERT_EQ(doc.get_object().get(object), simdjson::SUCCESS);
  for (auto field : object) (void)field;
  EXPECT_TRUE(at_end(doc));
  // (simdjson itself rejects some trailing data such as `{"a":1} x`; a second value is ours.)
  ASSERT_EQ(input.open(R"({"a":1} {"b":2})", doc), simdjson::SUCCESS);
  ASSERT_EQ(doc.get_object().get(object), simdjson::SUCCESS);
  for (auto field : object) (void)field;
  EXPECT_FALSE(at_end(doc));
}

}  // namespace
}  // namespace sluice::json
