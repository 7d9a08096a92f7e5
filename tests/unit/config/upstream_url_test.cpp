// parse_upstream_url: the base URL forms providers are configured with, and the ones refused.
#include "config/upstream_url.h"

#include <gtest/gtest.h>

namespace sluice::config {
namespace {

UpstreamUrl parse_ok(std::string_view text) {
  auto result = parse_upstream_url(text);
  if (auto* error = std::get_if<UrlError>(&result)) {
    ADD_FAILURE() << text << ": " << error->message;
    return {};
  }
  return std::get<UpstreamUrl>(result);
}

std::string parse_error(std::string_view text) {
  auto result = parse_upstream_url(text);
  if (auto* error = std::get_if<UrlError>(&result)) return error->message;
  ADD_FAILURE() << text << " parsed";
  return "";
}

TEST(ConfigUpstreamUrl, HttpsWithPathDefaultsTo443) {
  UpstreamUrl url = parse_ok("https://api.openai.com/v1");
  EXPECT_TRUE(url.tls);
  EXPECT_EQ(url.host, "api.openai.com");
  EXPECT_EQ(url.port, 443);
  EXPECT_EQ(url.base_path, "/v1");
}

TEST(ConfigUpstreamUrl, HttpWithPortAndDeepPath) {
  UpstreamUrl url = parse_ok("http://127.0.0.1:11434/openai/v1");
  EXPECT_FALSE(url.tls);
  EXPECT_EQ(url.host, "127.0.0.1");
  EXPECT_EQ(url.port, 11434);
  EXPECT_EQ(url.base_path, "/openai/v1");
}

TEST(ConfigUpstreamUrl, HttpDefaultsTo80) {
  EXPECT_EQ(parse_ok("http://localhost").port, 80);
  EXPECT_EQ(parse_ok("HTTPS://Example.com").port, 443);
}

TEST(ConfigUpstreamUrl, TrailingSlashesAreDropped) {
  EXPECT_EQ(parse_ok("https://h/v1/").base_path, "/v1");
  EXPECT_EQ(parse_ok("https://h/v1//").base_path, "/v1");
  EXPECT_EQ(parse_ok("https://h/").base_path, "");
  EXPECT_EQ(parse_ok("https://h").base_path, "");
}

TEST(ConfigUpstreamUrl, BracketedIpv6IsStoredBare) {
  UpstreamUrl url = parse_ok("http://[::1]:8000/v1");
  EXPECT_EQ(url.host, "::1");
  EXPECT_EQ(url.port, 8000);
  EXPECT_EQ(parse_ok("https://[fe80::1]").port, 443);
}

TEST(ConfigUpstreamUrl, RefusesOtherSchemes) {
  const std::string message = "scheme must be http or https (e.g. https://api.example.com/v1)";
  EXPECT_EQ(parse_error("ftp://h/v1"), message);
  EXPECT_EQ(parse_error("api.openai.com/v1"), message);
  EXPECT_EQ(parse_error("https:/h"), message);
}

TEST(ConfigUpstreamUrl, RefusesBadHostsAndPorts) {
  EXPECT_EQ(parse_error(""), "URL is empty");
  EXPECT_EQ(parse_error("https://"), "host is empty");
  EXPECT_EQ(parse_error("https:///v1"), "host is empty");
  EXPECT_EQ(parse_error("https://:443/v1"), "host is empty");
  EXPECT_EQ(parse_error("https://h:0"), "port must be a number from 1 to 65535");
  EXPECT_EQ(parse_error("https://h:65536"), "port must be a number from 1 to 65535");
  EXPECT_EQ(parse_error("https://h:"), "port must be a number from 1 to 65535");
  EXPECT_EQ(parse_error("https://h:8a"), "port must be a number from 1 to 65535");
  EXPECT_EQ(parse_error("https://h$st/v1"), "invalid character in host");
  EXPECT_EQ(parse_error("http://::1:80"), "invalid character in host");
  EXPECT_EQ(parse_error("http://[::1"), "unterminated '[' in host");
  EXPECT_EQ(parse_error("http://[::1]x"), "unexpected text after ']'");
  EXPECT_EQ(parse_error("http://[zz]:80"), "invalid IPv6 address");
}

TEST(ConfigUpstreamUrl, RefusesCredentialsQueriesAndSpaces) {
  EXPECT_EQ(parse_error("https://user:pw@h/v1"),
            "credentials in the URL are not supported (use api_key)");
  EXPECT_EQ(parse_error("https://h/v1?key=1"),
            "query strings and fragments are not supported in a base URL");
  EXPECT_EQ(parse_error("https://h/v1#x"),
            "query strings and fragments are not supported in a base URL");
  EXPECT_EQ(parse_error("https://h /v1"), "URL contains whitespace");
}

TEST(ConfigUpstreamUrl, ParsePort) {
  uint16_t port = 7;
  EXPECT_TRUE(parse_port("1", port));
  EXPECT_EQ(port, 1);
  EXPECT_TRUE(parse_port("65535", port));
  EXPECT_EQ(port, 65535);
  EXPECT_FALSE(parse_port("0", port));
  EXPECT_FALSE(parse_port("-1", port));
  EXPECT_FALSE(parse_port("123456", port));
  EXPECT_FALSE(parse_port("", port));
}

}  // namespace
}  // namespace sluice::config
