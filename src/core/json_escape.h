// Appends a string as a quoted, escaped JSON string (the one JSON string writer of the project).
#pragma once

#include <string>
#include <string_view>

namespace sluice {

void append_json_string(std::string& out, std::string_view text);

}  // namespace sluice
