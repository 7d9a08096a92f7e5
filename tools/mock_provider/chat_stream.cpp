#include "chat_stream.h"

#include "event_stream.h"

namespace mock {

namespace {

// OpenAI `chat.completion.chunk` events of conn.plan.
class ChatEvents final : public StreamEvents {
 public:
  ChatEvents(const ChunkContext& ctx, const ReplyPlan& plan) : ctx_(ctx), plan_(plan) {}
  size_t piece_count() const override { return plan_.pieces.size(); }
  void append_opening(std::string& out) const override { append_opening_event(out, ctx_, plan_); }
  void append_piece(std::string& out, size_t i) const override {
    append_piece_event(out, ctx_, plan_, i);
  }
  void append_closing(std::string& out) const override { append_closing_events(out, ctx_, plan_); }
  void append_error(std::string& out) const override { append_error_event(out); }

 private:
  const ChunkContext& ctx_;
  const ReplyPlan& plan_;
};

}  // namespace

asio::awaitable<bool> stream_chat(Connection& conn, const ChunkContext& ctx, const Faults& faults,
                                  const Head& head) {
  const ChatEvents events(ctx, conn.plan);
  const bool keep = co_await write_event_stream(conn, events, faults, head);
  co_return keep;
}

}  // namespace mock
