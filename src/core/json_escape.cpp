#include "core/json_escape.h"

namespace sluice {

namespace {

// Most text needs no escaping: runs of plain characters are appended whole rather than one
// character at a time (stream deltas, record details and translated bodies all pass here).
bool plain(unsigned char c) { return c >= 0x20 && c != '"' && c != '\\'; }

void append_escape(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:  // another control character
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
  }
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  std::size_t run = 0;  // where the pending run of plain characters starts
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (plain(c)) continue;
    out.append(text, run, i - run);
    append_escape(out, c);
    run = i + 1;
  }
  out.append(text, run, text.size() - run);
  out.push_back('"');
}

}  // namespace sluice
