// HeaderBlock: the header fields of one HTTP message, kept flat (names and values back to back
// in one string, offsets beside them) in storage the connection reuses for every message, so
// reading a head allocates nothing once the storage has grown. Lookups are linear: a request or
// response carries a few dozen fields at most.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

class HeaderBlock {
 public:
  HeaderBlock();
  void clear();
  void add(std::string_view name, std::string_view value);

  // The first field of that name (case-insensitive), empty when absent.
  std::string_view find(std::string_view name) const;
  std::string_view operator[](std::string_view name) const { return find(name); }
  // Calls f(name, value) for every field, in the order received.
  template <class F>
  void for_each(F&& f) const {
    for (const Field& field : fields_) f(name_of(field), value_of(field));
  }

 private:
  struct Field {
    std::uint32_t name, name_size, value, value_size;
  };
  std::string_view name_of(const Field& f) const { return {text_.data() + f.name, f.name_size}; }
  std::string_view value_of(const Field& f) const { return {text_.data() + f.value, f.value_size}; }

  std::string text_;  // every name and value, back to back
  std::vector<Field> fields_;
};

}  // namespace sluice
