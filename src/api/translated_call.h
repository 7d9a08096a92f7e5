// One non-streamed call to a translated provider whose answer is read whole (embeddings,
// token counts): sign, send, and either the 200 body or the provider's error, classified.
#pragma once

#include <string>

#include "api/gateway.h"
#include "core/result.h"
#include "providers/adapter.h"
#include "routing/model_registry.h"
#include "util/async.h"

namespace sluice::api {

// The body of a 200 `application/json` answer. A connection failure, a non-200 (through the
// adapter's classify_error) or another content type (a 502 naming the provider) is the error.
Awaitable<Result<std::string>> call_translated_whole(RequestContext& ctx,
                                                     const routing::Route& route,
                                                     const providers::ProviderAdapter& adapter,
                                                     providers::EncodedRequest encoded);

}  // namespace sluice::api
