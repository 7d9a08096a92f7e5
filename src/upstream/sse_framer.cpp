#include "upstream/sse_framer.h"

namespace sluice::upstream {
namespace {

// Finds the end of the next event (the blank line), accepting \n\n, \r\n\r\n and \r\r.
// Returns the index just past the blank line, or npos.
std::size_t find_event_end(std::string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] == '\n' && s[i + 1] == '\n') return i + 2;
    if (s[i] == '\n' && s[i + 1] == '\r' && i + 2 < s.size() && s[i + 2] == '\n') return i + 3;
    if (s[i] == '\r' && s[i + 1] == '\r') return i + 2;
  }
  return std::string_view::npos;
}

// Position of the first \r or \n (a plain loop: libstdc++'s find_first_of calls memchr once
// per input byte, which showed up in stream profiles).
std::size_t find_line_end(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' || s[i] == '\r') return i;
  }
  return std::string_view::npos;
}

}  // namespace

bool SseFramer::parse_event(std::string_view block, SseEvent& out) {
  out = SseEvent{block, {}, {}};
  std::string_view rest = block;
  std::size_t data_lines = 0;
  std::string joined;
  std::string_view first_data;
  while (!rest.empty()) {
    const auto eol = find_line_end(rest);
    std::string_view line = rest.substr(0, eol);
    if (eol == std::string_view::npos) {
      rest = {};
    } else {
      const bool crlf = rest[eol] == '\r' && eol + 1 < rest.size() && rest[eol + 1] == '\n';
      rest.remove_prefix(eol + (crlf ? 2 : 1));
    }
    if (line.empty() || line.front() == ':') continue;  // blank or comment (e.g. keep-alive)
    const auto colon = line.find(':');
    std::string_view field = line.substr(0, colon);
    std::string_view value =
        colon == std::string_view::npos ? std::string_view{} : line.substr(colon + 1);
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

const std::vector<SseEvent>& SseFramer::feed(std::string_view bytes) {
  events_.clear();
  joined_.clear();
  if (consumed_ > 0) {  // drop what the previous feed already handed out
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
  buffer_.append(bytes);
  while (true) {
    std::string_view rest(buffer_.data() + consumed_, buffer_.size() - consumed_);
    const auto end = find_event_end(rest);
    if (end == std::string_view::npos) break;
    SseEvent event;
    if (parse_event(rest.substr(0, end), event)) events_.push_back(event);
    consumed_ += end;
  }
  return events_;
}

}  // namespace sluice::upstream
