#include "chat_reply.h"

#include "json_writer.h"
#include "text_pieces.h"

namespace mock {

void plan_reply(const ChatInput& in, const Faults& faults, ReplyPlan& plan) {
  plan.text.clear();
  plan.tool_name = {};
  plan.prompt_tokens = prompt_tokens_for(in.text_bytes);
  const bool after_tool = in.last_role == "tool";
  plan.tool_call = in.has_tools && !after_tool && !in.tool_choice_none && !in.tool_name.empty();
  if (plan.tool_call) {
    plan.tool_name = in.tool_name;
    plan.text.append("{\"echo\":");
    append_json_string(plan.text, in.last_user_text);
    plan.text.push_back('}');
    split_words(plan.text, plan.pieces);
    plan.completion_tokens = static_cast<unsigned>(plan.pieces.size()) + 1;  // + the name chunk
    return;
  }
  plan.text.append(after_tool ? "tool result: " : "echo: ");
  plan.text.append(after_tool ? in.last_tool_text : in.last_user_text);
  split_words(plan.text, plan.pieces);
  if (faults.chunks > 0) fit_pieces(plan.text, plan.pieces, static_cast<size_t>(faults.chunks));
  plan.completion_tokens = static_cast<unsigned>(plan.pieces.size());
}

namespace {

void append_message(std::string& out, const ReplyPlan& plan) {
  out.append(R"({"role":"assistant","content":)");
  if (plan.tool_call) {
    out.append(R"(null,"tool_calls":[{"id":")");
    out.append(kToolCallId);
    out.append(R"(","type":"function","function":{"name":)");
    append_json_string(out, plan.tool_name);
    out.append(R"(,"arguments":)");
    append_json_string(out, plan.text);
    out.append("}}]");
  } else {
    append_json_string(out, plan.text);
  }
  out.append(R"(,"refusal":null,"annotations":[]})");
}

}  // namespace

void append_usage(std::string& out, unsigned prompt_tokens, unsigned completion_tokens) {
  out.append(R"({"prompt_tokens":)");
  append_uint(out, prompt_tokens);
  out.append(R"(,"completion_tokens":)");
  append_uint(out, completion_tokens);
  out.append(R"(,"total_tokens":)");
  append_uint(out, prompt_tokens + completion_tokens);
  out.append(R"(,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},)"
             R"("completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,)"
             R"("accepted_prediction_tokens":0,"rejected_prediction_tokens":0}})");
}

void append_chat_completion(std::string& out, const ReplyPlan& plan, std::string_view model,
                            std::string_view id, long long created) {
  out.append(R"({"id":")");
  out.append(id);
  out.append(R"(","object":"chat.completion","created":)");
  append_uint(out, static_cast<unsigned long long>(created));
  out.append(R"(,"model":)");
  append_json_string(out, model);
  out.append(R"(,"choices":[{"index":0,"message":)");
  append_message(out, plan);
  out.append(R"(,"logprobs":null,"finish_reason":")");
  out.append(plan.finish_reason());
  out.append(R"("}],"usage":)");
  append_usage(out, plan.prompt_tokens, plan.completion_tokens);
  out.append(R"(,"service_tier":"default","system_fingerprint":"fp_mock"})");
}

void strip_usage(std::string& body) {
  const auto start = body.rfind(R"(,"usage":{)");
  if (start == std::string::npos) return;
  int depth = 0;  // the usage object nests *_details objects: find its own closing brace
  for (std::size_t i = start + 9; i < body.size(); ++i) {
    if (body[i] == '{') ++depth;
    if (body[i] == '}' && --depth == 0) {
      body.erase(start, i + 1 - start);
      return;
    }
  }
}

}  // namespace mock
