#include "anthropic_stream.h"

#include "anthropic_error.h"
#include "event_stream.h"
#include "json_writer.h"

namespace mock {

namespace {

// Opens `event: <type>\ndata: {"type":"<type>"` (the JSON object is left open).
void open_event(std::string& out, std::string_view type) {
  out.append("event: ");
  out.append(type);
  out.append("\ndata: {\"type\":\"");
  out.append(type);
  out.push_back('"');
}

void close_event(std::string& out) { out.append("}\n\n"); }

void append_message_start(std::string& out, const MessageContext& ctx, const AnthropicPlan& plan) {
  open_event(out, "message_start");
  out.append(R"(,"message":{"id":")");
  out.append(ctx.id);
  out.append(R"(","type":"message","role":"assistant","model":)");
  append_json_string(out, ctx.model);
  out.append(R"(,"content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":)");
  append_uint(out, plan.reply.prompt_tokens);
  out.append(R"(,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}})");
  close_event(out);
}

void append_block_start(std::string& out, const AnthropicPlan& plan) {
  open_event(out, "content_block_start");
  if (plan.reply.tool_call) {
    out.append(R"(,"index":0,"content_block":{"type":"tool_use","id":")");
    out.append(kToolUseId);
    out.append(R"(","name":)");
    append_json_string(out, plan.reply.tool_name);
    out.append(R"(,"input":{}})");
  } else {
    out.append(R"(,"index":0,"content_block":{"type":"text","text":""})");
  }
  close_event(out);
}

// A content_block_delta carrying `fragment` as text or partial JSON.
void append_delta(std::string& out, bool tool_use, std::string_view fragment) {
  open_event(out, "content_block_delta");
  out.append(tool_use ? R"(,"index":0,"delta":{"type":"input_json_delta","partial_json":)"
                      : R"(,"index":0,"delta":{"type":"text_delta","text":)");
  append_json_string(out, fragment);
  out.push_back('}');
  close_event(out);
}

// Anthropic's events of the planned reply, for the shared stream writer.
class MessageEvents final : public StreamEvents {
 public:
  MessageEvents(const MessageContext& ctx, const AnthropicPlan& plan) : ctx_(ctx), plan_(plan) {}
  size_t piece_count() const override { return plan_.reply.pieces.size(); }
  void append_opening(std::string& out) const override { append_message_opening(out, ctx_, plan_); }
  void append_piece(std::string& out, size_t i) const override {
    append_message_piece(out, plan_, i);
  }
  void append_closing(std::string& out) const override { append_message_closing(out, plan_); }
  void append_error(std::string& out) const override { append_anthropic_error_event(out); }

 private:
  const MessageContext& ctx_;
  const AnthropicPlan& plan_;
};

}  // namespace

void append_message_opening(std::string& out, const MessageContext& ctx,
                            const AnthropicPlan& plan) {
  append_message_start(out, ctx, plan);
  append_block_start(out, plan);
  out.append("event: ping\ndata: {\"type\": \"ping\"}\n\n");  // Anthropic's own spacing
  if (plan.reply.tool_call) append_delta(out, true, "");
}

void append_message_piece(std::string& out, const AnthropicPlan& plan, size_t i) {
  append_delta(out, plan.reply.tool_call, plan.reply.piece(i));
}

void append_message_closing(std::string& out, const AnthropicPlan& plan) {
  open_event(out, "content_block_stop");
  out.append(R"(,"index":0)");
  close_event(out);
  open_event(out, "message_delta");
  out.append(R"(,"delta":{)");
  append_stop_fields(out, plan);
  out.append(R"(},"usage":{"output_tokens":)");
  append_uint(out, plan.reply.completion_tokens);
  out.push_back('}');
  close_event(out);
  open_event(out, "message_stop");
  close_event(out);
}

asio::awaitable<bool> stream_message(Connection& conn, const MessageContext& ctx,
                                     const Faults& faults, const Head& head) {
  const MessageEvents events(ctx, conn.anthropic_plan);
  const bool keep = co_await write_event_stream(conn, events, faults, head);
  co_return keep;
}

}  // namespace mock
