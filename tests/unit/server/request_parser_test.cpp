#include "server/request_parser.h"

#include <gtest/gtest.h>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <string>
#include <string_view>

namespace sluice::server {
namespace {

namespace http = boost::beast::http;

// Feeds `text` to the parser in slices of `step` bytes (as reads would bring it) until the
// request is complete or an error; returns that error.
boost::system::error_code feed(RequestParser& parser, std::string_view text, std::size_t step) {
  boost::system::error_code ec;
  std::string pending;
  while (!parser.is_done()) {
    const std::size_t take = std::min(step, text.size());
    pending.append(text.substr(0, take));
    text.remove_prefix(take);
    // The parser stops after the head; put again while it makes progress.
    std::size_t used = 0;
    do {
      used = parser.put(boost::asio::buffer(pending), ec);
      pending.erase(0, used);
      if (ec == http::error::need_more) ec = {};
      if (ec) return ec;
    } while (used > 0 && !parser.is_done() && !pending.empty());
    if (take == 0) break;  // all fed and no more progress
  }
  return ec;
}

TEST(RequestParser, KeepsMethodTargetHeadersAndBody) {
  RequestHead head;
  RequestParser parser(head);
  const std::string text =
      "POST /v1/chat/completions?x=1 HTTP/1.1\r\nHost: gw\r\nX-Request-Id: abc\r\n"
      "Content-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"a\":\"bcd\"}";
  for (std::size_t step : {text.size(), std::size_t{1}, std::size_t{7}}) {
    RequestParser p(head);
    ASSERT_FALSE(feed(p, text, step)) << step;
    ASSERT_TRUE(p.is_done());
    EXPECT_EQ(head.method, http::verb::post);
    EXPECT_EQ(head.target, "/v1/chat/completions?x=1");
    EXPECT_EQ(head["x-request-id"], "abc");
    EXPECT_EQ(head["content-type"], "application/json");
    EXPECT_EQ(p.body(), "{\"a\":\"bcd\"}");
    EXPECT_TRUE(p.keep_alive());
  }
}

TEST(RequestParser, ReadsChunkedBodiesAndStartsEachRequestAfresh) {
  RequestHead head;
  {
    RequestParser first(head);
    ASSERT_FALSE(feed(first,
                      "POST /a HTTP/1.1\r\nX-Only-First: 1\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
                      5));
    EXPECT_EQ(first.body(), "abcde");
  }
  RequestParser second(head);
  ASSERT_FALSE(feed(second, "GET /b HTTP/1.1\r\nConnection: close\r\n\r\n", 64));
  EXPECT_EQ(head.method, http::verb::get);
  EXPECT_EQ(head.target, "/b");
  EXPECT_EQ(head["x-only-first"], "");
  EXPECT_TRUE(second.body().empty());
  EXPECT_FALSE(second.keep_alive());
}

TEST(RequestParser, EnforcesTheBodyAndHeaderLimits) {
  RequestHead head;
  RequestParser declared(head);
  declared.body_limit(10);
  EXPECT_EQ(feed(declared, "POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n01234567890", 64),
            http::error::body_limit);
  RequestParser chunked(head);
  chunked.body_limit(10);
  EXPECT_EQ(feed(chunked,
                 "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n"
                 "6\r\nghijkl\r\n0\r\n\r\n",
                 64),
            http::error::body_limit);
  RequestParser headers(head);
  headers.header_limit(64);
  EXPECT_EQ(feed(headers, "GET / HTTP/1.1\r\nX-Long: " + std::string(100, 'x') + "\r\n\r\n", 16),
            http::error::header_limit);
}

}  // namespace
}  // namespace sluice::server
