#include "providers/error_attribution.h"

#include <gtest/gtest.h>

namespace sluice::providers {
namespace {

config::ProviderConfig provider(std::string name, std::string family) {
  config::ProviderConfig out;
  out.name = std::move(name);
  out.family = std::move(family);
  return out;
}

TEST(ErrorAttribution, FamilyNameBecomesTheConfiguredName) {
  GatewayError error{ErrorClass::server, "provider 'anthropic' returned HTTP 500: boom"};
  attribute_error(error, provider("claude-eu", "anthropic"));
  EXPECT_EQ(error.message, "provider 'claude-eu' returned HTTP 500: boom");
}

TEST(ErrorAttribution, AlreadyNamedIsKept) {
  GatewayError error{ErrorClass::timeout, "provider 'claude-eu' timed out"};
  attribute_error(error, provider("claude-eu", "anthropic"));
  EXPECT_EQ(error.message, "provider 'claude-eu' timed out");
}

TEST(ErrorAttribution, AnonymousMessageGetsAPrefix) {
  GatewayError error{ErrorClass::server, "stream ended before the answer finished"};
  attribute_error(error, provider("gem", "gemini"));
  EXPECT_EQ(error.message, "provider 'gem': stream ended before the answer finished");
}

}  // namespace
}  // namespace sluice::providers
