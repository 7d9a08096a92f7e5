// parse_listen_address: "host:port" forms the server accepts.
#include "config/listen_address.h"

#include <gtest/gtest.h>

namespace sluice::config {
namespace {

std::string parse_error(std::string_view text) {
  auto result = parse_listen_address(text);
  if (auto* error = std::get_if<ListenError>(&result)) return error->message;
  ADD_FAILURE() << text << " parsed";
  return "";
}

TEST(ConfigListenAddress, Ipv4AndNames) {
  auto all = std::get<ListenAddress>(parse_listen_address("0.0.0.0:4000"));
  EXPECT_EQ(all.host, "0.0.0.0");
  EXPECT_EQ(all.port, 4000);
  auto local = std::get<ListenAddress>(parse_listen_address("localhost:65535"));
  EXPECT_EQ(local.host, "localhost");
  EXPECT_EQ(local.port, 65535);
}

TEST(ConfigListenAddress, BracketedIpv6) {
  auto v6 = std::get<ListenAddress>(parse_listen_address("[::1]:4000"));
  EXPECT_EQ(v6.host, "::1");
  EXPECT_EQ(v6.port, 4000);
  EXPECT_EQ(std::get<ListenAddress>(parse_listen_address("[::]:1")).host, "::");
}

TEST(ConfigListenAddress, Rejections) {
  EXPECT_EQ(parse_error("4000"), "expected \"host:port\", e.g. \"0.0.0.0:4000\"");
  EXPECT_EQ(parse_error(":4000"), "host is empty (use 0.0.0.0 for every interface)");
  EXPECT_EQ(parse_error("127.0.0.1:0"), "port must be a number from 1 to 65535");
  EXPECT_EQ(parse_error("127.0.0.1:70000"), "port must be a number from 1 to 65535");
  EXPECT_EQ(parse_error("127.0.0.1:"), "port must be a number from 1 to 65535");
  EXPECT_EQ(parse_error("::1:4000"), "IPv6 hosts must be bracketed, e.g. \"[::1]:4000\"");
  EXPECT_EQ(parse_error("[::1]"), "expected \"[host]:port\", e.g. \"[::1]:4000\"");
  EXPECT_EQ(parse_error("[::1:4000"), "unterminated '[' in host");
  EXPECT_EQ(parse_error("[]:4000"), "invalid IPv6 address");
  EXPECT_EQ(parse_error("my host:4000"), "invalid character in host");
}

}  // namespace
}  // namespace sluice::config
