// Reading one GenerateContentResponse (a whole answer, or one chunk of a stream) into views:
// shared by the whole-body decoder and the stream decoder.
#pragma once

#include <string_view>
#include <vector>

#include "core/json_reader.h"
#include "providers/gemini/wire.h"

namespace sluice::providers::gemini {

// One part of candidates[0].content.
struct WirePart {
  enum class Kind { text, thought, function_call, other };
  Kind kind = Kind::other;
  std::string_view text;  // text or thought text
  std::string_view name;  // functionCall.name
  std::string_view args;  // functionCall.args as JSON text ("" when absent)
  std::string_view id;    // functionCall.id, when the API gives one
};

// The fields of a response the gateway uses; views into the document being read.
struct WireResponse {
  std::vector<WirePart> parts;
  std::string_view finish_reason;  // candidates[0].finishReason
  std::string_view block_reason;   // promptFeedback.blockReason
  std::string_view model;          // modelVersion
  std::string_view id;             // responseId
  WireUsage usage;
  bool has_candidate = false;
  // {"error":{code,message,status}} instead of a response (sent inside a stream).
  bool is_error = false;
  int64_t error_code = 0;
  std::string_view error_message, error_status;
};

// Reads a whole response object; `out.parts` is cleared first.
simdjson::error_code read_response(json::od::object& root, WireResponse& out);

}  // namespace sluice::providers::gemini
