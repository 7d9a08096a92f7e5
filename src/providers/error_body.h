// How a provider's unreadable error body (a proxy's HTML page, plain text) is shown to callers.
#pragma once

#include <string>
#include <string_view>

namespace sluice::providers {

// The body trimmed and cut to a readable length (500 bytes, then "...").
std::string readable_error_body(std::string_view body);

}  // namespace sluice::providers
