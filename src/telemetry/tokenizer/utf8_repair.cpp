#include "telemetry/tokenizer/utf8_repair.h"

#include <cstdint>

namespace sluice::telemetry {
namespace {

// One step of decoding at `i`: how many bytes the next sequence (or invalid subpart) spans, and
// whether it is a valid character. Follows the WHATWG decoder so replacements match browsers.
struct Step {
  std::size_t length;
  bool valid;
};

Step decode_step(std::string_view text, std::size_t i) {
  const auto lead = static_cast<uint8_t>(text[i]);
  if (lead < 0x80) return {1, true};
  int need = 0;
  uint8_t lower = 0x80;
  uint8_t upper = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    need = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 2;
    if (lead == 0xE0) lower = 0xA0;  // overlong
    if (lead == 0xED) upper = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 3;
    if (lead == 0xF0) lower = 0x90;  // overlong
    if (lead == 0xF4) upper = 0x8F;  // above U+10FFFF
  } else {
    return {1, false};
  }
  std::size_t j = i + 1;
  for (int k = 0; k < need; ++k, ++j) {
    if (j >= text.size()) return {j - i, false};
    const auto byte = static_cast<uint8_t>(text[j]);
    if (byte < lower || byte > upper) return {j - i, false};
    lower = 0x80;
    upper = 0xBF;
  }
  return {j - i, true};
}

}  // namespace

std::string_view valid_utf8(std::string_view text, std::string& storage) {
  std::size_t i = 0;
  while (i < text.size()) {
    const Step step = decode_step(text, i);
    if (!step.valid) break;
    i += step.length;
  }
  if (i == text.size()) return text;
  storage.assign(text.substr(0, i));
  while (i < text.size()) {
    const Step step = decode_step(text, i);
    if (step.valid) {
      storage.append(text.substr(i, step.length));
    } else {
      storage.append("\xEF\xBF\xBD");
    }
    i += step.length;
  }
  return storage;
}

}  // namespace sluice::telemetry
