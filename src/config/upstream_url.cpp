// Upstream base URL parsing: strict on purpose, since a typo here only shows up at request time.
#include "config/upstream_url.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace sluice::config {
namespace {

// Lower-cases the scheme and reports whether it is one the upstream client speaks.
bool split_scheme(std::string_view url, UpstreamUrl& out, std::string_view& rest) {
  std::size_t sep = url.find("://");
  if (sep == std::string_view::npos) return false;
  std::string scheme(url.substr(0, sep));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (scheme != "http" && scheme != "https") return false;
  out.tls = scheme == "https";
  out.port = out.tls ? 443 : 80;
  rest = url.substr(sep + 3);
  return true;
}

// Splits "host", "host:port", "[v6]" or "[v6]:port"; returns an error message or "".
std::string split_authority(std::string_view authority, UpstreamUrl& out) {
  if (authority.empty()) return "host is empty";
  if (authority.find('@') != std::string_view::npos) {
    return "credentials in the URL are not supported (use api_key)";
  }
  std::string_view host = authority;
  std::optional<std::string_view> port;  // absent: the scheme's default
  if (authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return "unterminated '[' in host";
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':') return "unexpected text after ']'";
    if (!after.empty()) port = after.substr(1);
    if (host.empty() || host.find_first_not_of("0123456789abcdefABCDEF:.") != host.npos) {
      return "invalid IPv6 address";
    }
  } else {
    std::size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
    if (host.empty()) return "host is empty";
    if (!valid_host_name(host)) return "invalid character in host";
  }
  if (port && !parse_port(*port, out.port)) {
    return "port must be a number from 1 to 65535";
  }
  out.host = std::string(host);
  return "";
}

}  // namespace

bool parse_port(std::string_view text, uint16_t& port) {
  if (text.empty() || text.size() > 5) return false;
  unsigned value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value < 1 || value > 65535) return false;
  port = static_cast<uint16_t>(value);
  return true;
}

bool valid_host_name(std::string_view text) {
  if (text.empty()) return false;
  return std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_';
  });
}

std::variant<UpstreamUrl, UrlError> parse_upstream_url(std::string_view url) {
  if (url.empty()) return UrlError{"URL is empty"};
  if (url.find_first_of(" \t\r\n") != std::string_view::npos) {
    return UrlError{"URL contains whitespace"};
  }
  UpstreamUrl out;
  std::string_view rest;
  if (!split_scheme(url, out, rest)) {
    return UrlError{"scheme must be http or https (e.g. https://api.example.com/v1)"};
  }
  if (rest.find_first_of("?#") != std::string_view::npos) {
    return UrlError{"query strings and fragments are not supported in a base URL"};
  }
  std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string error = split_authority(authority, out);
  if (!error.empty()) return UrlError{error};
  if (slash != std::string_view::npos) {
    std::string_view path = rest.substr(slash);
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    out.base_path = std::string(path);
  }
  return out;
}

}  // namespace sluice::config
