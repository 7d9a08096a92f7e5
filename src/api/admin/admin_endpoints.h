// The admin API's record endpoints (all behind admit_admin).
#pragma once

#include "api/gateway.h"
#include "util/async.h"

namespace sluice::api::admin {

// GET /admin/spend?group_by=key|user|team|model|provider|tag&from=&to=&interval=hour|day|total
Awaitable<void> spend(RequestContext& ctx);

// GET /admin/logs?model=&provider=&team=&user=&key_id=&tag=&status=&error_class=&request_id=
//   &from=&to=&limit=&before=   (newest first; `next_before` pages on)
Awaitable<void> logs(RequestContext& ctx);

}  // namespace sluice::api::admin
