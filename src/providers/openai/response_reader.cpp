#include "providers/openai/response_reader.h"

#include <simdjson.h>
#include <cstring>
#include <limits>

namespace sluice::providers::openai {
namespace {

namespace od = simdjson::ondemand;

// Parses `json` from a reused, padded thread-local copy (responses are not ours to pad).
bool iterate(std::string_view json, od::document& doc) {
  thread_local od::parser parser;
  thread_local std::string buffer;
  buffer.assign(json);
  buffer.reserve(json.size() + simdjson::SIMDJSON_PADDING);
  simdjson::padded_string_view input(buffer.data(), buffer.size(), buffer.capacity());
  return parser.iterate(input).get(doc) == simdjson::SUCCESS;
}

// ---- Usage without a parse of the whole body -----------------------------------------------
// A response is mostly its choices, and usage sits near its end. The last `"usage":` in the
// text is found by searching backwards; its value is read forwards; then the top-level members
// are walked from the end of the text (each value skipped backwards by its brackets and string
// quotes, never looked into) until that value is met, which proves it a member of the top-level
// object. Usage found elsewhere (deeper down, or not at all) sends the walk on to the start.
// Exact on valid JSON; text that is not stops the walk and gives no usage. Should the top level
// hold "usage" twice, the last one counts, as in the translated path's decoder.

constexpr std::size_t kNone = std::string_view::npos;

// JSON's four whitespace bytes, as one bit test.
bool is_ws(char c) {
  constexpr uint64_t kMask = (1ull << ' ') | (1ull << '\n') | (1ull << '\r') | (1ull << '\t');
  const auto u = static_cast<unsigned char>(c);
  return u <= ' ' && ((kMask >> u) & 1) != 0;
}

// A forward reader over the text. (Loops work on local copies of the position: a char read
// may alias the members, which would make the compiler reload and store them every byte.)
class Cursor {
 public:
  Cursor(std::string_view json, std::size_t at)
      : begin_(json.data()), p_(json.data() + at), end_(json.data() + json.size()) {}
  std::size_t offset() const { return static_cast<std::size_t>(p_ - begin_); }
  char peek() const { return p_ < end_ ? *p_ : '\0'; }
  void skip_ws() {
    const char* p = p_;
    const char* const end = end_;
    while (p < end && is_ws(*p)) ++p;
    p_ = p;
  }
  bool consume(char c) {
    if (p_ >= end_ || *p_ != c) return false;
    ++p_;
    return true;
  }
  // The raw contents of the string at the cursor (which is at its '"'); moves past it.
  bool string(std::string_view& out) {
    const char* const begin = p_ + 1;
    const char* const end = end_;
    const char* from = begin;
    while (from < end) {
      const auto* quote = static_cast<const char*>(std::memchr(from, '"', end - from));
      if (quote == nullptr) return false;
      std::size_t slashes = 0;
      while (quote - slashes > begin && quote[-1 - static_cast<std::ptrdiff_t>(slashes)] == '\\')
        ++slashes;
      if (slashes % 2 == 0) {
        out = std::string_view(begin, static_cast<std::size_t>(quote - begin));
        p_ = quote + 1;
        return true;
      }
      from = quote + 1;
    }
    return false;
  }
  // A number, true, false or null: the bytes up to the next separator.
  std::string_view scalar() {
    const char* const begin = p_;
    const char* const end = end_;
    const char* p = begin;
    while (p < end && !is_ws(*p) && *p != ',' && *p != '}' && *p != ']') ++p;
    p_ = p;
    return std::string_view(begin, static_cast<std::size_t>(p - begin));
  }
  bool skip_value() {
    const char c = peek();
    std::string_view ignored;
    if (c == '"') return string(ignored);
    if (c != '{' && c != '[') return !scalar().empty();
    std::size_t depth = 0;
    while (p_ < end_) {
      const char* p = p_;
      const char* const end = end_;
      while (p < end && *p != '"' && *p != '{' && *p != '[' && *p != '}' && *p != ']') ++p;
      p_ = p;
      if (p == end) return false;
      const char d = *p;
      if (d == '"') {
        if (!string(ignored)) return false;
        continue;
      }
      ++p_;
      if (d == '{' || d == '[') {
        ++depth;
      } else if (--depth == 0) {
        return true;
      }
    }
    return false;
  }

