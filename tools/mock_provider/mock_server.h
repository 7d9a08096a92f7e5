// The listener: N threads, each with its own io_context and its own SO_REUSEPORT acceptor on
// the same port, so the kernel spreads connections and no thread shares state with another.
#pragma once

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "options.h"

namespace mock {

// Owns the threads and their io_contexts. listen() then start(); stop() from any thread.
class MockServer {
 public:
  explicit MockServer(const Options& options);
  ~MockServer();
  MockServer(const MockServer&) = delete;
  MockServer& operator=(const MockServer&) = delete;

  // Binds every acceptor; returns the bound port (the real one for --port 0), or 0 with
  // `error` set.
  unsigned short listen(std::string& error);
  // Starts one thread per io_context.
  void start();
  // Stops every io_context and joins the threads.
  void stop();

 private:
  struct Worker;
  const Options& options_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::thread> threads_;
};

}  // namespace mock
