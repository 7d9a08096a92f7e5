// The OpenAI-compatible endpoints.
#pragma once

#include "api/gateway.h"
#include "util/async.h"

namespace sluice::api::openai {

// POST /v1/chat/completions
Awaitable<void> chat_completions(RequestContext& ctx);
// POST /v1/embeddings
Awaitable<void> embeddings(RequestContext& ctx);
// GET /v1/models
Awaitable<void> list_models(RequestContext& ctx);

}  // namespace sluice::api::openai
