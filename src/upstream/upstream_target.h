// Everything needed to open connections to one configured upstream origin.
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

#include "config/config.h"

namespace sluice::upstream {

// One provider's origin, its TLS context and its timeouts; built once at start-up from config,
// shared read-only by all workers. Origins come only from config, never from a request.
struct UpstreamTarget {
  std::string provider;  // provider name, used in error messages
  config::UpstreamUrl url;
  std::string host_header;  // host[:port] as sent in Host
  std::string pool_key;     // the origin (and for TLS the trust it is verified under) in a pool
  std::shared_ptr<boost::asio::ssl::context> tls;  // null for plain http
  bool verify_tls = true;
  unsigned connect_timeout_ms = 5'000;
  unsigned first_byte_timeout_ms = 120'000;
  unsigned idle_timeout_ms = 60'000;
};

// Builds the target for a provider (loads CA files; throws std::runtime_error on a bad CA file).
std::shared_ptr<const UpstreamTarget> make_upstream_target(const config::ProviderConfig& provider);

}  // namespace sluice::upstream
