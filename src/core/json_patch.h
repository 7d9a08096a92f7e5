// Byte-level edits of a JSON text: the way the gateway changes a body without re-serializing it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

// Replace `length` bytes at `offset` with `replacement` (length 0 inserts).
struct JsonEdit {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string replacement;
};

// Applies non-overlapping edits (in any order) to `text` and returns the new text.
std::string apply_edits(std::string_view text, std::vector<JsonEdit> edits);

}  // namespace sluice
