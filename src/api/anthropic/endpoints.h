// The Anthropic-compatible endpoints, so @anthropic-ai/sdk and Claude Code work unchanged.
#pragma once

#include "api/gateway.h"
#include "util/async.h"

namespace sluice::api::anthropic {

// POST /v1/messages: Anthropic's request and answer shapes, routed to any configured model.
Awaitable<void> messages(RequestContext& ctx);
// POST /v1/messages/count_tokens: relayed to Anthropic-family providers.
Awaitable<void> count_tokens(RequestContext& ctx);

}  // namespace sluice::api::anthropic
