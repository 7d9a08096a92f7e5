// Anthropic Messages API wire facts shared by the encoder and the decoders: the version and
// path, stop reasons, and the usage block.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/json_reader.h"
#include "core/usage.h"

namespace sluice::providers::anthropic {

// The API version every request names (the one the Messages API was released under).
inline constexpr std::string_view kApiVersion = "2023-06-01";
// Path below the base URL (https://api.anthropic.com/v1).
inline constexpr std::string_view kMessagesPath = "/messages";
// max_tokens is required by Anthropic and optional for OpenAI callers.
inline constexpr int64_t kDefaultMaxTokens = 4096;

// Anthropic's usage block. input_tokens excludes cached tokens, unlike OpenAI's prompt_tokens.
struct WireUsage {
  int64_t input_tokens = 0;
  int64_t output_tokens = 0;
  int64_t cache_read_input_tokens = 0;
  int64_t cache_creation_input_tokens = 0;
};

// Reads the fields of a usage object present in `value` into `usage` (absent or null fields
// keep their value: message_delta repeats only some of them).
simdjson::error_code read_wire_usage(json::od::value value, WireUsage& usage);

// OpenAI's breakdown: prompt_tokens counts cached reads and writes too.
Usage to_usage(const WireUsage& wire);

// OpenAI's finish_reason for a stop_reason; `json_tool` answers end in a tool_use stop that is,
// for the caller, a plain stop.
std::string_view finish_reason_for(std::string_view stop_reason, bool json_tool_answer = false);

}  // namespace sluice::providers::anthropic
