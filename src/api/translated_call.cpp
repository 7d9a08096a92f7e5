#include "api/translated_call.h"

#include <chrono>
#include <optional>

#include "api/client_connection.h"
#include "api/disconnect_watch.h"
#include "api/upstream_reply.h"
#include "providers/error_attribution.h"
#include "upstream/upstream_call.h"
#include "util/async.h"

namespace sluice::api {
namespace asio = boost::asio;

namespace {

constexpr std::size_t kMaxBody = 64 * 1024 * 1024;
constexpr std::size_t kMaxErrorBody = 1024 * 1024;

// Reads the answer of a started call: the body, or what went wrong.
Awaitable<Result<std::string>> read_answer(upstream::UpstreamCall& upstream,
                                           const routing::Route& route,
                                           const providers::ProviderAdapter& adapter) {
  std::string body;
  if (upstream.status() != 200) {
    co_await upstream.read_all(body, kMaxErrorBody);
    GatewayError classified = adapter.classify_error(*route.provider, upstream.status(),
                                                     upstream.header("retry-after"), body);
    providers::attribute_error(classified, *route.provider);
    co_return classified;
  }
  if (!content_type_is(upstream.header("content-type"), "application/json")) {
    const std::string why = "expected Content-Type application/json, got '" +
                            std::string(upstream.header("content-type")) + "'";
    upstream.abort();
    co_return malformed_reply(route, why);
  }
  const bool complete = co_await upstream.read_all(body, kMaxBody);
  if (!complete) co_return *upstream.error();
  co_return body;
}

}  // namespace

Awaitable<Result<std::string>> call_translated_whole(RequestContext& ctx,
                                                     const routing::Route& route,
                                                     const providers::ProviderAdapter& adapter,
                                                     providers::EncodedRequest encoded) {
  ctx.provider_label = route.provider->name;
  const std::optional<GatewayError> auth_error =
      co_await authorize_upstream_request(ctx, route, adapter, encoded);
  if (auth_error) co_return *auth_error;
  upstream::UpstreamRequest wire;
  wire.path = std::move(encoded.path);
  wire.body = std::move(encoded.body);
  wire.headers = std::move(encoded.headers);
  upstream::UpstreamCall upstream(ctx.worker.pool, *route.target);
  DisconnectWatch watch(ctx.client.socket(), [&upstream] { upstream.abort(); });
  watch.start();
  const std::optional<GatewayError> error = co_await upstream.start(std::move(wire));
  std::optional<Result<std::string>> answer;
  if (error) {
    answer.emplace(*error);
  } else {
    Result<std::string> read = co_await read_answer(upstream, route, adapter);
    answer.emplace(std::move(read));
  }
  co_await watch.stop();
  if (watch.client_gone()) {
    ctx.client.close_after();
    if (!answer->ok()) co_return caller_gone_error();
  }
  co_return std::move(*answer);
}

}  // namespace sluice::api
