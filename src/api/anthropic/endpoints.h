// The Anthropic-compatible endpoints, so @anthropic-ai/sdk and Claude Code work unchanged.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "api/gateway.h"

namespace sluice::api::anthropic {

// POST /v1/messages: Anthropic's request and answer shapes, routed to any configured model.
boost::asio::awaitable<void> messages(RequestContext& ctx);
// POST /v1/messages/count_tokens: relayed to Anthropic-family providers.
boost::asio::awaitable<void> count_tokens(RequestContext& ctx);

}  // namespace sluice::api::anthropic
