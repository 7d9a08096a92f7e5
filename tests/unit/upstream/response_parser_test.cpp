#include "upstream/response_parser.h"

#include <gtest/gtest.h>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <string>
#include <utility>
#include <vector>

namespace sluice::upstream {
namespace {

namespace http = boost::beast::http;

// Feeds the whole text to the parser, collecting the body a piece buffer at a time.
std::string parse_all(ResponseParser& parser, std::string_view text, std::size_t piece_size) {
  std::string body;
  std::vector<char> piece(piece_size);
  boost::system::error_code ec;
  parser.body_limit(boost::none);
  while (!parser.is_done()) {
    parser.body_data = piece.data();
    parser.body_size = piece.size();
    const std::size_t used = parser.put(boost::asio::buffer(text.data(), text.size()), ec);
    text.remove_prefix(used);
    body.append(piece.data(), piece.size() - parser.body_size);
    if (ec == http::error::need_buffer) ec = {};
    if (ec) {
      ADD_FAILURE() << ec.message();
      break;
    }
    if (used == 0 && parser.body_size == piece.size() && !parser.is_done()) {
      ADD_FAILURE() << "no progress";
      break;
    }
  }
  return body;
}

TEST(ResponseParser, KeepsStatusHeadersInOrderAndBody) {
  ResponseHead head;
  ResponseParser parser(head);
  const std::string body = parse_all(parser,
                                     "HTTP/1.1 429 Too Many Requests\r\n"
                                     "Content-Type: application/json\r\n"
                                     "x-ratelimit-remaining: 0\r\n"
                                     "Retry-After:  2 \r\n"
                                     "X-Ratelimit-Remaining: 1\r\n"
                                     "Content-Length: 11\r\n\r\n"
                                     "{\"error\":1}",
                                     4);
  EXPECT_EQ(body, "{\"error\":1}");
  EXPECT_EQ(head.status(), 429);
  EXPECT_EQ(head.find("content-type"), "application/json");
  EXPECT_EQ(head.find("RETRY-AFTER"), "2");
  EXPECT_EQ(head.find("x-ratelimit-remaining"), "0");  // the first of two
  EXPECT_EQ(head.find("absent"), "");
  std::vector<std::pair<std::string, std::string>> all;
  head.for_each([&](std::string_view n, std::string_view v) { all.emplace_back(n, v); });
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].first, "Content-Type");
  EXPECT_EQ(all[3].first, "X-Ratelimit-Remaining");
  EXPECT_EQ(all[3].second, "1");
  EXPECT_TRUE(parser.keep_alive());
}

TEST(ResponseParser, ReadsChunkedBodiesAndIsReusedPerResponse) {
  ResponseHead head;
  {
    ResponseParser parser(head);
    EXPECT_EQ(head.status(), 200);  // before a status line, as an empty Beast response
    const std::string body = parse_all(parser,
                                       "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                                       "Connection: close\r\n\r\n"
                                       "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
                                       3);
    EXPECT_EQ(body, "hello world");
    EXPECT_FALSE(parser.keep_alive());
  }
  ResponseParser next(head);  // a new response on the same connection starts empty
  EXPECT_EQ(head.find("connection"), "");
  parse_all(next, "HTTP/1.1 204 No Content\r\nA: b\r\n\r\n", 8);
  EXPECT_EQ(head.status(), 204);
  EXPECT_EQ(head.find("a"), "b");
}

}  // namespace
}  // namespace sluice::upstream
