// Listen address parsing: the host part is checked lightly; the OS reports unusable addresses.
#include "config/listen_address.h"

#include "config/upstream_url.h"

namespace sluice::config {
namespace {

// Separates "[v6]:port" into its parts; returns an error message or "".
std::string split_bracketed(std::string_view text, std::string_view& host, std::string_view& port) {
  std::size_t close = text.find(']');
  if (close == std::string_view::npos) return "unterminated '[' in host";
  host = text.substr(1, close - 1);
  std::string_view after = text.substr(close + 1);
  if (after.empty() || after.front() != ':') return "expected \"[host]:port\", e.g. \"[::1]:4000\"";
  port = after.substr(1);
  if (host.empty() || host.find_first_not_of("0123456789abcdefABCDEF:.") != host.npos) {
    return "invalid IPv6 address";
  }
  return "";
}

}  // namespace

std::variant<ListenAddress, ListenError> parse_listen_address(std::string_view text) {
  std::string_view host;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    std::string error = split_bracketed(text, host, port);
    if (!error.empty()) return ListenError{error};
  } else {
    std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) {
      return ListenError{"expected \"host:port\", e.g. \"0.0.0.0:4000\""};
    }
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (host.empty()) return ListenError{"host is empty (use 0.0.0.0 for every interface)"};
    if (host.find(':') != std::string_view::npos) {
      return ListenError{"IPv6 hosts must be bracketed, e.g. \"[::1]:4000\""};
    }
    if (!valid_host_name(host)) return ListenError{"invalid character in host"};
  }
  ListenAddress out;
  if (!parse_port(port, out.port)) return ListenError{"port must be a number from 1 to 65535"};
  out.host = std::string(host);
  return out;
}

}  // namespace sluice::config
