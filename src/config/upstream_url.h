// Parses provider base URLs ("https://host:port/path") into the parts the upstream client needs.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "config/config.h"

namespace sluice::config {

// Why a URL was rejected; describes the problem without echoing the URL (it may come from the
// environment).
struct UrlError {
  std::string message;  // e.g. "scheme must be http or https"
};

// Accepts http:// and https:// only, with a non-empty host, an optional port (default 443 or 80)
// and a path kept without its trailing slash. IPv6 hosts are written "[::1]" and stored bare
// ("::1"), ready for the resolver. Credentials, queries and fragments are refused: keys belong in
// api_key and every request appends its own path.
std::variant<UpstreamUrl, UrlError> parse_upstream_url(std::string_view url);

// Parses a decimal TCP port 1-65535; shared by URLs and the listen address.
bool parse_port(std::string_view text, uint16_t& port);

// True if text is a plausible DNS name or IPv4 literal (letters, digits, '-', '.', '_').
bool valid_host_name(std::string_view text);

}  // namespace sluice::config
