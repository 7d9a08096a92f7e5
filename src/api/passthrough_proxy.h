// Forwards an OpenAI-shaped request to an OpenAI-compatible provider and relays the answer to
// the caller: whole for plain responses, event by event for streams.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>

#include "api/gateway.h"
#include "routing/model_registry.h"

namespace sluice::api::openai {

// What to send upstream for one call.
struct ProxyCall {
  const routing::Route* route = nullptr;
  std::string path;  // below the provider's base path, e.g. "/chat/completions"
  std::string body;  // already patched
  bool stream = false;
  bool injected_usage = false;  // remove the usage-only chunk the caller did not ask for
};

boost::asio::awaitable<void> proxy_openai_compatible(RequestContext& ctx, ProxyCall call);

}  // namespace sluice::api::openai
