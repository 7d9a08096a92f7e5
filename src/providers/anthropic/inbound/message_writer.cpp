#include "providers/anthropic/inbound/message_writer.h"

#include "core/json_reader.h"
#include "core/json_writer.h"
#include "providers/anthropic/inbound/wire.h"

namespace sluice::providers::anthropic::inbound {
namespace {

void write_content(JsonWriter& json, const ChatResponse& response) {
  json.key("content").begin_array();
  if (!response.reasoning.empty()) {
    json.begin_object().field("type", "thinking").field("thinking", response.reasoning);
    json.field("signature", "").end_object();
  }
  if (!response.content.empty()) {
    json.begin_object().field("type", "text").field("text", response.content).end_object();
  }
  for (const ToolCall& call : response.tool_calls) {
    const std::string_view arguments = json::trim(call.arguments);
    json.begin_object().field("type", "tool_use").field("id", call.id).field("name", call.name);
    json.key("input").raw(json::is_json_object(arguments) ? arguments : "{}").end_object();
  }
  json.end_array();
}

}  // namespace

std::string write_message(const ChatResponse& response, std::string_view model) {
  std::string out;
  out.reserve(256 + response.content.size() + response.reasoning.size());
  JsonWriter json(out);
  json.begin_object()
      .field("id", message_id(response.id))
      .field("type", "message")
      .field("role", "assistant")
      .field("model", model);
  write_content(json, response);
  json.field("stop_reason", stop_reason_for(response.finish_reason, !response.tool_calls.empty()));
  json.key("stop_sequence").null().key("usage");
  write_usage(json, response.usage);
  json.end_object();
  return out;
}

std::string write_error(const GatewayError& error) {
  std::string out;
  JsonWriter json(out);
  write_error_object(json, error);
  return out;
}

}  // namespace sluice::providers::anthropic::inbound
