#include "http_head.h"

#include <boost/beast/http/status.hpp>

#include "json_writer.h"

namespace mock {

namespace {

void append_status_and_common(std::string& out, const Head& head) {
  out.append("HTTP/1.1 ");
  append_uint(out, static_cast<unsigned>(head.status));
  out.push_back(' ');
  // 529 is Anthropic's (and Cloudflare's) own status: Beast has no reason phrase for it.
  if (head.status == 529) {
    out.append("Site Overloaded");
  } else {
    out.append(
        boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(head.status)));
  }
  out.append("\r\nserver: mock_provider\r\n");
  if (!head.request_id.empty()) {
    out.append(head.request_id_header);
    out.append(": ");
    out.append(head.request_id);
    out.append("\r\n");
  }
  if (head.retry_after >= 0) {
    out.append("retry-after: ");
    append_uint(out, static_cast<unsigned>(head.retry_after));
    out.append("\r\n");
  }
  if (!head.allow.empty()) {
    out.append("allow: ");
    out.append(head.allow);
    out.append("\r\n");
  }
  out.append(head.keep_alive ? "connection: keep-alive\r\n" : "connection: close\r\n");
}

}  // namespace

void append_head(std::string& out, const Head& head, size_t content_length) {
  append_status_and_common(out, head);
  out.append("content-type: ");
  out.append(head.content_type);
  out.append("\r\ncontent-length: ");
  append_uint(out, content_length);
  out.append("\r\n\r\n");
}

void append_stream_head(std::string& out, const Head& head) {
  append_status_and_common(out, head);
  out.append(
      "content-type: text/event-stream; charset=utf-8\r\ncache-control: no-cache\r\n"
      "transfer-encoding: chunked\r\n\r\n");
}

void append_chunk_size(std::string& out, size_t size) {
  constexpr char kHex[] = "0123456789abcdef";
  char buf[16];
  int n = 0;
  do {
    buf[n++] = kHex[size & 0xF];
    size >>= 4;
  } while (size != 0);
  while (n > 0) out.push_back(buf[--n]);
  out.append("\r\n");
}

}  // namespace mock
