#include "api/disconnect_watch.h"

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>

#include "util/async.h"

namespace sluice::api {
namespace asio = boost::asio;

GatewayError caller_gone_error() {
  return GatewayError{ErrorClass::client_closed,
                      "the caller closed the connection before the answer was complete"};
}

void DisconnectWatch::settle(std::optional<GatewayError>& failure) const {
  if (gone_ && failure) failure = caller_gone_error();
}

DisconnectWatch::DisconnectWatch(TcpSocket& client, std::function<void()> on_gone)
    : client_(client), on_gone_(std::move(on_gone)) {}

// A plain completion handler rather than a spawned coroutine and a timer to join it: this runs
// for every proxied request. A one-byte peek rather than async_wait(wait_read): Asio serves a
// wait by re-arming the socket in epoll (one epoll_ctl per request), a receive by trying it at
// once (one recvfrom, EAGAIN while the caller waits: strace) and then waiting on the
// registration the socket already has.
void DisconnectWatch::start() {
  running_ = true;
  client_.async_receive(
      asio::buffer(&peeked_, 1), TcpSocket::message_peek,
      [this](const boost::system::error_code& ec, std::size_t n) { on_readable(ec, n); });
}

void DisconnectWatch::on_readable(const boost::system::error_code& ec, std::size_t n) {
  // Bytes are a pipelined next request (left in the socket: this only peeked); end of stream
  // or a connection error means the caller is gone. A cancelled watch (stop()) is neither.
  if (ec != asio::error::operation_aborted && (ec || n == 0)) {
    gone_ = true;
    if (on_gone_) on_gone_();
  }
  running_ = false;
}

Awaitable<void> DisconnectWatch::stop() {
  if (!running_) co_return;
  boost::system::error_code ec;
  client_.cancel(ec);
  // The cancelled wait's handler is queued now; anything posted after it runs after it.
  while (running_) {
    co_await asio::post(client_.get_executor(), use_awaitable);
  }
}

}  // namespace sluice::api
