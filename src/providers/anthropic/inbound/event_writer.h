// Writes one stream's canonical events as Anthropic Messages SSE events, so callers of
// /v1/messages (the official SDKs, Claude Code) can stream an answer from any provider.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/chat.h"
#include "core/json_writer.h"

namespace sluice::providers::anthropic::inbound {

// Stateful, one per stream. Anthropic's protocol is block-structured where the canonical one is
// flat, so the writer opens a content block (text, thinking, tool_use) when its kind of content
// starts, closes it when another begins, numbers blocks in order, and holds message_delta (stop
// reason, usage) until usage has arrived or the stream ends, because OpenAI-shaped upstreams
// send usage after the finish. Thinking blocks carry an empty signature: only Anthropic can
// sign one.
class AnthropicEventWriter {
 public:
  // `id` (made "msg_..." by message_id) and `model` are what the caller is shown; when empty,
  // they are taken from the stream's start event.
  AnthropicEventWriter(std::string id, std::string model);

  // Appends zero or more `event: NAME\ndata: {...}\n\n` events for `event` to `out`.
  void write(const StreamEvent& event, std::string& out);
  // The same, returned as a string (handy in tests and one-off writes).
  std::string write(const StreamEvent& event);
  // The upstream ended: whatever is still owed (message_start if nothing was sent, the open
  // block's stop, message_delta, message_stop). Nothing after an error or message_stop.
  void end(std::string& out);
  // The same, returned as a string.
  std::string end();
  // True once message_stop or an error event was written: nothing more will be.
  bool ended() const { return ended_; }

 private:
  enum class Block { none, text, thinking, tool };

  template <class F>
  void emit(std::string_view name, std::string& out, F&& write_data);
  void ensure_started(const StreamEvent* start, std::string& out);
  void open_block(Block kind, const StreamEvent& event, std::string& out);
  void close_block(std::string& out);
  void write_delta(const StreamEvent& event, std::string& out);
  void write_tool_delta(const StreamEvent& event, std::string& out);
  void write_error(const GatewayError& error, std::string& out);
  void finish_message(std::string& out);
  int tool_block(int tool_index) const;

  std::string id_;
  std::string model_;
  bool started_ = false;
  bool finished_ = false;  // a finish event arrived; message_delta waits for usage or the end
  bool ended_ = false;
  std::string finish_reason_;
  std::optional<Usage> usage_;
  Block open_ = Block::none;
  int open_index_ = -1;
  int next_index_ = 0;
  std::vector<std::pair<int, int>> tool_blocks_;  // canonical tool index -> block index
};

}  // namespace sluice::providers::anthropic::inbound
