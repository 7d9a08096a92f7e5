#include "api/translated_call.h"

#include <chrono>
#include <optional>

#include "api/client_connection.h"
#include "api/disconnect_watch.h"
#include "upstream/upstream_call.h"

namespace sluice::api {
namespace asio = boost::asio;

namespace {

constexpr std::size_t kMaxBody = 64 * 1024 * 1024;
constexpr std::size_t kMaxErrorBody = 1024 * 1024;

bool is_json(std::string_view content_type) {
  content_type = content_type.substr(0, content_type.find(';'));
  while (!content_type.empty() && content_type.back() == ' ') content_type.remove_suffix(1);
  if (content_type.size() != 16) return false;
  for (std::size_t i = 0; i < 16; ++i) {
    const char c = content_type[i];
    if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != "application/json"[i]) return false;
  }
  return true;
}

// Reads the answer of a started call: the body, or what went wrong.
asio::awaitable<Result<std::string>> read_answer(upstream::UpstreamCall& upstream,
                                                 const routing::Route& route,
                                                 const providers::ProviderAdapter& adapter) {
  std::string body;
  if (upstream.status() != 200) {
    co_await upstream.read_all(body, kMaxErrorBody);
    const GatewayError classified = adapter.classify_error(*route.provider, upstream.status(),
                                                           upstream.header("retry-after"), body);
    co_return classified;
  }
  if (!is_json(upstream.header("content-type"))) {
    GatewayError error{
        ErrorClass::server,
        "provider '" + route.provider->name +
            "' sent a malformed reply: expected Content-Type application/json, got '" +
            std::string(upstream.header("content-type")) + "'"};
    error.code = "bad_upstream_reply";
    upstream.abort();
    co_return error;
  }
  const bool complete = co_await upstream.read_all(body, kMaxBody);
  if (!complete) co_return *upstream.error();
  co_return body;
}

}  // namespace

asio::awaitable<Result<std::string>> call_translated_whole(
    RequestContext& ctx, const routing::Route& route, const providers::ProviderAdapter& adapter,
    providers::EncodedRequest encoded) {
  ctx.provider_label = route.provider->name;
  const providers::SigningContext signing{*route.provider, route.target->host_header,
                                          route.target->url.base_path,
                                          std::chrono::system_clock::now()};
  if (auto sign_error = adapter.sign(encoded, signing)) co_return *sign_error;
  upstream::UpstreamRequest wire;
  wire.path = std::move(encoded.path);
  wire.body = std::move(encoded.body);
  wire.headers = std::move(encoded.headers);
  upstream::UpstreamCall upstream(ctx.worker.pool, *route.target);
  DisconnectWatch watch(ctx.client.stream().socket(), [&upstream] { upstream.abort(); });
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
  if (watch.client_gone()) ctx.client.close_after();
  co_return std::move(*answer);
}

}  // namespace sluice::api
