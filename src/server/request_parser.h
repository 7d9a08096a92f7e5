// The parser of a client's request: Beast's HTTP/1 parsing (with its header and body limits),
// the head kept in storage the session reuses for every request on the connection (no
// allocation per header, unlike Beast's fields container) and the body appended to a string.
#pragma once

#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/verb.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/header_block.h"

namespace sluice::server {

// A request's method, target and headers. Owned by the session; cleared for each request.
struct RequestHead : HeaderBlock {
  void clear() {
    HeaderBlock::clear();
    method = boost::beast::http::verb::unknown;
    target.clear();
  }
  boost::beast::http::verb method = boost::beast::http::verb::unknown;
  std::string target;  // path and query, as sent
};

class RequestParser final : public boost::beast::http::basic_parser<true> {
 public:
  explicit RequestParser(RequestHead& head) : head_(head) { head_.clear(); }
  // The body read so far (all of it once is_done()).
  std::string& body() { return body_; }

 private:
  using error_code = boost::system::error_code;
  using string_view = boost::beast::string_view;
  void on_request_impl(boost::beast::http::verb method, string_view, string_view target, int,
                       error_code&) override {
    head_.method = method;
    head_.target.assign(target.data(), target.size());
  }
  void on_response_impl(int, string_view, int, error_code&) override {}
  void on_field_impl(boost::beast::http::field, string_view name, string_view value,
                     error_code&) override {
    head_.add(name, value);
  }
  void on_header_impl(error_code&) override {}
  void on_body_init_impl(const boost::optional<std::uint64_t>& length, error_code&) override {
    if (length) body_.reserve(static_cast<std::size_t>(*length));  // within the body limit
  }
  std::size_t on_body_impl(string_view body, error_code&) override {
    body_.append(body.data(), body.size());
    return body.size();
  }
  void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t, string_view body, error_code& ec) override {
    return on_body_impl(body, ec);
  }
  void on_finish_impl(error_code&) override {}

  RequestHead& head_;
  std::string body_;
};

}  // namespace sluice::server
