#include "mock_server.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fmt/format.h>
#include <sys/socket.h>

#include "session.h"

namespace mock {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using reuse_port = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

// One thread's world: a single-threaded io_context (concurrency hint 1: no locking inside)
// and its acceptor.
struct MockServer::Worker {
  asio::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
};

MockServer::MockServer(const Options& options) : options_(options) {}

MockServer::~MockServer() { stop(); }

namespace {

bool open_acceptor(tcp::acceptor& acceptor, const tcp::endpoint& endpoint,
                   boost::system::error_code& ec) {
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.set_option(reuse_port(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  return !ec;
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, const Options& options) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) continue;  // e.g. EMFILE: keep serving the connections we have
    asio::co_spawn(acceptor.get_executor(), run_session(std::move(socket), options),
                   asio::detached);
  }
}

}  // namespace

unsigned short MockServer::listen(std::string& error) {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(options_.host, ec);
  if (ec) {
    error = fmt::format("bad --host '{}': {}", options_.host, ec.message());
    return 0;
  }
  tcp::endpoint endpoint(address, options_.port);
  for (unsigned i = 0; i < options_.threads; ++i) {
    auto worker = std::make_unique<Worker>();
    if (!open_acceptor(worker->acceptor, endpoint, ec)) {
      error =
          fmt::format("cannot listen on {}:{}: {}", options_.host, endpoint.port(), ec.message());
      return 0;
    }
    // With --port 0 the first bind picks the port; the others join it through SO_REUSEPORT.
    endpoint.port(worker->acceptor.local_endpoint().port());
    workers_.push_back(std::move(worker));
  }
  return endpoint.port();
}

void MockServer::start() {
  for (auto& worker : workers_) {
    asio::co_spawn(worker->ioc, accept_loop(worker->acceptor, options_), asio::detached);
    threads_.emplace_back([w = worker.get()] { w->ioc.run(); });
  }
}

void MockServer::stop() {
  for (auto& worker : workers_) worker->ioc.stop();
  for (auto& thread : threads_) thread.join();
  threads_.clear();
}

}  // namespace mock
