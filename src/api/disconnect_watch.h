// DisconnectWatch: notices a caller hanging up while the gateway waits on a provider, so the
// upstream request is closed at once instead of running (and billing) to its end.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <functional>
#include <optional>

#include "core/gateway_error.h"

#include "util/async.h"

namespace sluice::api {

// The error of a call whose caller hung up before its answer was complete.
GatewayError caller_gone_error();

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
  // Once the caller is gone, a failure that follows (this watch closed the provider's
  // connection) is the hang-up's doing: it becomes client_closed, neither charged to the
  // provider's health nor recorded as its error. An answer that succeeded stays one.
  void settle(std::optional<GatewayError>& failure) const;

 private:
  void on_readable(const boost::system::error_code& ec, std::size_t n);

  TcpSocket& client_;
  std::function<void()> on_gone_;
  char peeked_ = 0;  // the peek's buffer (the byte stays in the socket)
  bool running_ = false;
  bool gone_ = false;
};

}  // namespace sluice::api
