// A worker's idle upstream connections, by origin. One pool per worker thread, so no locks.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "upstream/upstream_connection.h"
#include "util/async.h"
#include "util/deadlines.h"

namespace sluice::upstream {

class ConnectionPool {
 public:
  // `deadlines` (the same event loop's) bounds the calls made with this pool's connections.
  ConnectionPool(Executor executor, Deadlines& deadlines)
      : executor_(std::move(executor)), deadlines_(deadlines) {}

  // An idle connection to the target's origin, or null when there is none fresh enough.
  std::unique_ptr<UpstreamConnection> take_idle(const UpstreamTarget& target);
  // A new, not yet connected connection for the target.
  std::unique_ptr<UpstreamConnection> make_new(const UpstreamTarget& target);
  // Keeps a connection whose last response was read to the end, for the next request.
  void give_back(const UpstreamTarget& target, std::unique_ptr<UpstreamConnection> connection);
  // Closes every idle connection (shutdown).
  void clear();

  std::size_t idle_count() const;
  Deadlines& deadlines() { return deadlines_; }

 private:
  Executor executor_;
  Deadlines& deadlines_;
  std::unordered_map<std::string, std::vector<std::unique_ptr<UpstreamConnection>>> idle_;
};

}  // namespace sluice::upstream
