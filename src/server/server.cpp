#include "server/server.h"

#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <thread>

#include "api/gateway.h"
#include "core/free_memory.h"
#include "core/thread_name.h"
#include "server/http_session.h"
#include "telemetry/recording_setup.h"
#include "util/async.h"

namespace sluice::server {
namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

namespace {

// SO_REUSEPORT lets every worker own an acceptor on the same port; the kernel spreads new
// connections across them, so no accept lock and no hand-off between threads.
using reuse_port = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

// How often free memory is handed back to the OS while serving (see Server::run).
constexpr auto kMemoryReleasePeriod = std::chrono::seconds(10);

// One worker thread's world: its event loop, its acceptor, its connections and pools.
struct WorkerRuntime {
  // One thread runs it, and every other thread reaches it by post only (shutdown, token
  // fetches): the per-socket locks of the reactor are not needed. The scheduler and the
  // registration of sockets and timers stay locked, so post from another thread is safe.
  asio::io_context ioc{BOOST_ASIO_CONCURRENCY_HINT_UNSAFE_IO};
  api::Worker worker;
  TcpAcceptor acceptor{ioc};
  SessionRegistry sessions;
  std::thread thread;

  explicit WorkerRuntime(unsigned index) : worker(index, ioc.get_executor()) {}
};

void open_acceptor(TcpAcceptor& acceptor, const tcp::endpoint& endpoint) {
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.set_option(reuse_port(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
}

Awaitable<void> accept_loop(WorkerRuntime& runtime, api::Gateway& gateway) {
  for (;;) {
    error_code ec;
    TcpSocket socket =
        co_await runtime.acceptor.async_accept(asio::redirect_error(use_awaitable, ec));
    if (ec == asio::error::operation_aborted || !runtime.acceptor.is_open()) co_return;
    if (ec) continue;  // e.g. EMFILE: keep serving the connections already open
    asio::co_spawn(runtime.ioc,
                   run_session(std::move(socket), gateway, runtime.worker, runtime.sessions),
                   asio::detached);
  }
}

}  // namespace

struct Server::Impl {
  const config::Config& config;
  unsigned worker_count;
  telemetry::Metrics metrics;
  telemetry::CallMetrics call_metrics;
  routing::ModelRegistry models;
  api::Gateway gateway;
  std::unique_ptr<telemetry::Recorder> recorder;
  asio::thread_pool admin_pool{1};  // admin queries of the records (blocking SQLite reads)
  std::vector<std::unique_ptr<WorkerRuntime>> workers;

  explicit Impl(const config::Config& c)
      : config(c),
        worker_count(c.server.workers ? c.server.workers
                                      : std::max(1u, std::thread::hardware_concurrency())),
        metrics(worker_count),
        models(c),
        gateway{c, models, metrics},
        recorder(telemetry::start_recording(c, call_metrics)) {
    gateway.recorder = recorder.get();
    gateway.call_metrics = &call_metrics;
    if (recorder) {
      gateway.admin_pool = &admin_pool;
      gateway.records_path = telemetry::records_sqlite_path(c);
    }
  }

  void listen() {
    tcp::endpoint endpoint(asio::ip::make_address(config.server.host), config.server.port);
    for (unsigned i = 0; i < worker_count; ++i) {
      workers.push_back(std::make_unique<WorkerRuntime>(i));
      open_acceptor(workers.back()->acceptor, endpoint);
      // With port 0 the first bind picks a free port; the other workers share that one.
      if (i == 0) endpoint.port(workers.back()->acceptor.local_endpoint().port());
    }
    spdlog::info("sluice {} listening on {}:{} with {} worker(s)", SLUICE_VERSION,
                 endpoint.address().to_string(), endpoint.port(), worker_count);
  }

  Awaitable<void> drain() {
    gateway.draining.store(true);
    for (auto& w : workers) {
      asio::post(w->ioc, [&runtime = *w] {
        error_code ignored;
        runtime.acceptor.close(ignored);
        runtime.sessions.close_idle();
      });
    }
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::milliseconds(config.server.shutdown_grace_ms);
    SteadyTimer timer(co_await asio::this_coro::executor);
    while (metrics.in_flight().load() > 0 && std::chrono::steady_clock::now() < deadline) {
      timer.expires_after(std::chrono::milliseconds(10));
      co_await timer.async_wait(use_awaitable);
    }
    if (metrics.in_flight().load() > 0) {
      spdlog::warn("shutdown grace period over with {} request(s) still in flight",
                   metrics.in_flight().load());
    }
    for (auto& w : workers) {
      asio::post(w->ioc, [&runtime = *w] {
        runtime.worker.pool.clear();
        runtime.ioc.stop();
      });
    }
  }
};

Server::Server(const config::Config& config) : impl_(std::make_unique<Impl>(config)) {}
Server::~Server() = default;

int Server::run() {
  impl_->listen();
  return_free_memory_to_os();  // start-up's temporaries, before the workers start
  for (auto& w : impl_->workers) {
    asio::co_spawn(w->ioc, accept_loop(*w, impl_->gateway), asio::detached);
    w->thread = std::thread([&ioc = w->ioc, index = w->worker.index] {
      name_this_thread("sluice-worker" + std::to_string(index));
      ioc.run();
    });
  }
  asio::io_context control;
  // Memory freed after a burst of load stays with the allocator unless it is handed back: every
  // few seconds, free pages go back to the OS (from this thread, never a worker's).
  SteadyTimer release_timer(control);
  std::function<void()> release_later = [&] {
    release_timer.expires_after(kMemoryReleasePeriod);
    release_timer.async_wait([&](const error_code& ec) {
      if (ec) return;
      return_free_memory_to_os();
      release_later();
    });
  };
  if (free_memory_release_is_cheap()) release_later();
  asio::signal_set signals(control, SIGINT, SIGTERM);
  signals.async_wait([&](const error_code& ec, int signal) {
    if (ec) return;
    release_timer.cancel();  // the control loop ends once the drain is done
    spdlog::info("signal {} received: draining in-flight requests", signal);
    asio::co_spawn(control, impl_->drain(), asio::detached);
  });
  control.run();
  for (auto& w : impl_->workers) w->thread.join();
  if (impl_->recorder) {
    impl_->recorder->stop();  // every record of a finished request is written before exit
    spdlog::info("call records flushed: {} written, {} dropped", impl_->call_metrics.written(),
                 impl_->call_metrics.dropped());
  }
  spdlog::info("sluice stopped");
  return 0;
}

}  // namespace sluice::server
