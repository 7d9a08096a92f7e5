#include "api/client_connection.h"
#include "api/openai/endpoints.h"
#include "core/json_escape.h"
#include "util/async.h"

namespace sluice::api::openai {

Awaitable<void> list_models(RequestContext& ctx) {
  std::string body = R"({"object":"list","data":[)";
  bool first = true;
  for (const auto& name : ctx.gateway.models.model_names()) {
    if (!first) body += ',';
    first = false;
    body += R"({"id":)";
    append_json_string(body, name);
    body += R"(,"object":"model","created":0,"owned_by":"sluice"})";
  }
  body += "]}";
  co_await ctx.client.send(200, "application/json", std::move(body));
}

}  // namespace sluice::api::openai
