// EventFramer: turns a provider's streamed body into whole named events, whatever the read
// boundaries. Providers frame streams differently (Server-Sent Events for most, AWS's binary
// event-stream for Bedrock); the translated proxy only sees (event name, payload) pairs.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "upstream/sse_framer.h"

namespace sluice::upstream {

// One whole event: its name (SSE `event:` field, event-stream `:event-type` header) and its
// payload (SSE `data:`, event-stream payload). Views stay valid until the next feed().
struct FramedEvent {
  std::string_view event;
  std::string_view data;
};

class EventFramer {
 public:
  virtual ~EventFramer() = default;
  // Appends bytes and returns the events they complete. Returns false when the bytes cannot be
  // framed (a broken frame); then error() says why and the stream must be abandoned.
  virtual bool feed(std::string_view bytes, std::vector<FramedEvent>& out) = 0;
  // Why the last feed() failed, empty otherwise.
  virtual const std::string& error() const = 0;
};

// Server-Sent Events, over SseFramer.
class SseEventFramer final : public EventFramer {
 public:
  bool feed(std::string_view bytes, std::vector<FramedEvent>& out) override;
  const std::string& error() const override { return error_; }

 private:
  SseFramer framer_;
  std::string error_;  // SSE has no framing errors
};

}  // namespace sluice::upstream
