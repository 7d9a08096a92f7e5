#include "core/header_block.h"

#include <boost/beast/core/string.hpp>

namespace sluice {

HeaderBlock::HeaderBlock() {
  text_.reserve(1024);
  fields_.reserve(16);
}

void HeaderBlock::clear() {
  text_.clear();
  fields_.clear();
}

void HeaderBlock::add(std::string_view name, std::string_view value) {
  const auto at = static_cast<std::uint32_t>(text_.size());
  text_.append(name).append(value);
  fields_.push_back(Field{at, static_cast<std::uint32_t>(name.size()),
                          at + static_cast<std::uint32_t>(name.size()),
                          static_cast<std::uint32_t>(value.size())});
}

std::string_view HeaderBlock::find(std::string_view name) const {
  for (const Field& field : fields_) {
    if (boost::beast::iequals(name_of(field), name)) return value_of(field);
  }
  return {};
}

}  // namespace sluice
