// Server: the worker threads (one io_context each), their listeners, and graceful shutdown.
#pragma once

#include <functional>
#include <memory>

#include "config/config.h"

namespace sluice::server {

class Server {
 public:
  explicit Server(const config::Config& config);
  ~Server();
  // Serves until SIGTERM/SIGINT, drains in-flight requests (bounded by the grace period),
  // then returns the process exit code.
  int run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sluice::server
