// Writes a reply as a chunked SSE body with the stream faults (ttft, chunk delay, reset or
// error after N pieces), whatever the dialect: the events themselves come from a StreamEvents.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <string>

#include "connection.h"
#include "faults.h"
#include "http_head.h"

namespace mock {

// The events of one streamed reply in one dialect (OpenAI chunks, Anthropic message events).
class StreamEvents {
 public:
  virtual ~StreamEvents() = default;
  // How many pieces (content deltas) the reply has.
  virtual size_t piece_count() const = 0;
  // Everything sent with the head, before the first piece.
  virtual void append_opening(std::string& out) const = 0;
  // The delta event of piece `i`.
  virtual void append_piece(std::string& out, size_t i) const = 0;
  // Everything after the last piece, ending the stream.
  virtual void append_closing(std::string& out) const = 0;
  // The error event of the error_after_chunks fault.
  virtual void append_error(std::string& out) const = 0;
};

// Streams `events` on the connection. Returns true when the connection can serve another request.
boost::asio::awaitable<bool> write_event_stream(Connection& conn, const StreamEvents& events,
                                                const Faults& faults, const Head& head);

}  // namespace mock
