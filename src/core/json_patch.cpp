#include "core/json_patch.h"

#include <algorithm>

namespace sluice {

std::string apply_edits(std::string_view text, std::vector<JsonEdit> edits) {
  std::sort(edits.begin(), edits.end(),
            [](const JsonEdit& a, const JsonEdit& b) { return a.offset < b.offset; });
  std::size_t extra = 0;
  for (const auto& e : edits) extra += e.replacement.size();
  std::string out;
  out.reserve(text.size() + extra);
  std::size_t pos = 0;
  for (const auto& e : edits) {
    out.append(text.substr(pos, e.offset - pos));
    out.append(e.replacement);
    pos = e.offset + e.length;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace sluice
