// Reads an Anthropic Messages request (POST /v1/messages, /v1/messages/count_tokens) into the
// few facts the mock's reply depends on, validating it with Anthropic's error wording.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "faults.h"
#include "request_error.h"

namespace mock {

// The parts of a Messages request that decide the reply. Reused across requests on a
// connection; clear() keeps string capacity.
struct AnthropicInput {
  std::string model;
  long long max_tokens = 0;  // 0: absent (allowed only for count_tokens)
  bool stream = false;
  bool has_tools = false;          // a non-empty `tools` array
  bool tool_choice_none = false;   // tool_choice {"type":"none"}
  std::string first_tool;          // name of tools[0]
  std::string chosen_tool;         // tool_choice {"type":"tool","name"}
  bool after_tool_result = false;  // the last user turn has a tool_result block
  std::string tool_result_text;    // text of that turn's first tool_result content
  std::string last_user_text;      // last user turn with text, directive stripped, trimmed
  std::vector<std::string> stop_sequences;
  size_t text_bytes = 0;  // system + text blocks + tool_result texts (directives included)

  // The tool a tool_use reply calls: tool_choice's, else the first tool's.
  const std::string& tool_name() const { return chosen_tool.empty() ? first_tool : chosen_tool; }
  void clear();
};

// Parses `body` (its capacity is grown for simdjson's padding, hence non-const) into `input`,
// applying any `[[mock ...]]` directive of the last user text to `faults`. `count_tokens`
// relaxes the required fields to those of /v1/messages/count_tokens (no max_tokens).
// Only RequestError::message is meaningful (Anthropic errors have no param/code).
std::optional<RequestError> parse_messages_request(std::string& body, AnthropicInput& input,
                                                   Faults& faults, bool count_tokens);

}  // namespace mock
