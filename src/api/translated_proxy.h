// Serves a chat request, already in canonical form, from a provider family that needs
// translation: canonical request -> adapter -> provider -> adapter -> the caller's API shape.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "api/caller_shape.h"
#include "api/gateway.h"
#include "core/chat.h"
#include "providers/adapter.h"
#include "routing/model_registry.h"

namespace sluice::api {

boost::asio::awaitable<void> proxy_translated(RequestContext& ctx, const routing::Route& route,
                                              const providers::ProviderAdapter& adapter,
                                              ChatRequest request, const CallerShape& shape);

}  // namespace sluice::api
