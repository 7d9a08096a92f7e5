// Adapters are pure and know only their family, so their messages say "provider 'anthropic'";
// the caller must learn which configured provider failed ("provider 'claude-eu'").
#pragma once

#include "config/config.h"
#include "core/gateway_error.h"

namespace sluice::providers {

// Rewrites a leading "provider '<family>'" in the message to name the configured provider, and
// prefixes "provider '<name>': " to a message that names no provider at all.
void attribute_error(GatewayError& error, const config::ProviderConfig& provider);

}  // namespace sluice::providers
