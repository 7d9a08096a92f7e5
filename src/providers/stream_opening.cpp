#include "providers/stream_opening.h"

#include "providers/error_body.h"

#include <cstring>
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

// The keys whose non-empty string value is content (tool_calls: any list).
constexpr std::string_view kContentKeys[] = {"content", "reasoning_content", "reasoning", "refusal",
                                             "finish_reason"};

// One pass over an OpenAI chunk: at each quoted key, is it a content key with a non-empty
// value? (One scan, not one per key: this runs on the first events of every relayed stream.)
bool carries_content(std::string_view body) {
  const char* p = body.data();
  const char* const end = p + body.size();
  while (p < end) {
    const void* hit = std::memchr(p, '"', static_cast<std::size_t>(end - p));
    if (hit == nullptr) return false;
    const char* key = static_cast<const char*>(hit) + 1;
    const void* close = std::memchr(key, '"', static_cast<std::size_t>(end - key));
    if (close == nullptr) return false;
    const std::string_view name(key,
                                static_cast<std::size_t>(static_cast<const char*>(close) - key));
    p = static_cast<const char*>(close) + 1;
    while (p < end && (*p == ' ' || *p == ':')) ++p;
    if (p >= end || p == static_cast<const char*>(close) + 1) continue;  // a value, not a key
    if (name == "tool_calls") {
      if (*p == '[') return true;
      continue;
    }
    if (*p == '"' && p + 1 < end && p[1] != '"') {
      for (std::string_view want : kContentKeys) {
        if (name == want) return true;
      }
    }
  }
  return false;
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
  return carries_content(body) ? OpeningEvent::content : OpeningEvent::preamble;
  return OpeningEvent::preamble;
}

bool is_stream_end(std::string_view event, std::string_view data) {
  if (event == "message_stop" || event == "error") return true;
  if (!event.empty() && event != "message") return false;
  const std::string_view body = trim_front(data);
  // Not a finish_reason scan: it would cost a search through every chunk of every stream, and
  // OpenAI-compatible servers end their streams with [DONE].
  return body == "[DONE]" || body.starts_with("{\"error\"");
}

GatewayError opening_error(std::string_view provider, std::string_view data) {
  ErrorClass cls = ErrorClass::server;
  if (has(data, "rate_limit")) {
    cls = ErrorClass::rate_limited;
  } else if (has(data, "overloaded")) {
    cls = ErrorClass::overloaded;
  }
  return GatewayError{cls,
                      "provider '" + std::string(provider) +
                          "' sent an error event before any content: " + readable_error_body(data)};
}

}  // namespace sluice::providers
