// One client connection: reads requests (with header, body and idle limits), hands each to the
// API router, and keeps the connection alive between requests.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <unordered_set>

#include "api/gateway.h"
#include "util/async.h"

namespace sluice::server {

// What a worker knows of its open connections, so shutdown can close the idle ones.
struct SessionRegistry {
  struct Entry {
    TcpSocket* socket = nullptr;
    bool busy = false;
  };
  std::unordered_set<Entry*> entries;
  // Closes every connection not in the middle of a request.
  void close_idle();
};

Awaitable<void> run_session(TcpSocket socket, api::Gateway& gateway, api::Worker& worker,
                            SessionRegistry& sessions);

}  // namespace sluice::server
