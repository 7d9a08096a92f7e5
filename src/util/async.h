// The asynchronous vocabulary of the gateway's event loops. Each worker owns one io_context and
// everything on it (sockets, timers, coroutines) is typed on that io_context's own executor
// rather than Asio's default any_io_executor: the type-erased executor costs a copy through an
// indirect call every time an operation starts or completes (several thousand instructions per
// proxied request), the concrete one is a pointer.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/basic_stream_socket.hpp>
#include <boost/asio/basic_waitable_timer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>

namespace sluice {

using Executor = boost::asio::io_context::executor_type;

// A coroutine that runs on a worker's (or another io_context's) event loop.
template <class T = void>
using Awaitable = boost::asio::awaitable<T, Executor>;

// The completion token that suspends an Awaitable until the operation completes.
inline constexpr boost::asio::use_awaitable_t<Executor> use_awaitable{};

using TcpSocket = boost::asio::basic_stream_socket<boost::asio::ip::tcp, Executor>;
using TcpAcceptor = boost::asio::basic_socket_acceptor<boost::asio::ip::tcp, Executor>;
using TcpResolver = boost::asio::ip::basic_resolver<boost::asio::ip::tcp, Executor>;
using TcpStream = boost::beast::basic_stream<boost::asio::ip::tcp, Executor>;
using SteadyTimer = boost::asio::basic_waitable_timer<
    std::chrono::steady_clock, boost::asio::wait_traits<std::chrono::steady_clock>, Executor>;

}  // namespace sluice
