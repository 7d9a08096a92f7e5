// Decides what the mock answers to a Gemini generateContent request (the same deterministic
// rules as the OpenAI and Anthropic modes) and writes its bodies: the whole
// GenerateContentResponse, the stream chunks and the countTokens answer.
#pragma once

#include <string>
#include <string_view>

#include "chat_reply.h"
#include "faults.h"
#include "gemini_request.h"

namespace mock {

// The reply to one request: text, or one functionCall (its args JSON in reply.text).
struct GeminiPlan {
  ReplyPlan reply;  // prompt_tokens / completion_tokens: promptTokenCount / candidatesTokenCount
};

// What every chunk of one answer repeats.
struct GeminiContext {
  std::string_view response_id;
  std::string_view model;
};

// Fills `plan` from the request: echo text, tool result text, or a functionCall (see README).
void plan_gemini_reply(const GeminiInput& input, const Faults& faults, GeminiPlan& plan);

// The whole non-streamed GenerateContentResponse.
void append_gemini_response(std::string& out, const GeminiPlan& plan, const GeminiContext& ctx);

// One stream chunk: `data: {GenerateContentResponse}\r\n\r\n` carrying piece `i` (text), or the
// whole functionCall (a tool call streams as one piece, as Gemini sends calls whole).
void append_gemini_piece(std::string& out, const GeminiPlan& plan, const GeminiContext& ctx,
                         size_t i);

// The last chunk: an empty text part, finishReason STOP and usageMetadata.
void append_gemini_closing(std::string& out, const GeminiPlan& plan, const GeminiContext& ctx);

// The number of stream pieces of the plan.
size_t gemini_piece_count(const GeminiPlan& plan);

// {"totalTokens":N} for countTokens.
void append_count_tokens(std::string& out, const GeminiInput& input);

}  // namespace mock
