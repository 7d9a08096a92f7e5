#include "connection.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <atomic>
#include <chrono>
#include <span>

#include "json_writer.h"

namespace mock {

namespace {
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
}  // namespace

asio::awaitable<void> sleep_ms(Connection& conn, int ms) {
  asio::steady_timer timer(conn.socket.get_executor());
  timer.expires_after(std::chrono::milliseconds(ms));
  co_await timer.async_wait(kNoThrow);
}

asio::awaitable<bool> write_buffers(Connection& conn, const asio::const_buffer* buffers,
                                    size_t count) {
  auto [ec, n] = co_await asio::async_write(conn.socket, std::span(buffers, count), kNoThrow);
  (void)n;
  co_return !ec;
}

asio::awaitable<void> hang_until_closed(Connection& conn) {
  char sink[1024];
  for (;;) {
    auto [ec, n] = co_await conn.socket.async_read_some(asio::buffer(sink), kNoThrow);
    (void)n;
    if (ec) co_return;
  }
}

void reset_connection(Connection& conn) {
  boost::system::error_code ec;
  conn.socket.set_option(asio::socket_base::linger(true, 0), ec);
  conn.socket.close(ec);
}

void next_id(Connection& conn, std::string_view prefix) {
  // A tag per thread plus a per-thread counter: unique ids without a shared atomic per request.
  static std::atomic<unsigned> next_tag{0};
  thread_local const unsigned tag = next_tag.fetch_add(1);
  thread_local unsigned long long counter = 0;
  conn.id.assign(prefix);
  append_uint(conn.id, tag);
  conn.id.push_back('-');
  append_uint(conn.id, ++counter);
}

}  // namespace mock
