#include "upstream/upstream_target.h"

#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "config/upstream_url.h"

namespace sluice::upstream {
namespace {

config::ProviderConfig provider(const std::string& name, const std::string& url, bool verify) {
  config::ProviderConfig p;
  p.name = name;
  p.api_base = std::get<config::UpstreamUrl>(config::parse_upstream_url(url));
  p.verify_tls = verify;
  return p;
}

TEST(UpstreamTarget, ProvidersOfOneOriginShareConnectionsOnlyUnderTheSameTlsTrust) {
  const auto a = make_upstream_target(provider("a", "https://llm.internal:8443/v1", true));
  const auto b = make_upstream_target(provider("b", "https://llm.internal:8443/other", true));
  const auto unverified =
      make_upstream_target(provider("c", "https://llm.internal:8443/v1", false));
  EXPECT_EQ(a->pool_key, b->pool_key);  // same origin, same trust: one pool
  // A connection opened without verification must never serve a provider that verifies.
  EXPECT_NE(a->pool_key, unverified->pool_key);
  // Nor one verified against a provider's own CA serve a provider that trusts the system's only.
  auto with_ca = provider("g", "https://llm.internal:8443/v1", true);
  with_ca.ca_file = "/etc/ssl/certs/ca-certificates.crt";  // any loadable PEM bundle
  EXPECT_NE(a->pool_key, make_upstream_target(with_ca)->pool_key);

  const auto plain_a = make_upstream_target(provider("d", "http://10.0.0.5:8000/v1", true));
  const auto plain_b = make_upstream_target(provider("e", "http://10.0.0.5:8000/v1", false));
  EXPECT_EQ(plain_a->pool_key, plain_b->pool_key);  // no TLS: nothing was verified
  EXPECT_NE(plain_a->pool_key,
            make_upstream_target(provider("f", "http://10.0.0.5:8001", true))->pool_key);
}

}  // namespace
}  // namespace sluice::upstream
