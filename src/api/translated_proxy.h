// Serves an OpenAI-shaped chat request from a provider family that needs translation
// (Anthropic, ...): canonical request -> adapter -> provider -> adapter -> OpenAI answer.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "api/gateway.h"
#include "core/chat.h"
#include "providers/adapter.h"
#include "routing/model_registry.h"

namespace sluice::api::openai {

boost::asio::awaitable<void> proxy_translated(RequestContext& ctx, const routing::Route& route,
                                              const providers::ProviderAdapter& adapter,
                                              ChatRequest request);

}  // namespace sluice::api::openai
