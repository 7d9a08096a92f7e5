// The dispatcher: serves one request from a model group, attempt by attempt. It asks the router
// for the deployments in strategy order, retries retryable failures elsewhere with backoff,
// moves on to the group's fallbacks, and leaves the answering to the attempt itself, so each
// caller API (OpenAI, Anthropic) and each proxy (pass-through, translated) shares one loop.
#pragma once

#include <functional>
#include <string_view>

#include "api/attempt.h"
#include "api/gateway.h"
#include "routing/model_group.h"
#include "routing/route.h"
#include "util/async.h"

namespace sluice::api {

// One attempt at `route`. Failures that `defer` names must be returned unsent; any other failure
// (and every answer) the attempt sends itself.
using AttemptFn =
    std::function<Awaitable<AttemptOutcome>(const routing::Route&, const DeferPolicy&)>;

// Reads a request's traits (what routing filters and strategies look at); called at most once
// per request, and only when a model's ranking needs them.
using TraitsFn = routing::RequestTraits (*)(std::string_view body);

// Serves the request for `model` (a configured alias, or "provider/model" for one attempt at
// that provider) until an attempt answers, or the attempts, the deadline or the candidates run
// out; then the last failure is the answer. Sets x-sluice-provider, -deployment and -attempts.
Awaitable<void> dispatch_to_model(RequestContext& ctx, std::string_view model, TraitsFn read_traits,
                                  const AttemptFn& attempt);

}  // namespace sluice::api
