// Request ids: the caller's x-request-id when it is sane, else a fresh random one.
#pragma once

#include <string>
#include <string_view>

namespace sluice::server {

// Keeps a caller-supplied id (1-128 chars of [A-Za-z0-9._:-]) or makes "req_" + 24 hex digits.
std::string request_id_for(std::string_view supplied);

}  // namespace sluice::server
