// HTTP/1.1 response heads written by hand: the mock's replies are few and fixed, so one
// append is cheaper than Beast's header container and serializer on every request.
#pragma once

#include <string>
#include <string_view>

namespace mock {

// Options of one response head.
struct Head {
  int status = 200;
  std::string_view content_type = "application/json";
  std::string_view request_id;                          // sent as `request_id_header`
  std::string_view request_id_header = "x-request-id";  // OpenAI's; Anthropic's is request-id
  bool keep_alive = true;
  int retry_after = -1;    // >= 0: `retry-after` header
  std::string_view allow;  // non-empty: `allow` header (405)
};

// Appends the head of a response with a body of `content_length` bytes.
void append_head(std::string& out, const Head& head, size_t content_length);

// Appends the head of a chunked `text/event-stream` response.
void append_stream_head(std::string& out, const Head& head);

// Appends the line that opens one chunk of `size` bytes in chunked transfer encoding.
void append_chunk_size(std::string& out, size_t size);

}  // namespace mock
