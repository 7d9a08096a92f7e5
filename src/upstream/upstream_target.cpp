#include "upstream/upstream_target.h"

#include <stdexcept>

namespace sluice::upstream {

std::shared_ptr<const UpstreamTarget> make_upstream_target(const config::ProviderConfig& provider) {
  namespace ssl = boost::asio::ssl;
  auto target = std::make_shared<UpstreamTarget>();
  target->provider = provider.name;
  target->url = provider.api_base;
  const bool default_port = (provider.api_base.tls && provider.api_base.port == 443) ||
                            (!provider.api_base.tls && provider.api_base.port == 80);
  // An IPv6 literal is kept without brackets in config; the Host header needs them back.
  const bool ipv6 = provider.api_base.host.find(':') != std::string::npos;
  target->host_header = ipv6 ? "[" + provider.api_base.host + "]" : provider.api_base.host;
  if (!default_port) target->host_header += ":" + std::to_string(provider.api_base.port);
  target->pool_key = std::string(provider.api_base.tls ? "https://" : "http://") +
                     provider.api_base.host + ":" + std::to_string(provider.api_base.port);
  // A TLS connection was verified under one provider's trust (its CA file, or none): only a
  // provider that trusts the same may reuse it, or a connection one provider's CA vouched for
  // would carry another's requests (and its key) to a server that provider does not trust.
  if (provider.api_base.tls) {
    target->pool_key += !provider.verify_tls       ? " unverified"
                        : provider.ca_file.empty() ? " trust=system"
                                                   : " trust=system+" + provider.ca_file;
  }
  target->verify_tls = provider.verify_tls;
  target->connect_timeout_ms = provider.connect_timeout_ms;
  target->first_byte_timeout_ms = provider.first_byte_timeout_ms;
  target->idle_timeout_ms = provider.idle_timeout_ms;
  if (provider.api_base.tls) {
    auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
    context->set_default_verify_paths();
    if (!provider.ca_file.empty()) {
      boost::system::error_code ec;
      context->load_verify_file(provider.ca_file, ec);
      if (ec) {
        throw std::runtime_error("provider '" + provider.name + "': cannot load ca_file '" +
                                 provider.ca_file + "': " + ec.message());
      }
    }
    context->set_verify_mode(provider.verify_tls ? ssl::verify_peer : ssl::verify_none);
    target->tls = std::move(context);
  }
  return target;
}

}  // namespace sluice::upstream
