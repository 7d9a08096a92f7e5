// The table of supported provider types: adding a provider type is one row here.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace sluice::config {

// What a provider `type` implies when the config does not say otherwise.
struct ProviderPreset {
  std::string_view type;              // the value users write under providers.<name>.type
  std::string_view family;            // which adapter speaks its wire format
  std::string_view default_api_base;  // empty: api_base must be given (self-hosted servers)
  bool needs_api_key;                 // hosted services reject unauthenticated calls
  std::string_view default_auth_header = "authorization";  // "authorization" sends "Bearer <key>"
};

// Every supported type, in the order they are listed in messages and docs.
std::span<const ProviderPreset> provider_presets();

// The preset for a type, or nullptr if the type is unknown.
const ProviderPreset* find_provider_preset(std::string_view type);

// "openai, xai, ..." for error messages.
std::string supported_provider_types();

}  // namespace sluice::config
