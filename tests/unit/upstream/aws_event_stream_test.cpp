#include "upstream/aws_event_stream.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sluice::upstream {
namespace {

std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

// Computed independently with python3's zlib.crc32 and struct.pack.
constexpr std::string_view kEmptyMessageHex = "000000100000000005c248eb7d98c8ff";
constexpr std::string_view kMessageStopHex =
    "000000430000001a8713048a0b3a6576656e742d7479706507000b6d65737361676553746f707b2273746f7052"
    "6561736f6e223a22656e645f7475726e227d28775f45";

std::string event(std::string_view type, std::string_view payload) {
  return encode_aws_event_message({{":event-type", std::string(type)},
                                   {":content-type", "application/json"},
                                   {":message-type", "event"}},
                                  payload);
}

TEST(AwsEventStreamCrc, MatchesTheStandardCheckValue) {
  EXPECT_EQ(aws_crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(aws_crc32(""), 0u);
  // Incremental use gives the same value as one call.
  EXPECT_EQ(aws_crc32("6789", aws_crc32("12345")), 0xCBF43926u);
}

TEST(AwsEventStreamEncode, MatchesIndependentVectors) {
  EXPECT_EQ(encode_aws_event_message({}, ""), from_hex(kEmptyMessageHex));
  EXPECT_EQ(
      encode_aws_event_message({{":event-type", "messageStop"}}, R"({"stopReason":"end_turn"})"),
      from_hex(kMessageStopHex));
}

TEST(AwsEventStreamFramer, ReadsIndependentVector) {
  AwsEventStreamFramer framer;
  const auto& messages = framer.feed(from_hex(kMessageStopHex));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].header(":event-type"), "messageStop");
  EXPECT_EQ(messages[0].header(":absent"), "");
  EXPECT_EQ(messages[0].payload, R"({"stopReason":"end_turn"})");
  EXPECT_FALSE(framer.failed());
  EXPECT_EQ(framer.pending_bytes(), 0u);
}

// A stream of several messages, fed split at every single byte boundary and then as two parts
// at every cut: the events must come out the same, whole and in order.
TEST(AwsEventStreamFramer, SplitsAtEveryBoundary) {
  std::string stream = event("messageStart", R"({"role":"assistant"})") +
                       event("contentBlockDelta", R"({"delta":{"text":"héllo"},"index":0})") +
                       encode_aws_event_message({}, "") +
                       event("messageStop", R"({"stopReason":"end_turn"})");
  for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
    AwsEventStreamEventFramer framer;
    std::vector<std::string> names, payloads;
    std::vector<FramedEvent> out;
    ASSERT_TRUE(framer.feed(std::string_view(stream).substr(0, cut), out));
    for (const auto& e : out) names.emplace_back(e.event), payloads.emplace_back(e.data);
    out.clear();
    ASSERT_TRUE(framer.feed(std::string_view(stream).substr(cut), out));
    for (const auto& e : out) names.emplace_back(e.event), payloads.emplace_back(e.data);
    ASSERT_EQ(names.size(), 4u) << "cut " << cut;
    EXPECT_EQ(names[0], "messageStart");
    EXPECT_EQ(names[1], "contentBlockDelta");
    EXPECT_EQ(payloads[1], R"({"delta":{"text":"héllo"},"index":0})");
    EXPECT_EQ(names[2], "");
    EXPECT_EQ(names[3], "messageStop");
  }
  AwsEventStreamEventFramer framer;
  std::vector<std::string> names;
  for (char ch : stream) {
    std::vector<FramedEvent> out;
    ASSERT_TRUE(framer.feed(std::string_view(&ch, 1), out));
    for (const auto& e : out) names.emplace_back(e.event);
  }
  EXPECT_EQ(names.size(), 4u);
}

TEST(AwsEventStreamFramer, BrokenMessageCrcFails) {
  std::string good = event("contentBlockDelta", R"({"delta":{"text":"a"}})");
  std::string bad = good;
  bad[bad.size() - 10] ^= 0x01;  // a payload byte
  AwsEventStreamEventFramer framer;
  std::vector<FramedEvent> out;
  EXPECT_FALSE(framer.feed(good + bad + good, out));
  EXPECT_EQ(out.size(), 1u) << "the message before the broken one is delivered";
  EXPECT_NE(framer.error().find("message CRC mismatch"), std::string::npos) << framer.error();
  // The stream cannot resynchronise: later bytes are refused too.
  out.clear();
  EXPECT_FALSE(framer.feed(good, out));
  EXPECT_TRUE(out.empty());
}