 private:
  const char* begin_;
  const char* p_;
  const char* end_;
};

// A JSON number as an int64, as simdjson's get_int64 reads it: an optional '-', digits without
// a leading zero, no fraction or exponent, in range; anything else (strings, null, floats) is 0.
int64_t int_value(std::string_view token) {
  std::size_t i = 0;
  const bool negative = !token.empty() && token[0] == '-';
  if (negative) ++i;
  const std::size_t digits_begin = i;
  uint64_t magnitude = 0;
  while (i < token.size() && token[i] >= '0' && token[i] <= '9') {
    if (i - digits_begin == 19) return 0;  // more than 19 digits: out of range
    magnitude = magnitude * 10 + static_cast<uint64_t>(token[i] - '0');
    ++i;
  }
  const std::size_t digits = i - digits_begin;
  if (digits == 0 || i != token.size()) return 0;
  if (digits > 1 && token[digits_begin] == '0') return 0;
  const uint64_t limit = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  if (magnitude > limit + (negative ? 1 : 0)) return 0;
  if (negative) return static_cast<int64_t>(0 - magnitude);
  return static_cast<int64_t>(magnitude);
}

// Reads the member value at the cursor as an int64 (0 when it is not one).
bool int_member(Cursor& in, int64_t& out) {
  const char c = in.peek();
  out = 0;
  if (c == '"' || c == '{' || c == '[') return in.skip_value();
  const std::string_view token = in.scalar();
  if (token.empty()) return false;
  out = int_value(token);
  return true;
}

// Reads the members of the object at the cursor: read(key, cursor) reads or skips each value.
template <class Read>
bool read_object(Cursor& in, Read&& read) {
  if (!in.consume('{')) return false;
  in.skip_ws();
  if (in.consume('}')) return true;
  while (true) {
    std::string_view key;
    if (in.peek() != '"' || !in.string(key)) return false;
    in.skip_ws();
    if (!in.consume(':')) return false;
    in.skip_ws();
    if (!read(key, in)) return false;
    in.skip_ws();
    if (in.consume(',')) {
      in.skip_ws();
      continue;
    }
    return in.consume('}');
  }
}

// The first `key` of a details object (prompt_tokens_details...); 0 when it is not an object.
bool detail_member(Cursor& in, std::string_view key, int64_t& out) {
  out = 0;
  if (in.peek() != '{') return in.skip_value();
  bool seen = false;
  return read_object(in, [&](std::string_view name, Cursor& value) {
    if (seen || name != key) return value.skip_value();
    seen = true;
    return int_member(value, out);
  });
}

enum UsageKey { kOther, kPrompt, kCompletion, kTotal, kPromptDetails, kCompletionDetails };

UsageKey usage_key(std::string_view key) {
  switch (key.size()) {
    case 12:
      return key == "total_tokens" ? kTotal : kOther;
    case 13:
      return key == "prompt_tokens" ? kPrompt : kOther;
    case 17:
      return key == "completion_tokens" ? kCompletion : kOther;
    case 21:
      return key == "prompt_tokens_details" ? kPromptDetails : kOther;
    case 25:
      return key == "completion_tokens_details" ? kCompletionDetails : kOther;
    default:
      return kOther;
  }
}

// Reads the usage object at json[at] (a '{'); the first occurrence of a key counts. Returns the
// offset just past the object, or kNone when it is not well formed.
std::size_t read_usage_object(std::string_view json, std::size_t at, Usage& usage) {
  usage = Usage{};
  usage.present = true;
  bool seen[kCompletionDetails + 1] = {};
  Cursor in(json, at);
  const bool ok = read_object(in, [&](std::string_view name, Cursor& value) {
    const UsageKey key = usage_key(name);
    if (key == kOther || seen[key]) return value.skip_value();
    seen[key] = true;
    switch (key) {
      case kPrompt:
        return int_member(value, usage.prompt_tokens);
      case kCompletion:
        return int_member(value, usage.completion_tokens);
      case kTotal:
        return int_member(value, usage.total_tokens);
      case kPromptDetails:
        return detail_member(value, "cached_tokens", usage.cached_tokens);
      case kCompletionDetails:
        return detail_member(value, "reasoning_tokens", usage.reasoning_tokens);
      default:
        return value.skip_value();
    }
  });
  return ok ? in.offset() : kNone;
}

// Index of the opening quote of the string whose closing quote is at `close`: the nearest
// quote before it not escaped by an odd run of backslashes.
std::size_t string_start(std::string_view json, std::size_t close) {
  std::size_t end = close;
  while (end > 0) {
    const void* hit = memrchr(json.data(), '"', end);
    if (hit == nullptr) return kNone;
    const std::size_t quote = static_cast<std::size_t>(static_cast<const char*>(hit) - json.data());
    std::size_t slashes = 0;
    while (slashes < quote && json[quote - 1 - slashes] == '\\') ++slashes;
    if (slashes % 2 == 0) return quote;
    end = quote;
  }
  return kNone;
}

// The start of the value whose last byte is json[end - 1], or kNone.
std::size_t value_start(std::string_view json, std::size_t end) {
  const char last = json[end - 1];
  if (last == '"') return string_start(json, end - 1);
  if (last == '}' || last == ']') {
    std::size_t depth = 0;
    std::size_t i = end;
    while (i > 0) {
      const char c = json[--i];
      if (c == '"') {
        i = string_start(json, i);
        if (i == kNone) return kNone;
      } else if (c == '}' || c == ']') {
        ++depth;
      } else if (c == '{' || c == '[') {
        if (--depth == 0) return i;
      }
    }
    return kNone;
  }
  std::size_t i = end;  // a number, true, false or null
  while (i > 0) {
    const char c = json[i - 1];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
          c == '+' || c == '.')) {
      break;
    }
    --i;
  }
  return i == end ? kNone : i;
}

