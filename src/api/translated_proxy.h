// Serves a chat request, already in canonical form, from a provider family that needs
// translation: canonical request -> adapter -> provider -> adapter -> the caller's API shape.
#pragma once

#include "api/attempt.h"

#include "api/caller_shape.h"
#include "api/gateway.h"
#include "core/chat.h"
#include "providers/adapter.h"
#include "routing/model_registry.h"
#include "util/async.h"

namespace sluice::api {

// One attempt; failures that `defer` names are returned unsent (see api/attempt.h).
Awaitable<AttemptOutcome> proxy_translated(RequestContext& ctx, const routing::Route& route,
                                           const providers::ProviderAdapter& adapter,
                                           const ChatRequest& request, const CallerShape& shape,
                                           DeferPolicy defer = {});

}  // namespace sluice::api
