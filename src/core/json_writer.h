// JsonWriter: appends compact JSON to a std::string in the order the caller writes it, so
// translated bodies and chunks are byte-for-byte deterministic (golden tests compare text).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sluice {

// Writes values, keys and separators; commas are placed automatically. It does not check that
// the calls form valid JSON: callers are small, straight-line translation functions.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& string(std::string_view text);
  JsonWriter& number(int64_t value);
  // Shortest text that reads back as the same double (0.7 stays "0.7").
  JsonWriter& number(double value);
  JsonWriter& boolean(bool value);
  JsonWriter& null();
  // Already serialized JSON (a schema, a tool input), inserted as one value.
  JsonWriter& raw(std::string_view json);

  // Shorthands for a key and its value.
  JsonWriter& field(std::string_view name, std::string_view text) { return key(name).string(text); }
  JsonWriter& field(std::string_view name, const char* text) { return key(name).string(text); }
  JsonWriter& field(std::string_view name, int64_t value) { return key(name).number(value); }

 private:
  void before_value();

  std::string& out_;
  bool need_comma_ = false;
  bool after_key_ = false;
};

}  // namespace sluice
