// The admin API's gate: every /admin endpoint needs `Authorization: Bearer <server.admin_key>`,
// and the whole API is off while no key is configured.
#pragma once

#include "api/gateway.h"
#include "util/async.h"

namespace sluice::api::admin {

// True when the caller may use the admin API; otherwise the refusal (401/403) has been sent.
Awaitable<bool> admit_admin(RequestContext& ctx);

}  // namespace sluice::api::admin
