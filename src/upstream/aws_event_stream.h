// AwsEventStreamFramer: turns an `application/vnd.amazon.eventstream` byte stream (Bedrock's
// ConverseStream) into whole, checksum-verified messages, whatever the read boundaries.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "upstream/event_framer.h"

namespace sluice::upstream {

// One header of a message. String (type 7) and byte-array (type 6) values are kept as views;
// other types are skipped by their size and keep an empty value (AWS streams only use strings).
struct AwsEventStreamHeader {
  std::string_view name;
  uint8_t type = 0;
  std::string_view value;
};

// One whole message: its headers and payload, views into the framer's buffer.
struct AwsEventStreamMessage {
  std::vector<AwsEventStreamHeader> headers;
  std::string_view payload;

  // The value of header `name` (e.g. ":event-type"), empty when absent.
  std::string_view header(std::string_view name) const;
};

// Buffers partial input between feeds; messages handed out stay valid until the next feed().
// A message that cannot be trusted (CRC mismatch, impossible lengths, a malformed header)
// puts the framer in a failed state for good: the stream cannot be resynchronised, so the
// caller must end it with error() rather than wait for more bytes.
class AwsEventStreamFramer {
 public:
  // The largest message accepted: AWS's limits (16 MiB payload, 128 KiB headers) plus framing.
  static constexpr std::size_t kMaxMessageBytes = (16u << 20) + (128u << 10) + 16;

  // Appends bytes and returns the messages they complete (those before a broken one included).
  const std::vector<AwsEventStreamMessage>& feed(std::string_view bytes);
  bool failed() const { return !error_.empty(); }
  // Why the stream broke; empty while it is sound.
  const std::string& error() const { return error_; }
  // Bytes received that do not yet form a whole message (non-zero at the end: truncated).
  std::size_t pending_bytes() const { return buffer_.size() - consumed_; }

 private:
  // Parses the message at the front of `rest`: its size when whole, 0 when more bytes are
  // needed; sets error_ when it is broken.
  std::size_t parse_message(std::string_view rest);
  bool parse_headers(std::string_view block, AwsEventStreamMessage& out);
  void fail(std::string message);

  std::string buffer_;
  std::size_t consumed_ = 0;
  std::vector<AwsEventStreamMessage> messages_;
  std::string error_;
};

// The EventFramer the translated proxy uses for Bedrock's ConverseStream. Each message becomes
// one (event name, payload) pair:
//   :message-type event      -> (:event-type, payload), e.g. ("contentBlockDelta", {...})
//   :message-type exception  -> ("exception:" + :exception-type, payload), e.g.
//                               ("exception:throttlingException", {"message":"..."})
//   :message-type error      -> ("exception:" + :error-code, {"message": :error-message})
// A broken message makes feed() return false with error() saying why.
class AwsEventStreamEventFramer final : public EventFramer {
 public:
  bool feed(std::string_view bytes, std::vector<FramedEvent>& out) override;
  const std::string& error() const override { return framer_.error(); }

 private:
  AwsEventStreamFramer framer_;
  // Names and payloads built here (exception names, error payloads); a deque so the views
  // handed out stay put while more are added. Cleared on the next feed().
  std::deque<std::string> built_;
};

// CRC-32 (IEEE 802.3, the zlib/gzip one) that event-stream preludes and messages carry.
uint32_t aws_crc32(std::string_view data, uint32_t crc = 0);

// One message with string headers, framed and checksummed: what tests and the mock provider
// use to speak the format.
std::string encode_aws_event_message(
    const std::vector<std::pair<std::string, std::string>>& string_headers,
    std::string_view payload);

}  // namespace sluice::upstream
