#include "core/header_block.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace sluice {
namespace {

TEST(HeaderBlock, FindsTheFirstFieldOfANameWhateverItsCase) {
  HeaderBlock block;
  block.add("Content-Type", "application/json");
  block.add("X-Sluice-Tags", "a,b");
  block.add("x-sluice-tags", "c");
  EXPECT_EQ(block.find("content-type"), "application/json");
  EXPECT_EQ(block["X-SLUICE-TAGS"], "a,b");
  EXPECT_EQ(block.find("x-sluice-tag"), "");  // a prefix is not a match
  EXPECT_EQ(block.find("absent"), "");
}

TEST(HeaderBlock, KeepsFieldsInOrderAndEmptiesOnClear) {
  HeaderBlock block;
  block.add("A", "1");
  block.add("B", "");
  block.add("A", "3");
  std::vector<std::pair<std::string, std::string>> seen;
  block.for_each([&](std::string_view n, std::string_view v) { seen.emplace_back(n, v); });
  const std::vector<std::pair<std::string, std::string>> expected{
      {"A", "1"}, {"B", ""}, {"A", "3"}};
  EXPECT_EQ(seen, expected);
  block.clear();
  EXPECT_EQ(block.find("A"), "");
  block.add("C", std::string(3000, 'x'));  // beyond the reserved storage: grows, stays readable
  EXPECT_EQ(block.find("c").size(), 3000u);
}

}  // namespace
}  // namespace sluice
