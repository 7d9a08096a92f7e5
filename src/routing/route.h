// Route: where one attempt goes.
#pragma once

#include <string>

#include "config/config.h"
#include "upstream/upstream_target.h"

namespace sluice::routing {

// The provider, its origin, the model name the provider expects and the deployment's id.
struct Route {
  const config::ProviderConfig* provider = nullptr;
  const upstream::UpstreamTarget* target = nullptr;
  std::string upstream_model;
  std::string deployment_id;           // "provider/model" or the configured id
  unsigned first_byte_timeout_ms = 0;  // the deployment's or model's TTFT limit; 0: provider's
};

}  // namespace sluice::routing
