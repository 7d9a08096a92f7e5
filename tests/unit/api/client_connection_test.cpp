#include "api/client_connection.h"

#include <gtest/gtest.h>

#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <span>
#include <string>
#include <string_view>

namespace sluice::api {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

// A connected pair on loopback: the gateway's side (a ClientConnection writes to it) and the
// caller's side, read synchronously. A completed write is in the caller's receive queue at once.
class StreamTest : public ::testing::Test {
 protected:
  StreamTest() : gateway_(io_), caller_(io_) {
    TcpAcceptor acceptor(io_, {asio::ip::make_address("127.0.0.1"), 0});
    caller_.connect(acceptor.local_endpoint());
    acceptor.accept(gateway_);
  }

  // Everything the caller can read now (nothing: "").
  std::string readable() {
    std::string out(caller_.available(), '\0');
    if (!out.empty()) asio::read(caller_, asio::buffer(out));
    return out;
  }

  // Runs `body` as a coroutine on the test's io_context, to its end.
  template <class Body>
  void run(Body body) {
    asio::co_spawn(io_, body(), asio::detached);
    io_.run();
    io_.restart();
  }

  asio::io_context io_;
  TcpSocket gateway_;
  tcp::socket caller_;
};

TEST_F(StreamTest, TheHeadLeavesWithTheFirstChunkAndTheLastChunkCarriesTheEnd) {
  ClientConnection client(gateway_);
  client.begin_request("req-1", true);
  std::string after_begin, after_first, after_last, after_end;
  run([&]() -> Awaitable<void> {
    const HeaderList none;  // a named local: see the coroutine rules in docs/ARCHITECTURE.md
    const bool begun = co_await client.begin_stream(200, "text/event-stream", none);
    EXPECT_TRUE(begun);
    after_begin = readable();
    const bool first = co_await client.write_chunk(std::string_view("data: a\n\n"));
    EXPECT_TRUE(first);
    after_first = readable();
    const std::array<std::string_view, 2> pieces{"data: b\n\n", "data: [DONE]\n\n"};
    const std::span<const std::string_view> span(pieces);
    const bool last = co_await client.write_chunk(span, true);
    EXPECT_TRUE(last);
    after_last = readable();
    const bool late = co_await client.write_chunk(std::string_view("data: late\n\n"));
    EXPECT_TRUE(late);
    const bool ended = co_await client.end_stream();
    EXPECT_TRUE(ended);
    after_end = readable();
  });
  EXPECT_EQ(after_begin, "");  // the head waits for content
  EXPECT_TRUE(after_first.starts_with("HTTP/1.1 200 OK\r\n")) << after_first;
  EXPECT_NE(after_first.find("transfer-encoding: chunked\r\n"), std::string::npos);
  EXPECT_NE(after_first.find("x-request-id: req-1\r\n"), std::string::npos);
  EXPECT_TRUE(after_first.ends_with("\r\n\r\n9\r\ndata: a\n\n\r\n")) << after_first;
  EXPECT_EQ(after_last, "17\r\ndata: b\n\ndata: [DONE]\n\n\r\n0\r\n\r\n");
  EXPECT_EQ(after_end, "");  // the end went out with the last chunk; nothing follows it
  EXPECT_EQ(client.status(), 200);
}

TEST_F(StreamTest, AStreamWithoutContentStillSendsItsHeadAndItsEnd) {
  ClientConnection client(gateway_);
  client.begin_request("req-2", true);
  std::string flushed, ended;
  run([&]() -> Awaitable<void> {
    const HeaderList none;
    co_await client.begin_stream(200, "text/event-stream", none);
    co_await client.write_chunk(std::string_view());  // no chunk of its own: the head alone
    flushed = readable();
    co_await client.end_stream();
    ended = readable();
  });
  EXPECT_TRUE(flushed.starts_with("HTTP/1.1 200 OK\r\n")) << flushed;
  EXPECT_TRUE(flushed.ends_with("\r\n\r\n")) << flushed;
  EXPECT_EQ(ended, "0\r\n\r\n");
}

TEST_F(StreamTest, EndStreamAloneSendsThePendingHeadWithTheEnd) {
  ClientConnection client(gateway_);
  client.begin_request("req-3", true);
  run([&]() -> Awaitable<void> {
    const HeaderList none;
    co_await client.begin_stream(200, "text/event-stream", none);
    co_await client.end_stream();
  });
  const std::string all = readable();
  EXPECT_TRUE(all.starts_with("HTTP/1.1 200 OK\r\n")) << all;
  EXPECT_TRUE(all.ends_with("\r\n\r\n0\r\n\r\n")) << all;
}

}  // namespace
}  // namespace sluice::api
