#include "bedrock_reply.h"

#include "json_writer.h"
#include "upstream/aws_event_stream.h"

namespace mock {

namespace {

void append_usage_object(std::string& out, const ReplyPlan& plan) {
  out.append(R"({"inputTokens":)");
  append_uint(out, plan.prompt_tokens);
  out.append(R"(,"outputTokens":)");
  append_uint(out, plan.completion_tokens);
  out.append(R"(,"totalTokens":)");
  append_uint(out, plan.prompt_tokens + plan.completion_tokens);
  out.push_back('}');
}

std::string_view stop_reason(const ReplyPlan& plan) {
  return plan.tool_call ? "tool_use" : "end_turn";
}

void append_event(std::string& out, std::string_view type, std::string_view payload) {
  out += sluice::upstream::encode_aws_event_message({{":event-type", std::string(type)},
                                                     {":content-type", "application/json"},
                                                     {":message-type", "event"}},
                                                    payload);
}

}  // namespace

void append_converse_response(std::string& out, const ReplyPlan& plan) {
  out.append(R"({"output":{"message":{"role":"assistant","content":[)");
  if (plan.tool_call) {
    out.append(R"({"toolUse":{"toolUseId":")");
    out.append(kBedrockToolUseId);
    out.append(R"(","name":)");
    append_json_string(out, plan.tool_name);
    out.append(R"(,"input":)");
    out.append(plan.text);
    out.append("}}");
  } else {
    out.append(R"({"text":)");
    append_json_string(out, plan.text);
    out.push_back('}');
  }
  out.append(R"(]}},"stopReason":")");
  out.append(stop_reason(plan));
  out.append(R"(","usage":)");
  append_usage_object(out, plan);
  out.append(R"(,"metrics":{"latencyMs":1}})");
}

void append_converse_opening(std::string& out, const ReplyPlan& plan) {
  append_event(out, "messageStart", R"({"role":"assistant"})");
  if (!plan.tool_call) return;
  std::string payload = R"({"contentBlockIndex":0,"start":{"toolUse":{"toolUseId":")";
  payload.append(kBedrockToolUseId);
  payload.append(R"(","name":)");
  append_json_string(payload, plan.tool_name);
  payload.append("}}}");
  append_event(out, "contentBlockStart", payload);
}

void append_converse_piece(std::string& out, const ReplyPlan& plan, size_t i, bool break_crc) {
  std::string payload = plan.tool_call ? R"({"contentBlockIndex":0,"delta":{"toolUse":{"input":)"
                                       : R"({"contentBlockIndex":0,"delta":{"text":)";
  append_json_string(payload, plan.piece(i));
  payload.append(plan.tool_call ? "}}}" : "}}");
  const size_t start = out.size();
  append_event(out, "contentBlockDelta", payload);
  if (break_crc && out.size() > start) out.back() = static_cast<char>(out.back() ^ 0x5A);
}

void append_converse_closing(std::string& out, const ReplyPlan& plan) {
  append_event(out, "contentBlockStop", R"({"contentBlockIndex":0})");
  std::string payload = R"({"stopReason":")";
  payload.append(stop_reason(plan));
  payload.append(R"("})");
  append_event(out, "messageStop", payload);
  payload.assign(R"({"usage":)");
  append_usage_object(payload, plan);
  payload.append(R"(,"metrics":{"latencyMs":1}})");
  append_event(out, "metadata", payload);
}

void append_converse_exception(std::string& out, std::string_view type, std::string_view message) {
  std::string payload = R"({"message":)";
  append_json_string(payload, message);
  payload.push_back('}');
  out += sluice::upstream::encode_aws_event_message({{":exception-type", std::string(type)},
                                                     {":content-type", "application/json"},
                                                     {":message-type", "exception"}},
                                                    payload);
}

std::string_view bedrock_error_type(int status) {
  switch (status) {
    case 400:
      return "ValidationException";
    case 403:
      return "AccessDeniedException";
    case 404:
      return "ResourceNotFoundException";
    case 408:
      return "ModelTimeoutException";
    case 424:
      return "ModelErrorException";
    case 429:
      return "ThrottlingException";
    case 503:
      return "ServiceUnavailableException";
    default:
      return status >= 500 ? "InternalServerException" : "ValidationException";
  }
}

std::string_view bedrock_error_message(int status) {
  switch (status) {
    case 403:
      return "You don't have access to the model with the specified model ID.";
    case 404:
      return "The provided model identifier is invalid.";
    case 408:
      return "Model has timed out in processing the request. Try your request again.";
    case 429:
      return "Too many requests, please wait before trying again.";
    case 503:
      return "Bedrock is unable to process your request.";
    default:
      return status >= 500 ? "The server encountered an internal error."
                           : "Malformed input request, please reformat your input and try again.";
  }
}

void append_bedrock_error(std::string& out, std::string_view message) {
  out.append(R"({"message":)");
  append_json_string(out, message);
  out.push_back('}');
}

}  // namespace mock
