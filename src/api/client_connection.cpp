#include "api/client_connection.h"

#include <fmt/format.h>
#include <array>
#include <boost/asio/buffer.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/status.hpp>
#include <charconv>
#include <vector>

#include "util/async.h"

namespace sluice::api {
namespace asio = boost::asio;
namespace http = boost::beast::http;

void ClientConnection::begin_request(std::string request_id, bool keep_alive) {
  request_id_ = std::move(request_id);
  keep_alive_ = keep_alive;
  status_ = 0;
  error_writer_ = nullptr;
  extra_headers_.clear();
  sent_error_.reset();
  pending_head_.clear();
  stream_ended_ = false;
}

// The response head is written by hand: it is a few fixed lines, and building it directly
// avoids a header container and a serializer per response on the hot path.
std::string ClientConnection::head(int status, std::string_view content_type,
                                   const HeaderList& headers, bool chunked,
                                   std::size_t content_length) const {
  const std::string_view reason = http::obsolete_reason(static_cast<http::status>(status));
  char numbers[48];
  char* const status_end = std::to_chars(numbers, numbers + 8, status).ptr;
  char* const length_end = std::to_chars(status_end, numbers + sizeof numbers, content_length).ptr;
  const std::string_view status_text(numbers, status_end - numbers);
  const std::string_view length_text(status_end, length_end - status_end);
  std::size_t size =
      128 + reason.size() + content_type.size() + request_id_.size() + extra_headers_.size();
  for (const auto& [name, value] : headers) size += name.size() + value.size() + 4;
  std::string out;
  out.reserve(size);
  out.append("HTTP/1.1 ").append(status_text).append(" ").append(reason).append("\r\n");
  if (!content_type.empty()) out.append("content-type: ").append(content_type).append("\r\n");
  if (chunked) {
    out += "transfer-encoding: chunked\r\n";
  } else {
    out.append("content-length: ").append(length_text).append("\r\n");
  }
  out.append("x-request-id: ").append(request_id_).append("\r\n");
  out.append(extra_headers_);
  for (const auto& [name, value] : headers)
    out.append(name).append(": ").append(value).append("\r\n");
  out += keep_alive_ ? "connection: keep-alive\r\n\r\n" : "connection: close\r\n\r\n";
  return out;
}

void ClientConnection::add_header(std::string_view name, std::string_view value) {
  extra_headers_.append(name).append(": ").append(value).append("\r\n");
}

Awaitable<bool> ClientConnection::write_buffers(std::string_view a, std::string_view b,
                                                std::string_view c) {
  if (failed_) co_return false;
  boost::system::error_code ec;
  std::array<asio::const_buffer, 4> buffers{
      asio::buffer(pending_head_), asio::buffer(a.data(), a.size()),
      asio::buffer(b.data(), b.size()), asio::buffer(c.data(), c.size())};
  co_await asio::async_write(socket_, buffers, asio::redirect_error(use_awaitable, ec));
  pending_head_.clear();
  if (ec) failed_ = true;
  co_return !failed_;
}

Awaitable<bool> ClientConnection::send(int status, std::string_view content_type, std::string body,
                                       const HeaderList& headers) {
  status_ = status;
  head_sent_at_ = std::chrono::steady_clock::now();
  const std::string h = head(status, content_type, headers, false, body.size());
  const bool ok = co_await write_buffers(h, body);
  co_return ok;
}

Awaitable<bool> ClientConnection::send_error(const GatewayError& error) {
  HeaderList none;  // a named local: see the coroutine rules in docs/ARCHITECTURE.md
  const bool ok = co_await send_error(error, std::move(none));
  co_return ok;
}

Awaitable<bool> ClientConnection::send_error(const GatewayError& error, HeaderList headers) {
  sent_error_ = error;
  if (!error.retry_after.empty()) headers.emplace_back("retry-after", error.retry_after);
  std::string body = error_writer_ ? error_writer_(error) : error.to_openai_json();
  const bool ok = co_await send(error.http_status(), "application/json", std::move(body), headers);
  co_return ok;
}

Awaitable<bool> ClientConnection::begin_stream(int status, std::string_view content_type,
                                               const HeaderList& headers) {
  status_ = status;
  head_sent_at_ = std::chrono::steady_clock::now();  // it leaves with the content at hand
  pending_head_ = head(status, content_type, headers, true, 0);
  co_return !failed_;
}

namespace {

// What follows a chunk's data: its CRLF, and with the last one the chunked body's end.
constexpr std::string_view kChunkEnd = "\r\n";
constexpr std::string_view kChunkEndAndLast = "\r\n0\r\n\r\n";
constexpr std::string_view kLastChunk = "0\r\n\r\n";

}  // namespace

Awaitable<bool> ClientConnection::write_chunk(std::string_view data, bool last) {
  if (stream_ended_) co_return !failed_;  // nothing follows a stream's end
  stream_ended_ = last;
  if (data.empty()) {  // an empty chunk would end the chunked body: only a pending head, or the end
    if (last || !pending_head_.empty()) {
      const bool ok = co_await write_buffers(last ? kLastChunk : std::string_view(), {});
      co_return ok;
    }
    co_return !failed_;
  }
  const std::string size_line = fmt::format("{:x}\r\n", data.size());
  const bool ok = co_await write_buffers(size_line, data, last ? kChunkEndAndLast : kChunkEnd);
  co_return ok;
}

Awaitable<bool> ClientConnection::write_chunk(std::span<const std::string_view> pieces, bool last) {
  std::size_t total = 0;
  for (const auto piece : pieces) total += piece.size();
  if (pieces.size() == 1 || total == 0) {
    const bool ok = co_await write_chunk(total == 0 ? std::string_view() : pieces.front(), last);
    co_return ok;
  }
  if (stream_ended_) co_return !failed_;  // nothing follows a stream's end
  if (failed_) co_return false;
  stream_ended_ = last;
  const std::string size_line = fmt::format("{:x}\r\n", total);
  std::vector<asio::const_buffer> buffers;
  buffers.reserve(pieces.size() + 3);
  if (!pending_head_.empty()) buffers.push_back(asio::buffer(pending_head_));
  buffers.push_back(asio::buffer(size_line));
  for (const auto piece : pieces) buffers.push_back(asio::buffer(piece.data(), piece.size()));
  const std::string_view end = last ? kChunkEndAndLast : kChunkEnd;
  buffers.push_back(asio::buffer(end.data(), end.size()));
  boost::system::error_code ec;
  co_await asio::async_write(socket_, buffers, asio::redirect_error(use_awaitable, ec));
  pending_head_.clear();
  if (ec) failed_ = true;
  co_return !failed_;
}

Awaitable<bool> ClientConnection::end_stream() {
  if (stream_ended_) co_return !failed_;
  stream_ended_ = true;
  const bool ok = co_await write_buffers(kLastChunk, {});
  co_return ok;
}

}  // namespace sluice::api
