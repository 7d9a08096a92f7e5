// Reads a Google service account key file (the JSON the Cloud console downloads) into the
// fields Vertex AI authentication needs. Pure: the caller reads the file.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "config/config.h"

namespace sluice::config {

// Parses the key file's text. On failure, says what is wrong without quoting any value of the
// file (it holds a private key): e.g. `has no "private_key"`.
std::variant<ServiceAccount, std::string> parse_service_account(std::string_view json);

}  // namespace sluice::config
