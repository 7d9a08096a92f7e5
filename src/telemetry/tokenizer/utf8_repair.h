// UTF-8 repair for tokenizer input: PCRE2 in UTF mode rejects invalid UTF-8, and request bodies
// are not ours to trust, so invalid sequences become U+FFFD the way a WHATWG TextDecoder (and so
// js-tiktoken fed by one) would see them.
#pragma once

#include <string>
#include <string_view>

namespace sluice::telemetry {

// `text` itself when it is valid UTF-8; otherwise a copy in `storage` with each maximal invalid
// subpart replaced by U+FFFD, and a view of that copy.
std::string_view valid_utf8(std::string_view text, std::string& storage);

}  // namespace sluice::telemetry
