#include "api/admin/records_query.h"

#include "api/admin/admin_auth.h"
#include "util/async.h"

namespace sluice::api::admin {

Awaitable<bool> admit_records_query(RequestContext& ctx) {
  const bool admitted = co_await admit_admin(ctx);
  if (!admitted) co_return false;
  if (ctx.gateway.admin_pool == nullptr || ctx.gateway.records_path.empty()) {
    const GatewayError off{ErrorClass::not_found, "call records are off (telemetry.enabled)"};
    co_await ctx.client.send_error(off);
    co_return false;
  }
  co_return true;
}

}  // namespace sluice::api::admin
