// Resolves the model a caller named, or the 404 that says it is not configured.
#pragma once

#include <string_view>

#include "api/gateway.h"
#include "core/result.h"

namespace sluice::api::openai {

Result<routing::Route> resolve_model(const RequestContext& ctx, std::string_view model);

}  // namespace sluice::api::openai
