// Reads a Gemini API request (generateContent, streamGenerateContent, countTokens,
// embedContent, batchEmbedContents) into the few facts the mock's reply depends on.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "faults.h"

namespace mock {

// The parts of a Gemini request that decide the reply. Lives in the serving coroutine's frame.
struct GeminiInput {
  bool has_tools = false;          // at least one functionDeclaration
  bool mode_none = false;          // toolConfig.functionCallingConfig.mode == NONE
  std::string first_tool;          // name of the first functionDeclaration
  std::string chosen_tool;         // allowedFunctionNames[0]
  bool after_tool_result = false;  // the last content is a user turn with a functionResponse
  std::string tool_result_text;    // its first functionResponse: response.content, else the JSON
  std::string last_user_text;      // last user turn with text, directive stripped, trimmed
  size_t text_bytes = 0;           // systemInstruction + text parts + function responses
  std::vector<std::string> embed_texts;  // embeddings: one text per vector
  unsigned dimensions = 8;               // embeddings: outputDimensionality

  const std::string& tool_name() const { return chosen_tool.empty() ? first_tool : chosen_tool; }
};

// Which request shape to read.
enum class GeminiRequestKind { generate, count_tokens, embed, batch_embed };

// Parses `body` (its capacity grows for simdjson's padding) into `input`, applying a
// `[[mock ...]]` directive of the last user text (or first embedding text) to `faults`.
// Returns Google's error message for a 400 INVALID_ARGUMENT.
std::optional<std::string> parse_gemini_request(std::string& body, GeminiRequestKind kind,
                                                GeminiInput& input, Faults& faults);

}  // namespace mock
