#include "providers/stream_opening.h"

#include <string>

namespace sluice::providers {
namespace {

// True when `"key":"` appears with a non-empty string value after it.
bool non_empty_string(std::string_view data, std::string_view key) {
  std::size_t at = 0;
  while ((at = data.find(key, at)) != std::string_view::npos) {
    at += key.size();
    std::size_t i = at;
    while (i < data.size() && (data[i] == ' ' || data[i] == ':')) ++i;
    if (i + 1 < data.size() && data[i] == '"' && data[i + 1] != '"') return true;
  }
  return false;
}

bool has(std::string_view data, std::string_view text) {
  return data.find(text) != std::string_view::npos;
}

std::string_view trim_front(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  return s;
}

}  // namespace

OpeningEvent classify_opening_event(std::string_view event, std::string_view data) {
  // Anthropic names its events.
  if (event == "error") return OpeningEvent::error;
  if (event == "message_start" || event == "ping") return OpeningEvent::preamble;
  if (event == "content_block_start") {
    return has(data, "\"tool_use\"") || non_empty_string(data, "\"text\"") ? OpeningEvent::content
                                                                           : OpeningEvent::preamble;
  }
  if (!event.empty() && event != "message") return OpeningEvent::content;
  // OpenAI's chunks are unnamed.
  const std::string_view body = trim_front(data);
  if (body == "[DONE]") return OpeningEvent::content;
  if (body.starts_with("{\"error\"")) return OpeningEvent::error;
  if (non_empty_string(body, "\"finish_reason\"") || has(body, "\"tool_calls\"") ||
      non_empty_string(body, "\"content\"") || non_empty_string(body, "\"reasoning_content\"") ||
      non_empty_string(body, "\"reasoning\"") || non_empty_string(body, "\"refusal\"")) {
    return OpeningEvent::content;
  }
  return OpeningEvent::preamble;
}

bool is_stream_end(std::string_view event, std::string_view data) {
  if (event == "message_stop" || event == "error") return true;
  if (!event.empty() && event != "message") return false;
  const std::string_view body = trim_front(data);
  return body == "[DONE]" || body.starts_with("{\"error\"") ||
         non_empty_string(body, "\"finish_reason\"");
}

GatewayError opening_error(std::string_view provider, std::string_view data) {
  ErrorClass cls = ErrorClass::server;
  if (has(data, "rate_limit")) {
    cls = ErrorClass::rate_limited;
  } else if (has(data, "overloaded")) {
    cls = ErrorClass::overloaded;
  }
  return GatewayError{
      cls, "provider '" + std::string(provider) +
               "' sent an error event before any content: " + std::string(data.substr(0, 500))};
}

}  // namespace sluice::providers
