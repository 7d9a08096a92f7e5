// Appending JSON fragments to a reusable std::string: the mock builds every response by direct
// appends instead of a DOM so it never becomes the bottleneck in benchmarks.
#pragma once

#include <string>
#include <string_view>

namespace mock {

// Appends `text` as a quoted JSON string literal, escaping what RFC 8259 requires.
void append_json_string(std::string& out, std::string_view text);

// Appends the decimal form of an unsigned integer.
void append_uint(std::string& out, unsigned long long value);

}  // namespace mock
