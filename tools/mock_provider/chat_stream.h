// Writes a planned chat reply as an SSE stream, with the stream faults (ttft, chunk delay,
// reset or error after N chunks).
#pragma once

#include <boost/asio/awaitable.hpp>

#include "connection.h"
#include "http_head.h"
#include "sse.h"

namespace mock {

// Streams conn.plan. Returns true when the connection can serve another request.
boost::asio::awaitable<bool> stream_chat(Connection& conn, const ChunkContext& ctx,
                                         const Faults& faults, const Head& head);

}  // namespace mock
