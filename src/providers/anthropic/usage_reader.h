// Reads usage from Anthropic's own wire shapes as the gateway relays them untranslated: a whole
// message body, or the message_start and message_delta events of a stream.
#pragma once

#include <string_view>

#include "core/json_reader.h"
#include "providers/anthropic/wire.h"

namespace sluice::providers::anthropic {

// Accumulates the usage of relayed Anthropic events (message_start carries the input side,
// message_delta the running output count).
class UsageReader {
 public:
  // Reads the usage of one event, by its SSE event name; other events are skipped unread.
  void on_event(std::string_view event, std::string_view data);
  // Reads the usage of a whole message body.
  void on_message(std::string_view body);

  bool present() const { return present_; }
  Usage usage() const;

 private:
  void read(std::string_view json, bool nested_in_message);

  json::JsonInput input_;
  WireUsage wire_;
  bool present_ = false;
};

}  // namespace sluice::providers::anthropic
