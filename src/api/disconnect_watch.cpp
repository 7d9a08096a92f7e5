#include "api/disconnect_watch.h"

#include <sys/socket.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace sluice::api {
namespace asio = boost::asio;

DisconnectWatch::DisconnectWatch(asio::ip::tcp::socket& client, std::function<void()> on_gone)
    : client_(client), on_gone_(std::move(on_gone)), finished_(client.get_executor()) {}

void DisconnectWatch::start() {
  running_ = true;
  finished_.expires_at(asio::steady_timer::time_point::max());
  asio::co_spawn(client_.get_executor(), watch(), asio::detached);
}

asio::awaitable<void> DisconnectWatch::watch() {
  boost::system::error_code ec;
  // Readable means either bytes (a pipelined next request: leave them) or end of stream.
  co_await client_.async_wait(asio::ip::tcp::socket::wait_read,
                              asio::redirect_error(asio::use_awaitable, ec));
  if (!ec) {
    char byte;
    const auto n = ::recv(client_.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
      gone_ = true;
      if (on_gone_) on_gone_();
    }
  }
  running_ = false;
  finished_.cancel();
}

asio::awaitable<void> DisconnectWatch::stop() {
  if (!running_) co_return;
  boost::system::error_code ec;
  client_.cancel(ec);
  while (running_) {
    co_await finished_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

}  // namespace sluice::api
