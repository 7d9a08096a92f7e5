// JSON Schema -> the OpenAPI subset Gemini accepts in functionDeclarations.parameters and
// generationConfig.responseSchema (it rejects $schema, additionalProperties, $ref, ...).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace sluice::providers::gemini {

// The schema rewritten for Gemini: supported keys kept in their order; ["T","null"] types
// become T + nullable; const becomes a one-value enum; oneOf becomes anyOf; local $refs
// (#/$defs/X, #/definitions/X) are inlined; every other keyword is dropped. A schema that is
// not a JSON object is a bad_request naming `param`.
Result<std::string> to_gemini_schema(std::string_view json_schema, const std::string& param);

}  // namespace sluice::providers::gemini
