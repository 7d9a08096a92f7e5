// SseFramer: turns a byte stream into whole Server-Sent Events, whatever the read boundaries.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::upstream {

// One complete SSE event as received: `raw` is the event's lines including the blank line that
// ended it (so it can be forwarded byte for byte); `data` is the joined data: field value.
struct SseEvent {
  std::string_view raw;
  std::string_view data;
  std::string_view event;  // the event: field, empty when absent
};

// Buffers partial input between feeds. Whole events are parsed in place: the views handed out
// point into the bytes given to feed() or into the framer's own buffer (for an event that
// straddled two feeds), so they stay valid until the next feed() and while those bytes do.
// Events whose bytes are adjacent in the input have adjacent `raw` views.
class SseFramer {
 public:
  // Returns the events the bytes complete; the rest waits for the next feed().
  const std::vector<SseEvent>& feed(std::string_view bytes);
  // Bytes received that do not yet form a whole event.
  std::size_t pending_bytes() const { return buffer_.size() - consumed_; }

 private:
  // Parses the whole events at the start of `s`; returns the bytes they span.
  std::size_t frame(std::string_view s);
  // `may_have_cr` false: the block has no \r (lines end with \n alone).
  bool parse_event(std::string_view block, SseEvent& out, bool may_have_cr);

  // Held bytes: [0, consumed_) belong to events handed out by the last feed(), the rest is the
  // incomplete event still pending.
  std::string buffer_;
  std::size_t consumed_ = 0;
  std::vector<SseEvent> events_;
  std::deque<std::string> joined_;  // multi-line data (rare); deque keeps views stable
};

}  // namespace sluice::upstream
