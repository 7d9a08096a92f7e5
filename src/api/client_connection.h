// ClientConnection: how handlers answer the caller, whole or as a chunked stream. It adds the
// headers every response carries (x-request-id, connection) and remembers the status sent.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/gateway_error.h"
#include "util/async.h"

namespace sluice::api {

using HeaderList = std::vector<std::pair<std::string_view, std::string>>;

class ClientConnection {
 public:
  explicit ClientConnection(TcpSocket& socket) : socket_(socket) {}

  // Serializes an error body in the caller's API shape.
  using ErrorWriter = std::string (*)(const GatewayError&);

  // Resets per-request state; called by the session before each request.
  void begin_request(std::string request_id, bool keep_alive);
  // Endpoints of other API shapes (Anthropic's /v1/messages) answer errors in their shape.
  void set_error_writer(ErrorWriter writer) { error_writer_ = writer; }

  // Sends a whole response. Returns false when the client is gone.
  Awaitable<bool> send(int status, std::string_view content_type, std::string body,
                       const HeaderList& headers = {});
  // Sends an error in the caller's API shape (OpenAI's unless set_error_writer said otherwise)
  // with its status (and Retry-After when set).
  Awaitable<bool> send_error(const GatewayError& error);
  Awaitable<bool> send_error(const GatewayError& error, HeaderList headers);

  // Starts a chunked response (for SSE); then write_chunk as data comes, end_stream at the end.
  // The head goes out with the first chunk, in one write: callers begin a stream only once its
  // first content is at hand, and one write is one segment and one wake-up for the caller.
  Awaitable<bool> begin_stream(int status, std::string_view content_type,
                               const HeaderList& headers = {});
  // `last`: the stream's end goes out in the same write; after it, write_chunk and end_stream
  // write nothing.
  Awaitable<bool> write_chunk(std::string_view data, bool last = false);
  // Writes the pieces, in order, as one chunk (gathered by the kernel, not copied here).
  Awaitable<bool> write_chunk(std::span<const std::string_view> pieces, bool last = false);
  Awaitable<bool> end_stream();

  // Adds a header to whatever response this request ends with (routing facts such as
  // x-sluice-provider, known before the answer is).
  void add_header(std::string_view name, std::string_view value);
  // Forgets the headers add_header gave (a retry routes the request elsewhere).
  void clear_added_headers() { extra_headers_.clear(); }

  // Asks that the connection be closed after this response.
  void close_after() { keep_alive_ = false; }
  bool keep_alive() const { return keep_alive_ && !failed_; }
  int status() const { return status_; }
  bool response_started() const { return status_ != 0; }
  const std::string& request_id() const { return request_id_; }
  // When the response head went out (a stream's head waits for its first content): the time
  // to first token as the caller sees it.
  std::chrono::steady_clock::time_point head_sent_at() const { return head_sent_at_; }
  // The error this response reported, when it was one (send_error), for the call record.
  const std::optional<GatewayError>& sent_error() const { return sent_error_; }
  TcpSocket& socket() { return socket_; }

 private:
  std::string head(int status, std::string_view content_type, const HeaderList& headers,
                   bool chunked, std::size_t content_length) const;
  // Writes a stream's pending head (if any), then a, b and c, in one gathered write.
  Awaitable<bool> write_buffers(std::string_view a, std::string_view b, std::string_view c = {});

  TcpSocket& socket_;
  std::string request_id_;
  bool keep_alive_ = true;
  bool failed_ = false;
  int status_ = 0;
  ErrorWriter error_writer_ = nullptr;
  std::string extra_headers_;  // "name: value\r\n" lines from add_header
  std::chrono::steady_clock::time_point head_sent_at_{};
  std::string pending_head_;   // a stream's head, until its first chunk (begin_stream)
  bool stream_ended_ = false;  // the last chunk carried the stream's end
  std::optional<GatewayError> sent_error_;
};

}  // namespace sluice::api
