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

// Buffers partial input between feeds. Events handed out stay valid until the next feed().
class SseFramer {
 public:
  // Appends bytes and returns the events they complete.
  const std::vector<SseEvent>& feed(std::string_view bytes);
  // Bytes received that do not yet form a whole event.
  std::size_t pending_bytes() const { return buffer_.size() - consumed_; }

 private:
  bool parse_event(std::string_view block, SseEvent& out);

  std::string buffer_;
  std::size_t consumed_ = 0;
  std::vector<SseEvent> events_;
  std::deque<std::string> joined_;  // multi-line data (rare); deque keeps views stable
};

}  // namespace sluice::upstream