// The members of the top-level object, last first. A value known to span [known_start,
// known_end) is not scanned again.
class MembersFromEnd {
 public:
  MembersFromEnd(std::string_view json, std::size_t known_start, std::size_t known_end)
      : json_(json), known_start_(known_start), known_end_(known_end) {
    std::size_t end = skip_ws(json.size());
    if (end == 0 || json[end - 1] != '}') return;
    pos_ = skip_ws(end - 1);
    if (pos_ > 0 && json[pos_ - 1] == '{') return;  // {}
    ok_ = pos_ > 0;
  }

  // The next member from the end: its key as written (no unescaping) and its value's text.
  bool next(std::string_view& key, std::string_view& value) {
    if (!ok_) return false;
    ok_ = false;
    const std::size_t start = pos_ == known_end_ ? known_start_ : value_start(json_, pos_);
    if (start == kNone) return false;
    value = json_.substr(start, pos_ - start);
    std::size_t i = skip_ws(start);
    if (i == 0 || json_[i - 1] != ':') return false;
    i = skip_ws(i - 1);
    if (i == 0 || json_[i - 1] != '"') return false;
    const std::size_t open = string_start(json_, i - 1);
    if (open == kNone) return false;
    key = json_.substr(open + 1, i - 2 - open);
    i = skip_ws(open);
    if (i == 0) return false;
    if (json_[i - 1] == ',') {
      pos_ = skip_ws(i - 1);
      ok_ = pos_ > 0;
      return true;
    }
    return json_[i - 1] == '{' && skip_ws(i - 1) == 0;  // the root's '{' starts the text
  }

 private:
  std::size_t skip_ws(std::size_t end) const {
    const char* const text = json_.data();
    while (end > 0 && is_ws(text[end - 1])) --end;
    return end;
  }

  std::string_view json_;
  std::size_t known_start_, known_end_;
  std::size_t pos_ = 0;  // the member to read next ends just before here
  bool ok_ = false;
};

// Where the value of a `"usage":` key starts, searching backwards from `end` (exclusive); `key`
// is set to where that key's 'g' is. The key is found by its rarest letter, 'g', with memrchr.
std::size_t usage_value_before(std::string_view json, std::size_t end, std::size_t& key) {
  constexpr std::string_view kBefore = "\"usag", kAfter = "e\"";
  while (end > kBefore.size() - 1) {
    const void* hit = memrchr(json.data(), 'g', end);
    if (hit == nullptr) return kNone;
    const std::size_t g = static_cast<std::size_t>(static_cast<const char*>(hit) - json.data());
    end = g;
    if (g < kBefore.size() - 1 ||
        json.substr(g - (kBefore.size() - 1), kBefore.size()) != kBefore ||
        json.substr(g + 1, kAfter.size()) != kAfter) {
      continue;
    }
    std::size_t i = g + 1 + kAfter.size();
    while (i < json.size() && is_ws(json[i])) ++i;
    if (i >= json.size() || json[i] != ':') continue;
    ++i;
    while (i < json.size() && is_ws(json[i])) ++i;
    if (i >= json.size()) continue;
    key = g;
    return i;
  }
  return kNone;
}

