#include "telemetry/tokenizer/ranks_file.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string_view>

#include "core/json_reader.h"

namespace sluice::telemetry {
namespace {

namespace od = simdjson::ondemand;

GatewayError file_error(const std::string& path, std::string_view why) {
  return GatewayError{ErrorClass::internal,
                      "tokenizer vocabulary " + path + ": " + std::string(why)};
}

constexpr std::array<int8_t, 256> make_base64_table() {
  std::array<int8_t, 256> table{};
  table.fill(-1);
  constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
    table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int8_t>(i);
  }
  return table;
}

// Standard base64 with optional '=' padding into `out`; false when malformed. Decodes four
// characters at a time: this runs for every one of the 200k tokens at start-up.
bool decode_base64(std::string_view text, std::string& out) {
  static constexpr std::array<int8_t, 256> kTable = make_base64_table();
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return false;
  out.resize(text.size() * 3 / 4);
  char* to = out.data();
  auto digit = [&](std::size_t i) { return kTable[static_cast<unsigned char>(text[i])]; };
  std::size_t i = 0;
  for (; i + 4 <= text.size(); i += 4) {
    const int8_t a = digit(i), b = digit(i + 1), c = digit(i + 2), d = digit(i + 3);
    if ((a | b | c | d) < 0) return false;
    const auto bits = static_cast<uint32_t>(a << 18 | b << 12 | c << 6 | d);
    *to++ = static_cast<char>(bits >> 16);
    *to++ = static_cast<char>(bits >> 8);
    *to++ = static_cast<char>(bits);
  }
  if (i == text.size()) return true;
  const int8_t a = digit(i), b = digit(i + 1);
  const int8_t c = i + 2 < text.size() ? digit(i + 2) : 0;
  if ((a | b | c) < 0) return false;
  const auto bits = static_cast<uint32_t>(a << 18 | b << 12 | c << 6);
  *to++ = static_cast<char>(bits >> 16);
  if (i + 2 < text.size()) *to = static_cast<char>(bits >> 8);
  return true;
}

// The next space-separated field of `line`, consumed.
std::string_view next_field(std::string_view& line) {
  const std::size_t space = line.find(' ');
  std::string_view field = line.substr(0, space);
  line.remove_prefix(space == std::string_view::npos ? line.size() : space + 1);
  return field;
}

// Decodes bpe_ranks into `table`; returns an empty string or what is wrong.
std::string decode_ranks(std::string_view text, RankTable& table) {
  // One space precedes every token (and the rank of each line), so counting them sizes storage.
  const auto spaces = static_cast<std::size_t>(std::count(text.begin(), text.end(), ' '));
  table.reserve(spaces, text.size() - text.size() / 4);
  std::string bytes;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (line.empty()) continue;
    next_field(line);  // a per-line label, which js-tiktoken's own loader ignores too
    const std::string_view first = next_field(line);
    uint32_t rank = 0;
    const auto [end, ec] = std::from_chars(first.data(), first.data() + first.size(), rank);
    if (ec != std::errc() || end != first.data() + first.size()) return "bad rank offset";
    for (; !line.empty(); ++rank) {
      if (!decode_base64(next_field(line), bytes)) return "bad base64 token";
      try {
        table.add(bytes, rank);
      } catch (const std::length_error& e) {
        return e.what();  // a token the table cannot hold; the caller names the file
      }
    }
  }
  table.index();
  if (table.size() < 256) return "fewer than 256 tokens";
  return {};
}

// The object literal inside the JS module text ("export default {...};" or
// "module.exports = {...};").
std::string_view object_literal(std::string_view text) {
  const std::size_t open = text.find('{');
  const std::size_t close = text.rfind('}');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return {};
  return text.substr(open, close - open + 1);
}

simdjson::error_code read_special_tokens(od::value value, RanksFile& out) {
  od::object object;
  if (auto err = value.get_object().get(object)) return err;
  for (auto field : object) {
    std::string_view key;
    uint64_t rank = 0;
    if (auto err = field.unescaped_key().get(key)) return err;
    std::string name(key);
    if (auto err = field.value().get_uint64().get(rank)) return err;
    out.special_tokens.emplace_back(std::move(name), static_cast<uint32_t>(rank));
  }
  return simdjson::SUCCESS;
}

// Reads the three fields; returns an empty string or what is wrong.
std::string read_fields(std::string_view json, RanksFile& out) {
  json::JsonInput input;
  od::document doc;
  od::object root;
  if (input.open(json, doc) || doc.get_object().get(root)) return "not a JSON object";
  bool have_ranks = false;
  for (auto field : root) {
    std::string_view key;
    od::value value;
    if (field.unescaped_key().get(key) || field.value().get(value)) return "malformed JSON";
    std::string_view text;
    if (key == "pat_str") {
      if (value.get_string().get(text)) return "pat_str is not a string";
      out.pat_str = std::string(text);
    } else if (key == "special_tokens") {
      if (read_special_tokens(value, out)) return "malformed special_tokens";
    } else if (key == "bpe_ranks") {
      if (value.get_string().get(text)) return "bpe_ranks is not a string";
      if (std::string why = decode_ranks(text, out.ranks); !why.empty()) return why;
      have_ranks = true;
    }
  }
  if (out.pat_str.empty() || !have_ranks) return "missing pat_str or bpe_ranks";
  return {};
}

}  // namespace

Result<RanksFile> read_ranks_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  if (!file) return file_error(path, std::string("cannot open: ") + std::strerror(errno));
  std::string content(static_cast<std::size_t>(file.tellg()), '\0');
  file.seekg(0);
  if (!file.read(content.data(), static_cast<std::streamsize>(content.size()))) {
    return file_error(path, "cannot read");
  }
  const std::string_view json = object_literal(content);
  if (json.empty()) return file_error(path, "not a js-tiktoken ranks module");
  RanksFile out;
  if (std::string why = read_fields(json, out); !why.empty()) return file_error(path, why);
  return out;
}

}  // namespace sluice::telemetry
