// Reads a chat.completions request body into the few facts the mock's reply depends on.
#pragma once

#include <optional>
#include <string>

#include "faults.h"
#include "request_error.h"

namespace mock {

// The parts of a chat request that decide the reply. Reused across requests on a connection
// (clear() keeps string capacity) so steady-state parsing does not allocate.
struct ChatInput {
  std::string model;
  bool stream = false;
  bool include_usage = false;     // stream_options.include_usage
  bool has_tools = false;         // a non-empty `tools` array
  bool tool_choice_none = false;  // tool_choice == "none"
  std::string tool_name;          // tool to call: tool_choice's function, else the first tool
  std::string last_role;          // role of the last message
  std::string last_user_text;     // text of the last user message, directive stripped
  std::string last_tool_text;     // text of the last tool message
  size_t text_bytes = 0;          // UTF-8 bytes of all message texts (directives included)

  void clear();
};

// Parses `body` (its capacity is grown for simdjson's padding, hence non-const) into `input`,
// applying any `[[mock ...]]` directive of the last user message to `faults`.
std::optional<RequestError> parse_chat_request(std::string& body, ChatInput& input, Faults& faults);

}  // namespace mock
