// The OpenAI-compatible endpoints.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "api/gateway.h"

namespace sluice::api::openai {

// POST /v1/chat/completions
boost::asio::awaitable<void> chat_completions(RequestContext& ctx);
// POST /v1/embeddings
boost::asio::awaitable<void> embeddings(RequestContext& ctx);
// GET /v1/models
boost::asio::awaitable<void> list_models(RequestContext& ctx);

}  // namespace sluice::api::openai
