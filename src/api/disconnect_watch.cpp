#include "api/disconnect_watch.h"

#include <sys/socket.h>

#include <boost/asio/post.hpp>

#include "util/async.h"

namespace sluice::api {
namespace asio = boost::asio;

DisconnectWatch::DisconnectWatch(TcpSocket& client, std::function<void()> on_gone)
    : client_(client), on_gone_(std::move(on_gone)) {}

// A plain completion handler rather than a spawned coroutine and a timer to join it: this runs
// for every proxied request.
void DisconnectWatch::start() {
  running_ = true;
  client_.async_wait(TcpSocket::wait_read,
                     [this](const boost::system::error_code& ec) { on_readable(ec); });
}

void DisconnectWatch::on_readable(const boost::system::error_code& ec) {
  // Readable means either bytes (a pipelined next request: leave them) or end of stream.
  if (!ec) {
    char byte;
    const auto n = ::recv(client_.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
      gone_ = true;
      if (on_gone_) on_gone_();
    }
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
