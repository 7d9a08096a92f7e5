// Dispatches one request to its endpoint by method and path; unknown paths get 404, known
// paths with the wrong method get 405.
#pragma once

#include <boost/beast/http/verb.hpp>
#include <string_view>

#include "api/gateway.h"
#include "util/async.h"

namespace sluice::api {

Awaitable<void> dispatch(RequestContext& ctx, boost::beast::http::verb method,
                         std::string_view target);

}  // namespace sluice::api
