#include "anthropic_reply.h"

#include "json_writer.h"
#include "text_pieces.h"

namespace mock {

namespace {

// Cuts the text at the earliest stop sequence it contains, as the model stops generating there.
void apply_stop_sequences(const AnthropicInput& in, AnthropicPlan& plan) {
  size_t cut = std::string::npos;
  for (const std::string& sequence : in.stop_sequences) {
    const size_t at = plan.reply.text.find(sequence);
    if (at < cut) {
      cut = at;
      plan.stop_sequence = sequence;
    }
  }
  if (cut == std::string::npos) return;
  plan.reply.text.resize(cut);
  plan.stop_reason = "stop_sequence";
}

// Keeps at most max_tokens pieces (a piece counts as one output token).
void apply_max_tokens(const AnthropicInput& in, AnthropicPlan& plan) {
  ReplyPlan& r = plan.reply;
  if (in.max_tokens <= 0 || r.pieces.size() <= static_cast<size_t>(in.max_tokens)) return;
  r.pieces.resize(static_cast<size_t>(in.max_tokens));
  r.text.resize(r.pieces.back().end);
  plan.stop_reason = "max_tokens";
  plan.stop_sequence = {};
}

void plan_tool_use(const AnthropicInput& in, AnthropicPlan& plan) {
  ReplyPlan& r = plan.reply;
  r.tool_call = true;
  r.tool_name = in.tool_name();
  r.text.append("{\"echo\":");
  append_json_string(r.text, in.last_user_text);
  r.text.push_back('}');
  split_words(r.text, r.pieces);
  r.completion_tokens = static_cast<unsigned>(r.pieces.size()) + 1;  // as the OpenAI mode counts
  plan.stop_reason = "tool_use";
}

}  // namespace

void plan_anthropic_reply(const AnthropicInput& in, const Faults& faults, AnthropicPlan& plan) {
  ReplyPlan& r = plan.reply;
  r.text.clear();
  r.tool_name = {};
  r.tool_call = false;
  r.prompt_tokens = prompt_tokens_for(in.text_bytes);
  plan.stop_reason = "end_turn";
  plan.stop_sequence = {};
  if (in.has_tools && !in.after_tool_result && !in.tool_choice_none && !in.tool_name().empty()) {
    plan_tool_use(in, plan);
    return;
  }
  r.text.append(in.after_tool_result ? "tool result: " : "echo: ");
  r.text.append(in.after_tool_result ? in.tool_result_text : in.last_user_text);
  apply_stop_sequences(in, plan);
  split_words(r.text, r.pieces);
  if (faults.chunks > 0) fit_pieces(r.text, r.pieces, static_cast<size_t>(faults.chunks));
  apply_max_tokens(in, plan);
  r.completion_tokens = static_cast<unsigned>(r.pieces.size());
}

void append_stop_fields(std::string& out, const AnthropicPlan& plan) {
  out.append(R"("stop_reason":")");
  out.append(plan.stop_reason);
  out.append(R"(","stop_sequence":)");
  if (plan.stop_sequence.empty()) {
    out.append("null");
  } else {
    append_json_string(out, plan.stop_sequence);
  }
}

void append_anthropic_message(std::string& out, const AnthropicPlan& plan, std::string_view model,
                              std::string_view id) {
  const ReplyPlan& r = plan.reply;
  out.append(R"({"id":")");
  out.append(id);
  out.append(R"(","type":"message","role":"assistant","model":)");
  append_json_string(out, model);
  if (r.tool_call) {
    out.append(R"(,"content":[{"type":"tool_use","id":")");
    out.append(kToolUseId);
    out.append(R"(","name":)");
    append_json_string(out, r.tool_name);
    out.append(R"(,"input":)");
    out.append(r.text);  // already JSON
    out.append("}],");
  } else {
    out.append(R"(,"content":[{"type":"text","text":)");
    append_json_string(out, r.text);
    out.append("}],");
  }
  append_stop_fields(out, plan);
  out.append(R"(,"usage":{"input_tokens":)");
  append_uint(out, r.prompt_tokens);
  out.append(R"(,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":)");
  append_uint(out, r.completion_tokens);
  out.append("}}");
}

}  // namespace mock
