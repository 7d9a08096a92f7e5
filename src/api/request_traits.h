// What routing needs to know about a request before choosing a deployment, read cheaply.
#pragma once

#include <string_view>

#include "routing/model_group.h"

namespace sluice::api {

// Traits of a request body in OpenAI's or Anthropic's JSON shape, without parsing it: feature
// flags by the keys that only those features use, prompt tokens estimated at four bytes each,
// and the opening of the messages as the cache-affinity key. Capability filters only need to
// err towards "needs it"; the body is forwarded as the caller wrote it either way.
routing::RequestTraits estimate_traits(std::string_view body);

}  // namespace sluice::api
