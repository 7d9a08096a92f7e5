#include "event_stream.h"

#include <array>

namespace mock {

namespace {

constexpr std::string_view kChunkEnd = "\r\n";
constexpr std::string_view kLastChunk = "\r\n0\r\n\r\n";  // ends the data chunk and the body
constexpr std::string_view kBodyEnd = "0\r\n\r\n";        // ends the body after a whole chunk

// The events in conn.body framed as one HTTP chunk, optionally ending the chunked body.
struct Frame {
  std::string size_line;
  std::array<asio::const_buffer, 4> buffers;
  size_t count = 0;
};

void frame_events(Connection& conn, Frame& frame, bool last, bool with_head) {
  frame.size_line.clear();
  append_chunk_size(frame.size_line, conn.body.size());
  frame.count = 0;
  if (with_head) frame.buffers[frame.count++] = asio::buffer(conn.head);
  frame.buffers[frame.count++] = asio::buffer(frame.size_line);
  frame.buffers[frame.count++] = asio::buffer(conn.body);
  frame.buffers[frame.count++] = asio::buffer(last ? kLastChunk : kChunkEnd);
}

// Writes conn.body as one chunk. Returns false when the client has gone.
asio::awaitable<bool> send(Connection& conn, Frame& frame, bool last, bool with_head) {
  frame_events(conn, frame, last, with_head);
  const bool ok = co_await write_buffers(conn, frame.buffers.data(), frame.count);
  co_return ok;
}

// The whole stream in one write: the common, benchmark path with no pacing faults.
asio::awaitable<bool> send_at_once(Connection& conn, const StreamEvents& events, Frame& frame) {
  const size_t n = events.piece_count();
  for (size_t i = 0; i < n; ++i) events.append_piece(conn.body, i);
  events.append_closing(conn.body);
  const bool ok = co_await send(conn, frame, true, true);
  co_return ok;
}

// A mid-stream fault after `sent` pieces, if one is due: reset or error event. Returns true
// when the stream ended here.
asio::awaitable<bool> mid_stream_fault(Connection& conn, const StreamEvents& events,
                                       const Faults& faults, size_t sent, Frame& frame) {
  if (faults.reset_after_chunks >= 0 && sent == static_cast<size_t>(faults.reset_after_chunks)) {
    // Give the chunks already written time to reach the client before the RST discards them.
    co_await sleep_ms(conn, 20);
    reset_connection(conn);
    co_return true;
  }
  if (faults.truncate_after_chunks >= 0 &&
      sent == static_cast<size_t>(faults.truncate_after_chunks)) {
    // The body's terminating chunk with no closing events: a clean end, cut short.
    const asio::const_buffer last = asio::buffer(kBodyEnd);
    const bool ok = co_await write_buffers(conn, &last, 1);
    (void)ok;  // the connection closes either way
    co_return true;
  }
  if (faults.error_after_chunks >= 0 && sent == static_cast<size_t>(faults.error_after_chunks)) {
    conn.body.clear();
    events.append_error(conn.body);
    const bool ok = co_await send(conn, frame, true, false);
    (void)ok;  // the connection closes either way
    co_return true;
  }
  co_return false;
}

// The paced path: head and opening events, then one write per piece.
asio::awaitable<bool> send_paced(Connection& conn, const StreamEvents& events, const Faults& faults,
                                 Frame& frame) {
  const bool opened = co_await send(conn, frame, false, true);
  if (!opened) co_return false;
  const size_t n = events.piece_count();
  for (size_t i = 0;; ++i) {
    const bool ended = co_await mid_stream_fault(conn, events, faults, i, frame);
    if (ended) co_return false;
    if (i == n) break;
    const int delay = i == 0 ? faults.ttft_ms : faults.chunk_delay_ms;
    if (delay > 0) co_await sleep_ms(conn, delay);
    conn.body.clear();
    events.append_piece(conn.body, i);
    const bool sent = co_await send(conn, frame, false, false);
    if (!sent) co_return false;
  }
  conn.body.clear();
  events.append_closing(conn.body);
  const bool closed = co_await send(conn, frame, true, false);
  co_return closed;
}

}  // namespace

asio::awaitable<bool> write_event_stream(Connection& conn, const StreamEvents& events,
                                         const Faults& faults, const Head& head) {
  Frame frame;  // per stream: streams on one thread interleave at every co_await
  conn.head.clear();
  append_stream_head(conn.head, head);
  conn.body.clear();
  events.append_opening(conn.body);
  bool ok = false;
  if (faults.paced()) {
    ok = co_await send_paced(conn, events, faults, frame);
  } else {
    ok = co_await send_at_once(conn, events, frame);
  }
  co_return ok&& head.keep_alive;
}

}  // namespace mock
