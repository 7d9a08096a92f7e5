#include "upstream/aws_event_stream.h"

#include <array>

namespace sluice::upstream {
namespace {

// Prelude: total length, headers length (u32 BE each), then the prelude's CRC.
constexpr std::size_t kPreludeBytes = 12;
// Prelude plus the trailing message CRC: the smallest possible message.
constexpr std::size_t kFramingBytes = kPreludeBytes + 4;
constexpr std::size_t kMaxHeadersBytes = 128u << 10;

// CRC-32 is table-driven here rather than zlib's crc32(): it is ten lines, the table is built at
// compile time, and this file stays free of link dependencies so the mock provider can compile
// it as is to speak the same format. Event-stream messages are small, so speed is no concern.
constexpr std::array<uint32_t, 256> make_crc_table() {
  std::array<uint32_t, 256> table{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  return table;
}

constexpr std::array<uint32_t, 256> kCrcTable = make_crc_table();

uint32_t read_u32(std::string_view bytes) {
  const auto b = [&](std::size_t i) {
    return static_cast<uint32_t>(static_cast<uint8_t>(bytes[i]));
  };
  return b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
}

uint16_t read_u16(std::string_view bytes) {
  return static_cast<uint16_t>(static_cast<uint8_t>(bytes[0]) << 8 |
                               static_cast<uint8_t>(bytes[1]));
}

void put_u32(std::string& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(value >> shift));
}

// Bytes a header value of `type` occupies after the type byte; -1 when the size is in the
// value itself (a u16 length prefix), -2 for an unknown type.
int fixed_value_size(uint8_t type) {
  switch (type) {
    case 0:  // bool true
    case 1:  // bool false
      return 0;
    case 2:  // byte
      return 1;
    case 3:  // short
      return 2;
    case 4:  // int
      return 4;
    case 5:  // long
    case 8:  // timestamp
      return 8;
    case 9:  // uuid
      return 16;
    case 6:  // byte array
    case 7:  // string
      return -1;
    default:
      return -2;
  }
}

// `text` as a JSON string literal (for the payload of an error message, which AWS sends only
// as headers).
std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += ch;
    }
  }
  return out + '"';
}

}  // namespace

uint32_t aws_crc32(std::string_view data, uint32_t crc) {
  crc = ~crc;
  for (char ch : data) crc = kCrcTable[(crc ^ static_cast<uint8_t>(ch)) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

std::string_view AwsEventStreamMessage::header(std::string_view name) const {
  for (const auto& h : headers) {
    if (h.name == name) return h.value;
  }
  return {};
}

void AwsEventStreamFramer::fail(std::string message) {
  error_ = "broken AWS event stream: " + std::move(message);
}

bool AwsEventStreamFramer::parse_headers(std::string_view block, AwsEventStreamMessage& out) {
  while (!block.empty()) {
    const std::size_t name_size = static_cast<uint8_t>(block[0]);
    if (name_size == 0 || block.size() < 1 + name_size + 1) {
      fail("malformed header name");
      return false;
    }
    AwsEventStreamHeader header;
    header.name = block.substr(1, name_size);
    header.type = static_cast<uint8_t>(block[1 + name_size]);
    block.remove_prefix(name_size + 2);
    const int size = fixed_value_size(header.type);
    if (size == -2) {
      fail("unknown header value type " + std::to_string(header.type));
      return false;
    }
    std::size_t skip = static_cast<std::size_t>(size);
    if (size == -1) {
      if (block.size() < 2) {
        fail("malformed header value");
        return false;
      }
      skip = read_u16(block);
      block.remove_prefix(2);
      header.value = block.substr(0, skip);
    }
    if (block.size() < skip) {
      fail("header value runs past the header block");
      return false;
    }
    block.remove_prefix(skip);
    out.headers.push_back(header);
  }
  return true;
}

std::size_t AwsEventStreamFramer::parse_message(std::string_view rest) {
  if (rest.size() < kPreludeBytes) return 0;
  const uint32_t total = read_u32(rest);
  const uint32_t headers_size = read_u32(rest.substr(4));
  // The prelude is checked before waiting for the body, so a corrupt length is an error now
  // rather than a wait for bytes that will never come.
  if (aws_crc32(rest.substr(0, 8)) != read_u32(rest.substr(8))) {
    fail("prelude CRC mismatch");
    return 0;
  }
  if (total < kFramingBytes || total > kMaxMessageBytes || headers_size > kMaxHeadersBytes ||
      headers_size > total - kFramingBytes) {
    fail("impossible lengths (total " + std::to_string(total) + ", headers " +
         std::to_string(headers_size) + ")");
    return 0;
  }
  if (rest.size() < total) return 0;
  const std::string_view message = rest.substr(0, total);
  if (aws_crc32(message.substr(0, total - 4)) != read_u32(message.substr(total - 4))) {
    fail("message CRC mismatch");
    return 0;
  }
  AwsEventStreamMessage out;
  if (!parse_headers(message.substr(kPreludeBytes, headers_size), out)) return 0;
  out.payload = message.substr(kPreludeBytes + headers_size, total - kFramingBytes - headers_size);
  messages_.push_back(std::move(out));
  return total;
}

const std::vector<AwsEventStreamMessage>& AwsEventStreamFramer::feed(std::string_view bytes) {
  messages_.clear();
  if (failed()) return messages_;
  // Views handed out last time are dead now: drop the bytes they pointed into.
  if (consumed_ > 0) {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
  buffer_.append(bytes);
  while (!failed()) {
    const std::size_t size = parse_message(std::string_view(buffer_).substr(consumed_));
    if (size == 0) break;
    consumed_ += size;
  }
  return messages_;
}

bool AwsEventStreamEventFramer::feed(std::string_view bytes, std::vector<FramedEvent>& out) {
  built_.clear();
  for (const AwsEventStreamMessage& message : framer_.feed(bytes)) {
    const std::string_view type = message.header(":message-type");
    if (type == "exception") {
      built_.push_back("exception:" + std::string(message.header(":exception-type")));
      out.push_back({built_.back(), message.payload});
    } else if (type == "error") {
      built_.push_back("exception:" + std::string(message.header(":error-code")));
      const std::string_view name = built_.back();
      built_.push_back(R"({"message":)" + json_string(message.header(":error-message")) + "}");
      out.push_back({name, built_.back()});
    } else {
      out.push_back({message.header(":event-type"), message.payload});
    }
  }
  return !framer_.failed();
}

std::string encode_aws_event_message(
    const std::vector<std::pair<std::string, std::string>>& string_headers,
    std::string_view payload) {
  std::string headers;
  for (const auto& [name, value] : string_headers) {
    headers.push_back(static_cast<char>(name.size()));
    headers += name;
    headers.push_back(7);
    headers.push_back(static_cast<char>(value.size() >> 8));
    headers.push_back(static_cast<char>(value.size() & 0xFF));
    headers += value;
  }
  std::string out;
  put_u32(out, static_cast<uint32_t>(kFramingBytes + headers.size() + payload.size()));
  put_u32(out, static_cast<uint32_t>(headers.size()));
  put_u32(out, aws_crc32(out));
  out += headers;
  out += payload;
  put_u32(out, aws_crc32(out));
  return out;
}

}  // namespace sluice::upstream
