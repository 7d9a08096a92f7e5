// Writing a whole response, and the faults that come before any normal answer; shared by the
// OpenAI and Anthropic endpoints, which differ only in the shape of their error bodies.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>

#include "connection.h"
#include "faults.h"
#include "http_head.h"

namespace mock {

// Which API family's error bodies an endpoint answers with.
enum class Dialect { openai, anthropic };

// Writes conn.body as a complete response with `head`. Returns whether to keep the connection.
boost::asio::awaitable<bool> respond(Connection& conn, const Head& head);

// Applies hang, latency_ms, status and (non-streamed) reset_after_chunks. Returns nullopt when
// the request proceeds normally, else whether the connection stays open.
boost::asio::awaitable<std::optional<bool>> apply_faults(Connection& conn, const Faults& faults,
                                                         bool streaming, Dialect dialect,
                                                         Head head);

}  // namespace mock
