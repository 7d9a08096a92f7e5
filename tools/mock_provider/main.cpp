// mock_provider: a fast, deterministic OpenAI-compatible upstream with fault injection, for
// Sluice's end-to-end tests and benchmarks. See README.md beside this file.
#include <csignal>
#include <cstdio>
#include <string>

#include "mock_server.h"
#include "options.h"

int main(int argc, char** argv) {
  int exit_code = 0;
  auto options = mock::parse_options(argc, argv, exit_code);
  if (!options) return exit_code;

  // Writes to a closed peer must fail with EPIPE, not kill the process.
  std::signal(SIGPIPE, SIG_IGN);
  // Block the stop signals before any thread starts so only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  mock::MockServer server(*options);
  std::string error;
  const unsigned short port = server.listen(error);
  if (port == 0) {
    std::fprintf(stderr, "mock_provider: %s\n", error.c_str());
    return 1;
  }
  server.start();
  std::printf("mock_provider listening on %s:%u\n", options->host.c_str(), port);
  std::fflush(stdout);

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  server.stop();
  return 0;
}
