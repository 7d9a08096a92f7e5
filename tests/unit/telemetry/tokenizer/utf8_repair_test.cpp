#include "telemetry/tokenizer/utf8_repair.h"

#include <gtest/gtest.h>

#include <string>

namespace sluice::telemetry {
namespace {

std::string repaired(std::string_view text) {
  std::string storage;
  return std::string(valid_utf8(text, storage));
}

TEST(TokenizerUtf8Repair, ValidTextIsReturnedWithoutCopying) {
  std::string storage;
  const std::string_view text = "caf\xC3\xA9 \xF0\x9F\x8E\x89";
  EXPECT_EQ(valid_utf8(text, storage).data(), text.data());
  EXPECT_TRUE(storage.empty());
}

TEST(TokenizerUtf8Repair, ReplacesMaximalInvalidSubparts) {
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(repaired("a\x80z"), "a" + fffd + "z");
  EXPECT_EQ(repaired("\xF0\x9F\x98hi"), fffd + "hi");       // truncated 4-byte: one U+FFFD
  EXPECT_EQ(repaired("\xED\xA0\x80"), fffd + fffd + fffd);  // surrogate: each byte
  EXPECT_EQ(repaired("\xC0\xAF"), fffd + fffd);             // overlong
  EXPECT_EQ(repaired("\xE2\x82"), fffd);                    // cut off at the end
  EXPECT_EQ(repaired("\xF4\x90\x80\x80"), fffd + fffd + fffd + fffd);  // above U+10FFFF
}

}  // namespace
}  // namespace sluice::telemetry
