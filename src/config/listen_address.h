// Parses the server's listen address ("0.0.0.0:4000", "[::1]:4000").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace sluice::config {

// Host (IPv6 without brackets) and port the listener binds to.
struct ListenAddress {
  std::string host;
  uint16_t port = 0;
};

// Why a listen address was rejected.
struct ListenError {
  std::string message;
};

// Requires "host:port" with a port from 1 to 65535; IPv6 hosts must be bracketed so the port is
// unambiguous.
std::variant<ListenAddress, ListenError> parse_listen_address(std::string_view text);

}  // namespace sluice::config
