// DisconnectWatch: notices a caller hanging up while the gateway waits on a provider, so the
// upstream request is closed at once instead of running (and billing) to its end.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <functional>

#include "util/async.h"

namespace sluice::api {

class DisconnectWatch {
 public:
  // on_gone runs once if the client closes its side before stop().
  DisconnectWatch(TcpSocket& client, std::function<void()> on_gone);
  DisconnectWatch(const DisconnectWatch&) = delete;
  DisconnectWatch& operator=(const DisconnectWatch&) = delete;

  // Starts watching; the socket must have no read pending meanwhile.
  void start();
  // Stops watching and waits until the watcher has let go of this object.
  Awaitable<void> stop();
  bool client_gone() const { return gone_; }

 private:
  void on_readable(const boost::system::error_code& ec, std::size_t n);

  TcpSocket& client_;
  std::function<void()> on_gone_;
  char peeked_ = 0;  // the peek's buffer (the byte stays in the socket)
  bool running_ = false;
  bool gone_ = false;
};

}  // namespace sluice::api
