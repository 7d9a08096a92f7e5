#include "sse.h"

#include "json_writer.h"

namespace mock {

namespace {

// `data: {"id":...,"choices":[` — the part every chunk shares up to its choice.
void open_chunk(std::string& out, const ChunkContext& ctx) {
  out.append(R"(data: {"id":")");
  out.append(ctx.id);
  out.append(R"(","object":"chat.completion.chunk","created":)");
  append_uint(out, static_cast<unsigned long long>(ctx.created));
  out.append(R"(,"model":)");
  append_json_string(out, ctx.model);
  out.append(R"(,"service_tier":"default","system_fingerprint":"fp_mock","choices":[)");
}

// Closes a chunk whose choice carries `delta` (already appended) and `finish_reason`.
void close_choice_chunk(std::string& out, const ChunkContext& ctx, std::string_view finish) {
  out.append(R"(,"logprobs":null,"finish_reason":)");
  if (finish.empty()) {
    out.append("null");
  } else {
    out.push_back('"');
    out.append(finish);
    out.push_back('"');
  }
  out.append("}]");
  if (ctx.include_usage) out.append(R"(,"usage":null)");
  out.append("}\n\n");
}

}  // namespace

void append_opening_event(std::string& out, const ChunkContext& ctx, const ReplyPlan& plan) {
  open_chunk(out, ctx);
  if (plan.tool_call) {
    out.append(R"({"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[)"
               R"({"index":0,"id":")");
    out.append(kToolCallId);
    out.append(R"(","type":"function","function":{"name":)");
    append_json_string(out, plan.tool_name);
    out.append(R"(,"arguments":""}}],"refusal":null})");
  } else {
    out.append(R"({"index":0,"delta":{"role":"assistant","content":"","refusal":null})");
  }
  close_choice_chunk(out, ctx, {});
}

void append_piece_event(std::string& out, const ChunkContext& ctx, const ReplyPlan& plan,
                        size_t i) {
  open_chunk(out, ctx);
  if (plan.tool_call) {
    out.append(R"({"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":)");
    append_json_string(out, plan.piece(i));
    out.append("}}]}");
  } else {
    out.append(R"({"index":0,"delta":{"content":)");
    append_json_string(out, plan.piece(i));
    out.push_back('}');
  }
  close_choice_chunk(out, ctx, {});
}

void append_finish_event(std::string& out, const ChunkContext& ctx, const ReplyPlan& plan) {
  open_chunk(out, ctx);
  out.append(R"({"index":0,"delta":{})");
  close_choice_chunk(out, ctx, plan.finish_reason());
}

void append_usage_event(std::string& out, const ChunkContext& ctx, const ReplyPlan& plan) {
  open_chunk(out, ctx);
  out.append(R"(],"usage":)");
  append_usage(out, plan.prompt_tokens, plan.completion_tokens);
  out.append("}\n\n");
}

void append_done_event(std::string& out) { out.append("data: [DONE]\n\n"); }

void append_error_event(std::string& out) {
  out.append(R"(data: {"error":{"message":"mock stream error","type":"server_error"}})"
             "\n\n");
}

void append_closing_events(std::string& out, const ChunkContext& ctx, const ReplyPlan& plan) {
  append_finish_event(out, ctx, plan);
  if (ctx.include_usage) append_usage_event(out, ctx, plan);
  append_done_event(out);
}

}  // namespace mock
