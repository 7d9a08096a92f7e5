#include "api/anthropic/gemini_count_tokens.h"

#include "api/client_connection.h"
#include "api/translated_call.h"
#include "core/json_reader.h"
#include "core/json_writer.h"
#include "providers/adapter_registry.h"
#include "providers/anthropic/inbound/request_reader.h"
#include "providers/gemini/decode.h"
#include "providers/gemini/encode.h"
#include "providers/gemini/wire.h"
#include "util/async.h"

namespace sluice::api::anthropic {
namespace {

// count_tokens bodies carry no max_tokens, which the Messages reader requires: a placeholder
// is put first (a max_tokens of the caller's, later in the object, still wins).
std::string with_max_tokens(std::string_view body) {
  const std::string_view trimmed = json::trim(body);
  if (!trimmed.starts_with('{')) return std::string(body);
  std::string out = R"({"max_tokens":1)";
  const std::string_view rest = json::trim(trimmed.substr(1));
  if (!rest.starts_with('}')) out += ',';
  out.append(rest);
  return out;
}

}  // namespace

Awaitable<void> gemini_count_tokens(RequestContext& ctx, const routing::Route& route) {
  const providers::ProviderAdapter* adapter = providers::adapter_for(route.provider->family);
  auto request = providers::anthropic::inbound::read_messages_request(with_max_tokens(ctx.body));
  if (!request) {
    co_await ctx.client.send_error(request.error());
    co_return;
  }
  auto encoded =
      providers::gemini::encode_count_tokens(*request, route.upstream_model, *route.provider);
  if (!encoded || adapter == nullptr) {
    const GatewayError error =
        encoded ? GatewayError{ErrorClass::internal, "no gemini adapter in this build"}
                : encoded.error();
    co_await ctx.client.send_error(error);
    co_return;
  }
  auto body = co_await call_translated_whole(ctx, route, *adapter, std::move(*encoded));
  if (!body) {
    co_await ctx.client.send_error(body.error());
    co_return;
  }
  auto count = providers::gemini::decode_count_tokens(
      *body, providers::gemini::provider_label(*route.provider));
  if (!count) {
    co_await ctx.client.send_error(count.error());
    co_return;
  }
  std::string answer;
  JsonWriter(answer).begin_object().field("input_tokens", *count).end_object();
  co_await ctx.client.send(200, "application/json", std::move(answer));
}

}  // namespace sluice::api::anthropic
