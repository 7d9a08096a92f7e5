#include "api/openai/model_resolution.h"

namespace sluice::api::openai {

Result<routing::Route> resolve_model(const RequestContext& ctx, std::string_view model) {
  if (auto route = ctx.gateway.models.resolve(model)) return std::move(*route);
  GatewayError error{ErrorClass::not_found,
                     "The model '" + std::string(model) +
                         "' does not exist on this gateway: name a configured model (GET "
                         "/v1/models) or provider/model for a configured provider.",
                     "model"};
  error.code = "model_not_found";
  return error;
}

}  // namespace sluice::api::openai
