// One accepted client connection: its socket, its read buffer and the per-connection scratch
// that is reused from request to request, plus the few socket primitives faults need.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include <string>

#include "anthropic_reply.h"
#include "anthropic_request.h"
#include "chat_reply.h"
#include "chat_request.h"
#include "embeddings.h"
#include "options.h"

namespace mock {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// State of one connection; lives in its session coroutine's frame.
struct Connection {
  Connection(tcp::socket s, const Options& o) : socket(std::move(s)), options(o) {}

  tcp::socket socket;
  const Options& options;
  boost::beast::flat_buffer buffer;  // request bytes; keeps capacity across requests
  std::string head;                  // response head
  std::string body;                  // response body, or SSE events
  std::string id;                    // id of the current response (chatcmpl-..., msg_...)
  std::string request_id;            // Anthropic's request-id (req_...); OpenAI's is `id`
  ChatInput chat;
  ReplyPlan plan;
  EmbeddingsInput embeddings;
  AnthropicInput anthropic;
  AnthropicPlan anthropic_plan;
};

// Waits `ms` milliseconds on the connection's executor.
asio::awaitable<void> sleep_ms(Connection& conn, int ms);

// Writes every buffer; returns false when the client has gone.
asio::awaitable<bool> write_buffers(Connection& conn, const asio::const_buffer* buffers,
                                    size_t count);

// Reads and discards until the client closes (the `hang` fault).
asio::awaitable<void> hang_until_closed(Connection& conn);

// Aborts the connection with a TCP RST (SO_LINGER 0, then close).
void reset_connection(Connection& conn);

// Sets conn.id to a fresh id `<prefix><thread>-<counter>`, unique within the process.
void next_id(Connection& conn, std::string_view prefix);

}  // namespace mock
