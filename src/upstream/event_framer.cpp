#include "upstream/event_framer.h"

namespace sluice::upstream {

bool SseEventFramer::feed(std::string_view bytes, std::vector<FramedEvent>& out) {
  for (const auto& event : framer_.feed(bytes)) out.push_back({event.event, event.data});
  return true;
}

}  // namespace sluice::upstream
