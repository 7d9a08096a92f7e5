#include "api/upstream_reply.h"

#include <cctype>
#include <chrono>
#include <string>

#include "util/async.h"

namespace sluice::api {

Awaitable<std::optional<GatewayError>> authorize_upstream_request(
    RequestContext& ctx, const routing::Route& route, const providers::ProviderAdapter& adapter,
    providers::EncodedRequest& encoded) {
  if (route.provider->type == "vertex") {
    const std::optional<GatewayError> auth_error =
        co_await ctx.gateway.vertex_credentials.authorize(*route.provider, ctx.worker.pool,
                                                          encoded.headers);
    if (auth_error) co_return auth_error;
  }
  const providers::SigningContext signing{*route.provider, route.target->host_header,
                                          route.target->url.base_path,
                                          std::chrono::system_clock::now()};
  co_return adapter.sign(encoded, signing);
}

GatewayError malformed_reply(const routing::Route& route, std::string_view why) {
  GatewayError error{ErrorClass::server, "provider '" + route.provider->name +
                                             "' sent a malformed reply: " + std::string(why)};
  error.code = "bad_upstream_reply";
  return error;
}

bool content_type_is(std::string_view header, std::string_view expected) {
  std::string_view type = header.substr(0, header.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  if (type.size() != expected.size()) return false;
  for (std::size_t i = 0; i < type.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(type[i])) != expected[i]) return false;
  }
  return true;
}

}  // namespace sluice::api
