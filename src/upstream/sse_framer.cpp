#include "upstream/sse_framer.h"

#include <cstring>

namespace sluice::upstream {
namespace {

constexpr std::size_t npos = std::string_view::npos;

// Index of the first `c` at or after `from`, or npos.
std::size_t find_char(std::string_view s, char c, std::size_t from) {
  if (from >= s.size()) return npos;
  const void* hit = std::memchr(s.data() + from, c, s.size() - from);
  return hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - s.data()) : npos;
}

// Position of the first \r or \n (two memchr, the second bounded by the first: libstdc++'s
// find_first_of calls memchr once per input byte). `may_have_cr` false: the text has no \r.
std::size_t find_line_end(std::string_view s, bool may_have_cr) {
  std::size_t end = find_char(s, '\n', 0);
  if (!may_have_cr) return end;
  const std::size_t cr = find_char(end == npos ? s : s.substr(0, end), '\r', 0);
  return cr != npos ? cr : end;
}

// Finds event ends (the blank line: \n\n, \n\r\n or \r\r) one after the other in `s`, keeping
// the next \n and \r positions between calls so that each byte is scanned once.
class EventEnds {
 public:
  explicit EventEnds(std::string_view s)
      : s_(s), nl_(find_char(s, '\n', 0)), cr_(find_char(s, '\r', 0)) {}

  // False when no \r is left after the last event end found (every search starts there).
  bool may_have_cr() const { return cr_ != npos; }

  // The index just past the first blank line at or after `from`, or npos.
  std::size_t next(std::size_t from) {
    if (nl_ < from) nl_ = find_char(s_, '\n', from);
    if (cr_ < from) cr_ = find_char(s_, '\r', from);
    const std::size_t n = s_.size();
    while (true) {
      const std::size_t i = nl_ < cr_ ? nl_ : cr_;
      if (i == npos || i + 1 >= n) return npos;
      if (s_[i] == '\n') {
        nl_ = s_[i + 1] == '\n' ? i + 1 : find_char(s_, '\n', i + 1);
        if (s_[i + 1] == '\n') return i + 2;
        if (s_[i + 1] == '\r' && i + 2 < n && s_[i + 2] == '\n') return i + 3;
      } else {
        cr_ = find_char(s_, '\r', i + 1);
        if (s_[i + 1] == '\r') return i + 2;
      }
    }
  }

 private:
  std::string_view s_;
  std::size_t nl_, cr_;
};

}  // namespace

bool SseFramer::parse_event(std::string_view block, SseEvent& out, bool may_have_cr) {
  out = SseEvent{block, {}, {}};
  std::string_view rest = block;
  std::size_t data_lines = 0;
  std::string joined;
  std::string_view first_data;
  while (!rest.empty()) {
    const auto eol = find_line_end(rest, may_have_cr);
    std::string_view line = rest.substr(0, eol);
    if (eol == npos) {
      rest = {};
    } else {
      const bool crlf = rest[eol] == '\r' && eol + 1 < rest.size() && rest[eol + 1] == '\n';
      rest.remove_prefix(eol + (crlf ? 2 : 1));
    }
    if (line.empty() || line.front() == ':') continue;  // blank or comment (e.g. keep-alive)
    const auto colon = line.find(':');
    std::string_view field = line.substr(0, colon);
    std::string_view value = colon == npos ? std::string_view{} : line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (field == "data") {
      if (data_lines++ == 0) {
        first_data = value;
      } else {
        if (data_lines == 2) joined.assign(first_data);
        joined.push_back('\n');
        joined.append(value);
      }
    } else if (field == "event") {
      out.event = value;
    }
  }
  if (data_lines > 1) {
    joined_.push_back(std::move(joined));
    out.data = joined_.back();
  } else {
    out.data = first_data;
  }
  return data_lines > 0 || !out.event.empty();
}

std::size_t SseFramer::frame(std::string_view s) {
  EventEnds ends(s);
  std::size_t start = 0;
  while (true) {
    const bool may_have_cr = ends.may_have_cr();  // before next() looks past the block
    const std::size_t end = ends.next(start);
    if (end == npos) break;
    SseEvent event;
    if (parse_event(s.substr(start, end - start), event, may_have_cr)) events_.push_back(event);
    start = end;
  }
  return start;
}

const std::vector<SseEvent>& SseFramer::feed(std::string_view bytes) {
  events_.clear();
  if (!joined_.empty()) joined_.clear();
  if (consumed_ > 0) {  // drop what the previous feed already handed out
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
  std::string_view rest = bytes;
  if (!buffer_.empty()) {
    // An event is pending: complete it (and any others up to the first event end within
    // `bytes`) in the buffer, then parse the remaining bytes in place. Reserving first means
    // nothing appended below moves the buffer, so views into it stay valid.
    buffer_.reserve(buffer_.size() + bytes.size());
    const std::size_t first_end = EventEnds(bytes).next(0);
    const std::size_t take = first_end == npos ? bytes.size() : first_end;
    buffer_.append(bytes.data(), take);
    consumed_ = frame(buffer_);
    rest.remove_prefix(take);
    if (consumed_ < buffer_.size()) {
      // The join moved an event end (a blank line split across feeds overlapped the one found
      // in `bytes`), or no event ended: go on in the buffer.
      if (!rest.empty()) {
        buffer_.append(rest);
        consumed_ += frame(std::string_view(buffer_).substr(consumed_));
      }
      return events_;
    }
  }
  const std::size_t used = frame(rest);
  consumed_ = buffer_.size();
  buffer_.append(rest.substr(used));  // the incomplete tail (fits the reserve when it was made)
  return events_;
}

}  // namespace sluice::upstream
