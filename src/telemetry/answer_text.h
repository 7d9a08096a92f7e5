// The text of an answer as a record keeps it (whole body or relayed stream data), in either
// caller shape (OpenAI or Anthropic): what the tokenizer counts when the provider reported no
// usage, and what capture stores. Runs on the writer thread.
#pragma once

#include <string>
#include <string_view>

#include "telemetry/call_record.h"

namespace sluice::telemetry {

// The answer's generated text: message content, reasoning, tool names and arguments.
std::string answer_text(AnswerForm form, std::string_view answer);

}  // namespace sluice::telemetry
