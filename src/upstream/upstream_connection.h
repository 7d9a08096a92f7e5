// One keep-alive connection to an upstream origin, plain TCP or TLS.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <memory>
#include <variant>

#include "upstream/response_parser.h"
#include "upstream/upstream_target.h"
#include "util/async.h"

namespace sluice::upstream {

// Plain sockets: the timeouts are the call's (util/deadlines), not a timer per read.
using PlainStream = TcpSocket;
using TlsStream = boost::beast::ssl_stream<TcpSocket>;

// Socket read size for upstream responses.
inline constexpr std::size_t kReadBufferBytes = 16 * 1024;

// A connected stream plus the read buffer that must survive between requests on it, and the
// storage each response on it reuses: the parsed head, and the piece the body is copied into.
class UpstreamConnection {
 public:
  UpstreamConnection(Executor executor, const UpstreamTarget& target);

  // Resolves, connects and (for TLS) handshakes with SNI and host-name verification. Not
  // bounded in time here: the caller closes the connection when its deadline passes.
  Awaitable<boost::system::error_code> connect(const UpstreamTarget& target);

  // Calls f with the concrete stream (PlainStream& or TlsStream&).
  template <class F>
  decltype(auto) visit(F&& f) {
    return std::visit(std::forward<F>(f), stream_);
  }

  boost::beast::flat_buffer& buffer() { return buffer_; }
  ResponseHead& head() { return head_; }
  // kReadBufferBytes where a response's body is read to, a piece at a time.
  char* piece() { return piece_.get(); }
  void close();
  bool reused() const { return uses_ > 1; }
  void mark_used() { ++uses_; }
  std::chrono::steady_clock::time_point idle_since;

 private:
  TcpSocket& tcp();  // the TCP layer under either stream

  std::variant<PlainStream, TlsStream> stream_;
  boost::beast::flat_buffer buffer_;
  ResponseHead head_;
  std::unique_ptr<char[]> piece_;
  unsigned uses_ = 0;
  bool closed_ = false;
};

}  // namespace sluice::upstream
