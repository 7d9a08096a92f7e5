#include "upstream/response_parser.h"

#include <boost/beast/http/error.hpp>
#include <cstring>

namespace sluice::upstream {

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
