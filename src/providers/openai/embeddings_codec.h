// The OpenAI embeddings API as the caller's shape of a translated call: the request read into
// the canonical EmbeddingsRequest, the canonical answer written as OpenAI's list.
#pragma once

#include <string>
#include <string_view>

#include "core/embeddings.h"
#include "core/result.h"

namespace sluice::providers::openai {

// Reads `model`, `input` (a string or an array of strings; token arrays are refused),
// `dimensions`, `encoding_format` (float or base64) and `user`. Errors are bad_request naming
// the field.
Result<EmbeddingsRequest> read_embeddings_request(std::string_view body);

// {"object":"list","data":[{"object":"embedding","index","embedding"}],"model","usage"}; with
// base64 each vector is the base64 of its little-endian float32 bytes (what the openai SDKs
// ask for by default and decode).
std::string write_embeddings_response(const EmbeddingsResponse& response, std::string_view model,
                                      bool base64);

}  // namespace sluice::providers::openai
