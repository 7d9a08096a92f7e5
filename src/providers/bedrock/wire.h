// Bedrock Converse API wire facts shared by the encoder and the decoders: paths, stop reasons,
// the usage block.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/json_reader.h"
#include "core/usage.h"

namespace sluice::providers::bedrock {

// maxTokens is optional for Converse, but models' own defaults are small; OpenAI callers that
// give none expect a full answer.
inline constexpr int64_t kDefaultMaxTokens = 4096;
// AWS's service name for SigV4 (the host is bedrock-runtime.{region}.amazonaws.com).
inline constexpr std::string_view kSigningService = "bedrock";
// The framing of a ConverseStream answer.
inline constexpr std::string_view kEventStreamContentType = "application/vnd.amazon.eventstream";

// /model/{modelId}/converse or /converse-stream, the model id percent-encoded as one path segment
// (its ':' and, in ARNs, '/').
std::string converse_path(std::string_view model, bool stream);

// Converse's usage block. inputTokens excludes cached tokens (as Anthropic's does).
struct WireUsage {
  int64_t input_tokens = 0;
  int64_t output_tokens = 0;
  int64_t cache_read_input_tokens = 0;
  int64_t cache_write_input_tokens = 0;
};

// Reads the fields of a usage object into `usage` (absent fields keep their value).
simdjson::error_code read_wire_usage(json::od::value value, WireUsage& usage);

// OpenAI's breakdown: prompt_tokens counts cached reads and writes too.
Usage to_usage(const WireUsage& wire);

// OpenAI's finish_reason for a Converse stopReason; `json_tool_answer`: the tool_use stop was the
// tool that carries JSON output, a plain stop for the caller.
std::string_view finish_reason_for(std::string_view stop_reason, bool json_tool_answer = false);

}  // namespace sluice::providers::bedrock
