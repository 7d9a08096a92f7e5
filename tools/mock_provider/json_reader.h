// Shared simdjson on-demand plumbing for the request parsers: one parser per thread (it keeps
// its buffers between requests) and padding of the body in place.
#pragma once

#include <simdjson.h>

#include <string>

#include "request_error.h"

namespace mock {

// This thread's parser; each mock thread serves its connections sequentially per request.
simdjson::ondemand::parser& thread_parser();

// Views `body` with the padding simdjson needs, growing its capacity (not its size) if needed.
simdjson::padded_string_view padded(std::string& body);

// The 400 OpenAI returns for a body that is not valid JSON.
RequestError bad_json_error();

// Reads a string, or the concatenated `text` of an array of content parts, appending to `out`.
// null appends nothing. Returns false on any other type.
bool append_text_content(simdjson::ondemand::value value, std::string& out);

}  // namespace mock
