// The headers every request to a provider carries, whatever the family: its key and its
// configured static headers. One place, so no family forgets one or sends the key twice.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "config/config.h"

namespace sluice::providers {

// Appends the key (in the provider's auth_header; "authorization" or none configured sends
// "Bearer <key>"; nothing when the key is empty) and then the provider's static headers.
void append_provider_headers(const config::ProviderConfig& provider,
                             std::vector<std::pair<std::string, std::string>>& out);

}  // namespace sluice::providers
