#include "api/admin/admin_auth.h"

#include "api/client_connection.h"
#include "util/async.h"

namespace sluice::api::admin {

namespace {

// Compares secrets without leaking where they first differ through timing.
bool constant_time_equal(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  }
  return diff == 0;
}

}  // namespace

Awaitable<bool> admit_admin(RequestContext& ctx) {
  const std::string& key = ctx.gateway.config.server.admin_key;
  if (key.empty()) {
    const GatewayError off{ErrorClass::permission,
                           "the admin API is off: set server.admin_key in the config"};
    co_await ctx.client.send_error(off);
    co_return false;
  }
  const auto auth = ctx.headers["authorization"];
  const std::string_view given(auth.data(), auth.size());
  if (!given.starts_with("Bearer ") || !constant_time_equal(given.substr(7), key)) {
    GatewayError denied{ErrorClass::auth,
                        "the admin API needs `Authorization: Bearer <admin_key>`"};
    denied.code = "invalid_admin_key";
    co_await ctx.client.send_error(denied);
    co_return false;
  }
  co_return true;
}

}  // namespace sluice::api::admin
