// Builds the upstream body of an OpenAI-compatible request from the caller's body with minimal
// byte edits: the upstream model name, and include_usage when the gateway needs usage.
#pragma once

#include <string>
#include <string_view>

#include "providers/openai/request_view.h"

namespace sluice::providers::openai {

// The upstream body and whether the gateway asked for usage the caller did not.
struct PatchedBody {
  std::string body;
  bool injected_usage = false;  // strip the usage-only chunk from the caller's stream
};

// Rewrites the model value to `upstream_model`; for streams without include_usage, asks for it.
PatchedBody patch_request(std::string_view body, const RequestView& view,
                          std::string_view upstream_model);

// Rewrites only the model value (bodies of other API shapes relayed to their own provider).
std::string replace_model(std::string_view body, const RequestView& view,
                          std::string_view upstream_model);

}  // namespace sluice::providers::openai
