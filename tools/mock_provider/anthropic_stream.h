// Anthropic Messages streaming: the named SSE events (`event: <type>\ndata: {...}\n\n`) of a
// planned reply, written with the same pacing and mid-stream faults as the OpenAI stream.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <string>
#include <string_view>

#include "anthropic_reply.h"
#include "connection.h"
#include "faults.h"
#include "http_head.h"

namespace mock {

// What the events of one stream repeat.
struct MessageContext {
  std::string_view id;
  std::string_view model;
};

// message_start, content_block_start and ping (plus, for tool_use, the empty input_json_delta
// Anthropic sends first).
void append_message_opening(std::string& out, const MessageContext& ctx, const AnthropicPlan& plan);

// The content_block_delta of piece `i`: text_delta or input_json_delta.
void append_message_piece(std::string& out, const AnthropicPlan& plan, size_t i);

// content_block_stop, message_delta (stop reason, output_tokens) and message_stop.
void append_message_closing(std::string& out, const AnthropicPlan& plan);

// Streams conn.anthropic_plan. Returns true when the connection can serve another request.
boost::asio::awaitable<bool> stream_message(Connection& conn, const MessageContext& ctx,
                                            const Faults& faults, const Head& head);

}  // namespace mock
