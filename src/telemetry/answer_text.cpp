#include "telemetry/answer_text.h"

#include <simdjson.h>

namespace sluice::telemetry {

namespace {

namespace dom = simdjson::dom;

void append_string(dom::element value, std::string_view key, std::string& out) {
  std::string_view text;
  if (value[key].get_string().get(text) == simdjson::SUCCESS) out.append(text);
}

// OpenAI: a choice's message (whole) or delta (stream).
void openai_message_text(dom::element message, std::string& out) {
  append_string(message, "content", out);
  append_string(message, "reasoning_content", out);
  dom::array calls;
  if (message["tool_calls"].get_array().get(calls) != simdjson::SUCCESS) return;
  for (dom::element call : calls) {
    append_string(call["function"], "name", out);
    append_string(call["function"], "arguments", out);
  }
}

// Anthropic: content blocks (whole) or a content_block_start / _delta event (stream).
void anthropic_block_text(dom::element block, std::string& out) {
  append_string(block, "text", out);
  append_string(block, "thinking", out);
  append_string(block, "partial_json", out);
  append_string(block, "name", out);
  dom::element input;
  if (block["input"].get(input) == simdjson::SUCCESS && input.is_object()) {
    out.append(simdjson::minify(input));
  }
}

void json_text(dom::element root, std::string& out) {
  dom::array choices;
  if (root["choices"].get_array().get(choices) == simdjson::SUCCESS) {
    for (dom::element choice : choices) {
      dom::element message;
      if (choice["message"].get(message) == simdjson::SUCCESS) openai_message_text(message, out);
      if (choice["delta"].get(message) == simdjson::SUCCESS) openai_message_text(message, out);
    }
    return;
  }
  dom::array blocks;
  if (root["content"].get_array().get(blocks) == simdjson::SUCCESS) {
    for (dom::element block : blocks) anthropic_block_text(block, out);
    return;
  }
  dom::element block;
  if (root["delta"].get(block) == simdjson::SUCCESS) anthropic_block_text(block, out);
  if (root["content_block"].get(block) == simdjson::SUCCESS) anthropic_block_text(block, out);
}

}  // namespace

std::string answer_text(AnswerForm form, std::string_view answer) {
  if (form == AnswerForm::text) return std::string(answer);
  if (form == AnswerForm::none) return {};
  thread_local dom::parser parser;
  std::string out;
  auto parse_into = [&](std::string_view json) {
    dom::element root;
    if (parser.parse(json.data(), json.size(), true).get(root) == simdjson::SUCCESS) {
      json_text(root, out);
    }
  };
  if (form == AnswerForm::json) {
    parse_into(answer);
    return out;
  }
  while (!answer.empty()) {  // sse_data: one event's data per line
    const auto newline = answer.find('\n');
    const std::string_view line = answer.substr(0, newline);
    if (!line.empty() && line.front() == '{') parse_into(line);
    if (newline == std::string_view::npos) break;
    answer.remove_prefix(newline + 1);
  }
  return out;
}

}  // namespace sluice::telemetry
