#include "upstream/response_parser.h"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <cstring>

namespace sluice::upstream {

ResponseHead::ResponseHead() {
  text_.reserve(1024);
  fields_.reserve(16);
}

void ResponseHead::clear() {
  status_ = 200;
  text_.clear();
  fields_.clear();
}

void ResponseHead::add(std::string_view name, std::string_view value) {
  const auto at = static_cast<std::uint32_t>(text_.size());
  text_.append(name).append(value);
  fields_.push_back(Field{at, static_cast<std::uint32_t>(name.size()),
                          at + static_cast<std::uint32_t>(name.size()),
                          static_cast<std::uint32_t>(value.size())});
}

std::string_view ResponseHead::find(std::string_view name) const {
  for (const Field& field : fields_) {
    if (boost::beast::iequals(name_of(field), name)) return value_of(field);
  }
  return {};
}

std::size_t ResponseParser::on_body_impl(string_view body, error_code& ec) {
  if (body_data == nullptr) {
    ec = boost::beast::http::error::need_buffer;
    return 0;
  }
  const std::size_t n = std::min(body.size(), body_size);
  std::memcpy(body_data, body.data(), n);
  body_data += n;
  body_size -= n;
  if (n != body.size()) ec = boost::beast::http::error::need_buffer;
  return n;
}

}  // namespace sluice::upstream
