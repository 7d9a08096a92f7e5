#include "core/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>

namespace sluice {
namespace {

TEST(JsonWriter, PlacesCommasAcrossNesting) {
  std::string out;
  JsonWriter json(out);
  json.begin_object().field("a", int64_t{1}).key("b").begin_array();
  json.string("x").begin_object().end_object().begin_array().end_array().null();
  json.end_array().key("c").boolean(false).key("d").raw(R"({"k":[1,2]})").end_object();
  EXPECT_EQ(out, R"({"a":1,"b":["x",{},[],null],"c":false,"d":{"k":[1,2]}})");
}

TEST(JsonWriter, DoublesUseTheShortestRoundTripText) {
  std::string out;
  JsonWriter json(out);
  json.begin_array().number(0.7).number(0.1 + 0.2).number(1.0).number(-2.5e-7);
  json.number(std::nan("")).end_array();
  EXPECT_EQ(out, "[0.7,0.30000000000000004,1,-2.5e-07,null]");
}

TEST(JsonWriter, EscapesStrings) {
  std::string out;
  JsonWriter(out).begin_object().field("k\"", "line\nbreak \x01 \xc3\xa9").end_object();
  EXPECT_EQ(out, "{\"k\\\"\":\"line\\nbreak \\u0001 \xc3\xa9\"}");
}

TEST(JsonWriter, EscapesAtEitherEndAndBetweenPlainRuns) {
  std::string out;
  JsonWriter(out).begin_array().string("\"a\\b\tc\r\x1f").string("").string("plain").end_array();
  EXPECT_EQ(out, R"(["\"a\\b\tc\r\u001f","","plain"])");
}

}  // namespace
}  // namespace sluice
