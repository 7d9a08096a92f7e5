// POST /v1/embeddings: deterministic vectors derived from each input's text.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "faults.h"
#include "request_error.h"

namespace mock {

// A parsed embeddings request. Reused per connection; clear() keeps capacity.
struct EmbeddingsInput {
  std::string model;
  std::string texts;         // every input's text, back to back
  std::vector<size_t> ends;  // end offset of each input in `texts`
  size_t text_bytes = 0;     // raw input bytes, directive included (for usage)
  unsigned dimensions = 8;
  bool base64 = false;  // encoding_format == "base64"

  void clear();
};

// Parses the body; a `[[mock ...]]` directive in the first input applies to `faults` and is
// stripped from that input's text.
std::optional<RequestError> parse_embeddings_request(std::string& body, EmbeddingsInput& input,
                                                     Faults& faults);

// Appends the `{"object":"list","data":[...],"model","usage"}` response body.
void append_embeddings_response(std::string& out, const EmbeddingsInput& input);

}  // namespace mock