// The value of the last `"usage":` key in the text, or kNone when there is none or every one
// is null (then the text has no usage object at all: no walk is needed).
std::size_t last_usage_value(std::string_view json) {
  std::size_t end = json.size();
  std::size_t last = kNone;
  std::size_t key = 0;
  while (true) {
    const std::size_t at = usage_value_before(json, end, key);
    if (at == kNone) return kNone;
    if (last == kNone) last = at;
    if (json[at] != 'n') return last;
    end = key;
  }
}

// The last `"usage":` value, read ahead of the walk that checks it is a top-level member.
struct UsageCandidate {
  std::size_t start = kNone;
  std::size_t end = kNone;  // kNone when its text is not well formed
  Usage usage;

  explicit UsageCandidate(std::string_view json) : start(last_usage_value(json)) {
    if (start == kNone) return;
    if (json[start] == '{') {
      end = read_usage_object(json, start, usage);
      return;
    }
    Cursor in(json, start);
    if (in.skip_value()) end = in.offset();
  }

  // The usage object `value` (a top-level member's text).
  bool read(std::string_view json, std::string_view value, Usage& out) const {
    const auto at = static_cast<std::size_t>(value.data() - json.data());
    if (at == start && end != kNone) {
      out = usage;
      return true;
    }
    return read_usage_object(json, at, out) != kNone;
  }
};

bool is_empty_array(std::string_view array) {
  std::size_t i = 1;
  while (i < array.size() && is_ws(array[i])) ++i;
  return i < array.size() && array[i] == ']';
}

}  // namespace

Usage read_usage(std::string_view json) {
  const UsageCandidate candidate(json);
  if (candidate.start == kNone) return {};
  MembersFromEnd members(json, candidate.start, candidate.end);
  std::string_view key, value;
  while (members.next(key, value)) {
    if (key != "usage") continue;
    Usage usage;
    if (value.front() != '{' || !candidate.read(json, value, usage)) return {};
    return usage;
  }
  return {};
}

bool is_usage_only_chunk(std::string_view json, Usage& usage) {
  const UsageCandidate candidate(json);
  if (candidate.start == kNone) return false;
  MembersFromEnd members(json, candidate.start, candidate.end);
  std::string_view key, value;
  bool choices_seen = false, usage_seen = false, empty_choices = false;
  while ((!choices_seen || !usage_seen) && members.next(key, value)) {
    if (!choices_seen && key == "choices" && value.front() == '[') {
      choices_seen = true;
      empty_choices = is_empty_array(value);
    } else if (!usage_seen && key == "usage" && value.front() == '{') {
      usage_seen = true;
      if (!candidate.read(json, value, usage)) return false;
    }
  }
  return empty_choices && usage_seen;
}

std::string read_error_message(std::string_view body) {
  constexpr std::size_t kMaxRaw = 512;
  try {
    od::document doc;
    if (iterate(body, doc)) {
      od::object root;
      if (doc.get_object().get(root) == simdjson::SUCCESS) {
        std::string_view message;
        od::value error;
        if (root.find_field_unordered("error").get(error) == simdjson::SUCCESS) {
          if (error.get_string().get(message) == simdjson::SUCCESS) return std::string(message);
          if (error.find_field_unordered("message").get_string().get(message) ==
              simdjson::SUCCESS) {
            return std::string(message);
          }
        } else if (root.find_field_unordered("message").get_string().get(message) ==
                   simdjson::SUCCESS) {
          return std::string(message);
        }
      }
    }
  } catch (const std::exception&) {
  }
  std::string raw(body.substr(0, kMaxRaw));
  if (body.size() > kMaxRaw) raw += "...";
  return raw;
}

}  // namespace sluice::providers::openai
