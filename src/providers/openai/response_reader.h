// Reads what the gateway needs from OpenAI-shaped responses: usage, and error messages.
#pragma once

#include <string>
#include <string_view>

#include "core/usage.h"

namespace sluice::providers::openai {

// The usage object of a chat.completion / embeddings body or of a stream chunk's JSON: the
// top-level "usage" member (the last one, should the key occur twice), read without parsing the
// rest of the body. Not present when it is absent, null or not an object, or the text is not a
// JSON object.
Usage read_usage(std::string_view json);

// True for the final usage-only chunk (`"choices":[]` with usage) of a stream; fills usage.
bool is_usage_only_chunk(std::string_view json, Usage& usage);

// The human message of an error body ({"error":{"message"}}, {"error":"..."}, {"message"}),
// or the body itself cut to a readable length when it is not JSON.
std::string read_error_message(std::string_view body);

}  // namespace sluice::providers::openai