TEST(AwsEventStreamFramer, BrokenPreludeFailsBeforeTheBodyArrives) {
  std::string bad = event("messageStop", "{}");
  bad[2] ^= 0x40;  // total length
  AwsEventStreamFramer framer;
  EXPECT_TRUE(framer.feed(std::string_view(bad).substr(0, 11)).empty());
  EXPECT_FALSE(framer.failed()) << "11 bytes are not a prelude yet";
  framer.feed(std::string_view(bad).substr(11, 1));
  EXPECT_TRUE(framer.failed());
  EXPECT_NE(framer.error().find("prelude CRC mismatch"), std::string::npos);
}

// Lengths with a valid prelude CRC that cannot describe a message.
std::string prelude(uint32_t total, uint32_t headers) {
  std::string out;
  for (uint32_t v : {total, headers}) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(v >> shift));
  }
  const uint32_t crc = aws_crc32(out);
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(crc >> shift));
  return out;
}

TEST(AwsEventStreamFramer, ImpossibleLengthsFail) {
  for (auto [total, headers] : std::vector<std::pair<uint32_t, uint32_t>>{
           {15, 0}, {32, 17}, {AwsEventStreamFramer::kMaxMessageBytes + 1, 0}, {300000, 200000}}) {
    AwsEventStreamFramer framer;
    framer.feed(prelude(total, headers));
    EXPECT_TRUE(framer.failed()) << total << "/" << headers;
    EXPECT_NE(framer.error().find("impossible lengths"), std::string::npos);
  }
}

TEST(AwsEventStreamFramer, MalformedHeadersFail) {
  // A header block claiming a string longer than the block, framed with correct CRCs.
  std::string headers = std::string("\x03") + "abc" + '\x07' + std::string("\x00\x50", 2) + "xy";
  std::string message =
      prelude(static_cast<uint32_t>(16 + headers.size()), static_cast<uint32_t>(headers.size())) +
      headers;
  const uint32_t crc = aws_crc32(message);
  for (int shift = 24; shift >= 0; shift -= 8) message.push_back(static_cast<char>(crc >> shift));
  AwsEventStreamFramer framer;
  EXPECT_TRUE(framer.feed(message).empty());
  EXPECT_TRUE(framer.failed());
  EXPECT_NE(framer.error().find("header value runs past"), std::string::npos) << framer.error();
}

TEST(AwsEventStreamFramer, SkipsNonStringHeaderTypes) {
  // bool true, an int32 and a uuid before the string header.
  std::string headers = std::string("\x01") + "t" + '\x00' +  //
                        std::string("\x01") + "i" + '\x04' + std::string(4, '\x01') +
                        std::string("\x01") + "u" + '\x09' + std::string(16, '\x02') +
                        std::string("\x0b") + ":event-type" + '\x07' + std::string("\x00\x02", 2) +
                        "ok";
  std::string message = prelude(static_cast<uint32_t>(16 + headers.size() + 2),
                                static_cast<uint32_t>(headers.size())) +
                        headers + "{}";
  const uint32_t crc = aws_crc32(message);
  for (int shift = 24; shift >= 0; shift -= 8) message.push_back(static_cast<char>(crc >> shift));
  AwsEventStreamFramer framer;
  const auto& messages = framer.feed(message);
  ASSERT_EQ(messages.size(), 1u) << framer.error();
  EXPECT_EQ(messages[0].headers.size(), 4u);
  EXPECT_EQ(messages[0].header(":event-type"), "ok");
  EXPECT_EQ(messages[0].payload, "{}");
}

TEST(AwsEventStreamEventFramer, NamesExceptionsAndErrors) {
  const std::string stream = encode_aws_event_message({{":exception-type", "throttlingException"},
                                                       {":content-type", "application/json"},
                                                       {":message-type", "exception"}},
                                                      R"({"message":"Too many requests"})") +
                             encode_aws_event_message({{":error-code", "InternalFailure"},
                                                       {":error-message", "it \"broke\""},
                                                       {":message-type", "error"}},
                                                      "");
  AwsEventStreamEventFramer framer;
  std::vector<FramedEvent> out;
  ASSERT_TRUE(framer.feed(stream, out));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].event, "exception:throttlingException");
  EXPECT_EQ(out[0].data, R"({"message":"Too many requests"})");
  EXPECT_EQ(out[1].event, "exception:InternalFailure");
  EXPECT_EQ(out[1].data, R"({"message":"it \"broke\""})");
}

}  // namespace
}  // namespace sluice::upstream
