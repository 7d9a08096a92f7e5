// Test helpers for golden fixtures: read a fixture file, compare JSON by meaning (key order
// ignored, numbers by value), naming the path of the first difference when they differ.
#pragma once

#include <gtest/gtest.h>
#include <simdjson.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace sluice::testing {

// The text of tests/unit/providers/<relative>.
inline std::string read_fixture(std::string_view relative) {
  const std::string path =
      std::string(SLUICE_SOURCE_DIR) + "/tests/unit/providers/" + std::string(relative);
  std::ifstream file(path, std::ios::binary);
  EXPECT_TRUE(file.good()) << "missing fixture " << path;
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// The first difference between two JSON values, empty when they mean the same.
inline std::string json_difference(simdjson::dom::element a, simdjson::dom::element b,
                                   const std::string& path) {
  using simdjson::dom::element_type;
  const bool numbers = (a.is_number() && b.is_number());
  if (!numbers && a.type() != b.type()) return path + ": types differ";
  if (numbers) {
    return double(a) == double(b)
               ? ""
               : path + ": " + simdjson::to_string(a) + " vs " + simdjson::to_string(b);
  }
  if (a.type() == element_type::ARRAY) {
    simdjson::dom::array x = a, y = b;
    if (x.size() != y.size()) {
      return path + ": " + std::to_string(x.size()) + " vs " + std::to_string(y.size()) +
             " elements";
    }
    for (std::size_t i = 0; i < x.size(); ++i) {
      auto d =
          json_difference(x.at(i).value(), y.at(i).value(), path + "[" + std::to_string(i) + "]");
      if (!d.empty()) return d;
    }
    return "";
  }
  if (a.type() == element_type::OBJECT) {
    simdjson::dom::object x = a, y = b;
    for (auto [key, value] : x) {
      simdjson::dom::element other;
      if (y.at_key(key).get(other)) return path + "." + std::string(key) + ": missing";
      auto d = json_difference(value, other, path + "." + std::string(key));
      if (!d.empty()) return d;
    }
    for (auto [key, value] : y) {
      simdjson::dom::element other;
      if (x.at_key(key).get(other)) return path + "." + std::string(key) + ": unexpected";
    }
    return "";
  }
  const std::string sa = simdjson::to_string(a), sb = simdjson::to_string(b);
  return sa == sb ? "" : path + ": " + sa + " vs " + sb;
}

// EXPECT_TRUE(json_equal(expected, actual)): same JSON meaning, whatever the key order.
inline ::testing::AssertionResult json_equal(std::string_view expected, std::string_view actual) {
  simdjson::dom::parser pa, pb;
  simdjson::dom::element a, b;
  if (pa.parse(expected.data(), expected.size(), true).get(a)) {
    return ::testing::AssertionFailure() << "expected text is not JSON:\n" << expected;
  }
  if (pb.parse(actual.data(), actual.size(), true).get(b)) {
    return ::testing::AssertionFailure() << "actual text is not JSON:\n" << actual;
  }
  const std::string difference = json_difference(a, b, "$");
  if (difference.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "JSON differs at " << difference << "\nexpected: " << simdjson::to_string(a)
         << "\nactual:   " << actual;
}

}  // namespace sluice::testing
