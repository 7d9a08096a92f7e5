#include "gemini_reply.h"

#include "json_writer.h"
#include "text_pieces.h"

namespace mock {

namespace {

void append_function_call(std::string& out, const ReplyPlan& r) {
  out.append(R"({"functionCall":{"name":)");
  append_json_string(out, r.tool_name);
  out.append(R"(,"args":)");
  out.append(r.text);  // already JSON
  out.append("}}");
}

void append_text_part(std::string& out, std::string_view text) {
  out.append(R"({"text":)");
  append_json_string(out, text);
  out.push_back('}');
}

void append_usage_metadata(std::string& out, const ReplyPlan& r) {
  out.append(R"("usageMetadata":{"promptTokenCount":)");
  append_uint(out, r.prompt_tokens);
  out.append(R"(,"candidatesTokenCount":)");
  append_uint(out, r.completion_tokens);
  out.append(R"(,"totalTokenCount":)");
  append_uint(out, r.prompt_tokens + r.completion_tokens);
  out.append(R"(,"promptTokensDetails":[{"modality":"TEXT","tokenCount":)");
  append_uint(out, r.prompt_tokens);
  out.append("}]}");
}

// `{"candidates":[{"content":{"parts":[` ... the caller appends parts, then close_candidate.
void open_candidate(std::string& out) { out.append(R"({"candidates":[{"content":{"parts":[)"); }

void close_candidate(std::string& out, bool finished) {
  out.append(R"(],"role":"model"})");
  if (finished) out.append(R"(,"finishReason":"STOP")");
  out.append(R"(,"index":0}])");
}

void append_trailer(std::string& out, const GeminiContext& ctx) {
  out.append(R"(,"modelVersion":)");
  append_json_string(out, ctx.model);
  out.append(R"(,"responseId":)");
  append_json_string(out, ctx.response_id);
  out.push_back('}');
}

}  // namespace

void plan_gemini_reply(const GeminiInput& in, const Faults& faults, GeminiPlan& plan) {
  ReplyPlan& r = plan.reply;
  r.text.clear();
  r.tool_name = {};
  r.prompt_tokens = prompt_tokens_for(in.text_bytes);
  r.tool_call = in.has_tools && !in.after_tool_result && !in.mode_none && !in.tool_name().empty();
  if (r.tool_call) {
    r.tool_name = in.tool_name();
    r.text.append("{\"echo\":");
    append_json_string(r.text, in.last_user_text);
    r.text.push_back('}');
    split_words(r.text, r.pieces);
    r.completion_tokens = static_cast<unsigned>(r.pieces.size()) + 1;  // as the other modes count
    return;
  }
  r.text.append(in.after_tool_result ? "tool result: " : "echo: ");
  r.text.append(in.after_tool_result ? in.tool_result_text : in.last_user_text);
  split_words(r.text, r.pieces);
  if (faults.chunks > 0) fit_pieces(r.text, r.pieces, static_cast<size_t>(faults.chunks));
  r.completion_tokens = static_cast<unsigned>(r.pieces.size());
}

void append_gemini_response(std::string& out, const GeminiPlan& plan, const GeminiContext& ctx) {
  open_candidate(out);
  if (plan.reply.tool_call) {
    append_function_call(out, plan.reply);
  } else {
    append_text_part(out, plan.reply.text);
  }
  close_candidate(out, true);
  out.push_back(',');
  append_usage_metadata(out, plan.reply);
  append_trailer(out, ctx);
}

size_t gemini_piece_count(const GeminiPlan& plan) {
  return plan.reply.tool_call ? 1 : plan.reply.pieces.size();
}

void append_gemini_piece(std::string& out, const GeminiPlan& plan, const GeminiContext& ctx,
                         size_t i) {
  out.append("data: ");
  open_candidate(out);
  if (plan.reply.tool_call) {
    append_function_call(out, plan.reply);
  } else {
    append_text_part(out, plan.reply.piece(i));
  }
  close_candidate(out, false);
  append_trailer(out, ctx);
  out.append("\r\n\r\n");
}

void append_gemini_closing(std::string& out, const GeminiPlan& plan, const GeminiContext& ctx) {
  out.append("data: ");
  open_candidate(out);
  append_text_part(out, "");
  close_candidate(out, true);
  out.push_back(',');
  append_usage_metadata(out, plan.reply);
  append_trailer(out, ctx);
  out.append("\r\n\r\n");
}

void append_count_tokens(std::string& out, const GeminiInput& in) {
  out.append(R"({"totalTokens":)");
  append_uint(out, prompt_tokens_for(in.text_bytes));
  out.append(R"(,"promptTokensDetails":[{"modality":"TEXT","tokenCount":)");
  append_uint(out, prompt_tokens_for(in.text_bytes));
  out.append("}]}");
}

}  // namespace mock
