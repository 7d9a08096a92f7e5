// One attempt at one provider, as the dispatcher sees it: how it ended, and which failures it
// must hand back unsent so that another deployment can still answer the caller.
#pragma once

#include <chrono>
#include <optional>

#include "config/config.h"
#include "core/gateway_error.h"

namespace sluice::api {

// Which failures an attempt returns without answering the caller. Default: none (the attempt
// answers every failure itself, as the last chance of a request does).
struct DeferPolicy {
  const config::RetryConfig* retry = nullptr;  // null: no class is retried
  bool content_filter = false;                 // a content_filter fallback list is waiting
  bool context_length = false;                 // a context_length fallback list is waiting

  bool defers(ErrorClass cls) const;
};

// How one attempt ended.
struct AttemptOutcome {
  std::optional<GatewayError> failure;  // set when the attempt failed (sent or not)
  bool sent = false;                    // the caller got a response: no other attempt possible
  std::chrono::microseconds head_latency{0};  // request sent -> response head (a stream's TTFB)
};

}  // namespace sluice::api
