// Bedrock's Converse answers for a ReplyPlan (the shared deterministic rules): the whole JSON
// body, the ConverseStream event-stream frames, and Bedrock's error bodies.
#pragma once

#include <string>
#include <string_view>

#include "chat_reply.h"

namespace mock {

// Fixed toolUseId: tests assert it and send it back in the toolResult.
inline constexpr std::string_view kBedrockToolUseId = "tooluse_mock_1";

// {"output":{"message":{"role":"assistant","content":[text or toolUse]}},"stopReason",
// "usage":{"inputTokens","outputTokens","totalTokens"},"metrics":{"latencyMs"}}.
void append_converse_response(std::string& out, const ReplyPlan& plan);

// ConverseStream frames before the first piece: messageStart (and contentBlockStart for a
// tool use).
void append_converse_opening(std::string& out, const ReplyPlan& plan);
// The contentBlockDelta frame of piece `i`; `break_crc` flips the message CRC.
void append_converse_piece(std::string& out, const ReplyPlan& plan, size_t i, bool break_crc);
// contentBlockStop, messageStop and metadata (usage).
void append_converse_closing(std::string& out, const ReplyPlan& plan);
// An exception frame (`:message-type: exception`) of `type` with {"message"}.
void append_converse_exception(std::string& out, std::string_view type, std::string_view message);

// The AWS exception name (x-amzn-ErrorType) and message the mock sends for an error status.
std::string_view bedrock_error_type(int status);
std::string_view bedrock_error_message(int status);

// {"message":"..."}, Bedrock's error body.
void append_bedrock_error(std::string& out, std::string_view message);

}  // namespace mock
