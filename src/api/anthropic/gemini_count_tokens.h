// /v1/messages/count_tokens for a model served by a Gemini-family provider: the conversation
// is encoded as for generateContent, counted by the provider's :countTokens, and answered in
// Anthropic's {"input_tokens":N}.
#pragma once

#include "api/gateway.h"
#include "routing/model_registry.h"
#include "util/async.h"

namespace sluice::api::anthropic {

Awaitable<void> gemini_count_tokens(RequestContext& ctx, const routing::Route& route);

}  // namespace sluice::api::anthropic
