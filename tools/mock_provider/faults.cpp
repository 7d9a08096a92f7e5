#include "faults.h"

#include <charconv>

namespace mock {

namespace {

// Key comparison that treats '-' and '_' alike and ignores ASCII case, so header names
// (`x-mock-latency-ms`), CLI flags and directive keys all share one spelling table.
bool key_is(std::string_view key, std::string_view want) {
  if (key.size() != want.size()) return false;
  for (size_t i = 0; i < key.size(); ++i) {
    char a = key[i];
    if (a == '-') a = '_';
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != want[i]) return false;
  }
  return true;
}

bool parse_int(std::string_view text, int& out) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < 0) return false;
  out = value;
  return true;
}

bool parse_bool(std::string_view text, bool& out) {
  if (text == "1" || text == "true") return out = true, true;
  if (text == "0" || text == "false") return out = false, true;
  return false;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Applies each whitespace-separated `key=value` token of a directive body.
void apply_tokens(std::string_view body, Faults& faults) {
  while (!body.empty()) {
    while (!body.empty() && is_space(body.front())) body.remove_prefix(1);
    size_t end = 0;
    while (end < body.size() && !is_space(body[end])) ++end;
    std::string_view token = body.substr(0, end);
    body.remove_prefix(end);
    if (auto eq = token.find('='); eq != std::string_view::npos) {
      set_fault(faults, token.substr(0, eq), token.substr(eq + 1));
    }
  }
}

}  // namespace

bool set_fault(Faults& f, std::string_view key, std::string_view value) {
  if (key_is(key, "hang")) return parse_bool(value, f.hang);
  if (key_is(key, "no_usage")) return parse_bool(value, f.no_usage);
  if (key_is(key, "latency_ms")) return parse_int(value, f.latency_ms);
  if (key_is(key, "ttft_ms")) return parse_int(value, f.ttft_ms);
  if (key_is(key, "chunk_delay_ms")) return parse_int(value, f.chunk_delay_ms);
  if (key_is(key, "status")) return parse_int(value, f.status);
  if (key_is(key, "retry_after")) return parse_int(value, f.retry_after);
  if (key_is(key, "status_percent")) return parse_int(value, f.status_percent);
  if (key_is(key, "reset_after_chunks")) return parse_int(value, f.reset_after_chunks);
  if (key_is(key, "error_after_chunks")) return parse_int(value, f.error_after_chunks);
  if (key_is(key, "chunks")) return parse_int(value, f.chunks);
  if (key_is(key, "truncate_after_chunks")) return parse_int(value, f.truncate_after_chunks);
  if (key_is(key, "bad_crc_after_chunks")) return parse_int(value, f.bad_crc_after_chunks);
  if (key_is(key, "malformed")) {
    if (value == "truncated_json") return f.malformed = Malformed::truncated_json, true;
    if (value == "html") return f.malformed = Malformed::html, true;
    return false;
  }
  return false;
}

void extract_directive(std::string_view text, Faults& faults, std::string& clean) {
  constexpr std::string_view kOpen = "[[mock";
  const size_t open = text.find(kOpen);
  const size_t close = open == std::string_view::npos ? open : text.find("]]", open);
  if (close == std::string_view::npos) {
    clean.append(trim(text));
    return;
  }
  apply_tokens(text.substr(open + kOpen.size(), close - open - kOpen.size()), faults);
  // Join the text around the directive; trim only the outer ends so inner spacing survives.
  std::string_view before = text.substr(0, open);
  std::string_view after = text.substr(close + 2);
  while (!before.empty() && is_space(before.front())) before.remove_prefix(1);
  while (!after.empty() && is_space(after.back())) after.remove_suffix(1);
  if (trim(before).empty()) after = trim(after);
  if (trim(after).empty()) before = trim(before);
  clean.append(before);
  clean.append(after);
}

}  // namespace mock
