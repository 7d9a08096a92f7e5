// Forwards an OpenAI-shaped request to an OpenAI-compatible provider and relays the answer to
// the caller: whole for plain responses, event by event for streams.
#pragma once

#include "api/attempt.h"

#include <string>
#include <utility>
#include <vector>

#include "api/gateway.h"
#include "core/gateway_error.h"
#include "routing/model_registry.h"
#include "util/async.h"

namespace sluice::api {

// What to send upstream for one call.
struct ProxyCall {
  const routing::Route* route = nullptr;
  std::string path;  // below the provider's base path, e.g. "/chat/completions"
  std::string body;  // already patched
  bool stream = false;
  bool injected_usage = false;  // remove the usage-only chunk the caller did not ask for
  std::vector<std::pair<std::string, std::string>> headers;  // extra upstream headers
  bool verbatim_errors = false;  // caller and provider share an API: relay errors as sent
  bool anthropic_wire = false;   // the provider speaks Anthropic's API (usage is read its way)
  // The SSE event that reports a failure after the stream began; null: OpenAI's `data:` form.
  std::string (*stream_error_event)(const GatewayError&) = nullptr;
  DeferPolicy defer;  // failures handed back unsent, for the dispatcher to retry elsewhere
};

Awaitable<AttemptOutcome> proxy_passthrough(RequestContext& ctx, ProxyCall call);

}  // namespace sluice::api
