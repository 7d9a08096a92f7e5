#include "embeddings.h"

#include <fmt/format.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iterator>

#include "json_reader.h"
#include "json_writer.h"

namespace mock {

namespace od = simdjson::ondemand;

void EmbeddingsInput::clear() {
  model.clear();
  texts.clear();
  ends.clear();
  text_bytes = 0;
  dimensions = 8;
  base64 = false;
}

namespace {

constexpr unsigned kMaxDimensions = 8192;

// Adds one input string; the first one may carry a directive.
void add_text(std::string_view text, EmbeddingsInput& in, Faults& faults) {
  in.text_bytes += text.size();
  if (in.ends.empty()) {
    extract_directive(text, faults, in.texts);
  } else {
    in.texts.append(text);
  }
  in.ends.push_back(in.texts.size());
}

// Reads `input`: one string or an array of strings (token arrays are not supported).
bool read_input(od::value value, EmbeddingsInput& in, Faults& faults) {
  od::json_type type;
  if (value.type().get(type)) return false;
  std::string_view text;
  if (type == od::json_type::string) {
    if (value.get_string().get(text)) return false;
    add_text(text, in, faults);
    return true;
  }
  od::array items;
  if (value.get_array().get(items)) return false;
  for (auto item : items) {
    if (item.get_string().get(text)) return false;
    add_text(text, in, faults);
  }
  return true;
}

// Reads one top-level field; returns false on a wrong type.
bool read_field(std::string_view key, od::value value, EmbeddingsInput& in, Faults& faults,
                bool& has_input) {
  if (key == "model") {
    std::string_view model;
    if (value.get_string().get(model)) return false;
    in.model.assign(model);
  } else if (key == "input") {
    has_input = true;
    return read_input(value, in, faults);
  } else if (key == "dimensions") {
    uint64_t dims = 0;
    if (value.get_uint64().get(dims)) return false;
    in.dimensions = dims > kMaxDimensions ? kMaxDimensions + 1 : static_cast<unsigned>(dims);
  } else if (key == "encoding_format") {
    std::string_view format;
    if (value.get_string().get(format)) return false;
    in.base64 = format == "base64";
  }
  return true;
}

}  // namespace

std::optional<RequestError> parse_embeddings_request(std::string& body, EmbeddingsInput& in,
                                                     Faults& faults) {
  in.clear();
  od::document doc;
  od::object obj;
  if (thread_parser().iterate(padded(body)).get(doc) || doc.get_object().get(obj)) {
    return bad_json_error();
  }
  bool has_input = false;
  for (auto field_result : obj) {
    od::field field;
    std::string_view key;
    if (std::move(field_result).get(field) || field.unescaped_key().get(key))
      return bad_json_error();
    if (!read_field(key, field.value(), in, faults, has_input)) {
      return RequestError{"'$.input' is invalid. Please check the API reference.", "input", ""};
    }
  }
  if (in.model.empty()) return RequestError{"you must provide a model parameter", "", ""};
  if (!has_input) {
    return RequestError{"Missing required parameter: 'input'.", "input",
                        "missing_required_parameter"};
  }
  if (in.dimensions == 0 || in.dimensions > kMaxDimensions) {
    return RequestError{"Invalid value for 'dimensions': must be between 1 and 8192.", "dimensions",
                        "invalid_value"};
  }
  return std::nullopt;
}

namespace {

// FNV-1a: a stable seed per text.
uint64_t fnv1a(std::string_view text) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

// SplitMix64: turns seed + index into well-spread bits.
uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// Fills `v` with a unit-length vector derived from `text` (OpenAI's embeddings are normalized).
void embed(std::string_view text, std::vector<float>& v) {
  const uint64_t seed = fnv1a(text);
  double norm = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    const double u = static_cast<double>(splitmix64(seed + i) >> 11) * 0x1.0p-53;  // [0,1)
    v[i] = static_cast<float>(2 * u - 1);
    norm += static_cast<double>(v[i]) * v[i];
  }
  const double scale = norm > 0 ? 1 / std::sqrt(norm) : 0;
  for (float& x : v) x = static_cast<float>(x * scale);
}

// Appends the vector's float32 bytes, little-endian, base64-encoded in quotes.
void append_base64(std::string& out, const std::vector<float>& v) {
  static_assert(std::endian::native == std::endian::little, "base64 floats must be little-endian");
  constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const auto* bytes = reinterpret_cast<const unsigned char*>(v.data());
  const size_t n = v.size() * sizeof(float);
  out.push_back('"');
  for (size_t i = 0; i < n; i += 3) {
    const uint32_t b0 = bytes[i], b1 = i + 1 < n ? bytes[i + 1] : 0,
                   b2 = i + 2 < n ? bytes[i + 2] : 0;
    const uint32_t triple = (b0 << 16) | (b1 << 8) | b2;
    out.push_back(kAlphabet[(triple >> 18) & 63]);
    out.push_back(kAlphabet[(triple >> 12) & 63]);
    out.push_back(i + 1 < n ? kAlphabet[(triple >> 6) & 63] : '=');
    out.push_back(i + 2 < n ? kAlphabet[triple & 63] : '=');
  }
  out.push_back('"');
}

void append_float_array(std::string& out, const std::vector<float>& v) {
  out.push_back('[');
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out.push_back(',');
    fmt::format_to(std::back_inserter(out), "{}", v[i]);
  }
  out.push_back(']');
}

}  // namespace

void append_embeddings_response(std::string& out, const EmbeddingsInput& in) {
  thread_local std::vector<float> vec;
  vec.assign(in.dimensions, 0.0f);
  out.append(R"({"object":"list","data":[)");
  size_t begin = 0;
  for (size_t i = 0; i < in.ends.size(); ++i) {
    if (i) out.push_back(',');
    embed(std::string_view(in.texts).substr(begin, in.ends[i] - begin), vec);
    begin = in.ends[i];
    out.append(R"({"object":"embedding","index":)");
    append_uint(out, i);
    out.append(R"(,"embedding":)");
    in.base64 ? append_base64(out, vec) : append_float_array(out, vec);
    out.push_back('}');
  }
  out.append(R"(],"model":)");
  append_json_string(out, in.model);
  const size_t tokens = in.text_bytes == 0 ? 1 : (in.text_bytes + 3) / 4;
  out.append(R"(,"usage":{"prompt_tokens":)");
  append_uint(out, tokens);
  out.append(R"(,"total_tokens":)");
  append_uint(out, tokens);
  out.append("}}");
}

}  // namespace mock
