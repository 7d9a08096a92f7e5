#include "api/admin/query_params.h"

#include <algorithm>

namespace sluice::api::admin {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding (and '+' as space, as HTML forms send it); nullopt for a broken escape.
std::optional<std::string> decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] != '%') {
      out.push_back(text[i]);
    } else {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = hex_value(text[i + 1]), low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    }
  }
  return out;
}

}  // namespace

GatewayError bad_param(std::string_view name, std::string_view why) {
  GatewayError error{ErrorClass::bad_request,
                     "invalid query parameter '" + std::string(name) + "': " + std::string(why),
                     std::string(name)};
  error.code = "invalid_parameter";
  return error;
}

std::optional<GatewayError> QueryParams::parse(std::string_view target,
                                               std::initializer_list<std::string_view> known,
                                               QueryParams& out) {
  const auto mark = target.find('?');
  std::string_view query = mark == std::string_view::npos ? "" : target.substr(mark + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? "" : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    const auto name = decode(pair.substr(0, eq));
    const auto value = decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
    if (!name || !value) return bad_param(pair.substr(0, eq), "broken percent-encoding");
    if (std::find(known.begin(), known.end(), *name) == known.end()) {
      std::string list;
      for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      return bad_param(*name, "unknown parameter (known: " + list + ")");
    }
    if (!out.values_.emplace(*name, *value).second) return bad_param(*name, "given twice");
  }
  return std::nullopt;
}

std::string QueryParams::get(std::string_view name) const {
  const auto found = values_.find(name);
  return found == values_.end() ? std::string() : found->second;
}

}  // namespace sluice::api::admin
