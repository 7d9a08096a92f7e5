// What a `type: bedrock` provider needs beyond the common keys (internal to src/config).
#pragma once

#include <vector>

#include "config/config.h"
#include "config/yaml_reader.h"

namespace sluice::config {

// Checks region and the credentials: aws_access_key_id with aws_secret_access_key (optionally
// aws_session_token), or else a Bedrock API key in api_key (sent as a bearer token). Derives
// api_base from the region when not given (https://bedrock-runtime.{region}.amazonaws.com).
void read_bedrock_provider(const YamlReader& reader, const Located& provider,
                           const std::vector<Located>& entries, ProviderConfig& out);

}  // namespace sluice::config
