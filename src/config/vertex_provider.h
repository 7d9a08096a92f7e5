// What a `type: vertex` provider needs beyond the common keys (internal to src/config).
#pragma once

#include <vector>

#include "config/config.h"
#include "config/yaml_reader.h"

namespace sluice::config {

// Checks project, region and credentials_file, loads and validates the service account key
// file into out.service_account, and derives api_base from region and project when not given
// (https://{region}-aiplatform.googleapis.com/v1/projects/{project}/locations/{region}).
void read_vertex_provider(const YamlReader& reader, const Located& provider,
                          const std::vector<Located>& entries, ProviderConfig& out);

}  // namespace sluice::config
