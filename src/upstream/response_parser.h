// The parser of an upstream response: Beast's HTTP/1 parsing, with the head kept in storage the
// connection reuses for every response it carries (no allocation per header), and the body
// copied into a caller-given buffer piece by piece (as Beast's buffer_body does).
#pragma once

#include <boost/beast/http/basic_parser.hpp>
#include <cstdint>
#include <string_view>

#include "core/header_block.h"

namespace sluice::upstream {

// A response's status and headers. Owned by the connection; cleared for each response.
class ResponseHead : public HeaderBlock {
 public:
  void clear() {
    HeaderBlock::clear();
    status_ = 200;
  }
  void set_status(int status) { status_ = status; }
  // Before the status line is read this is 200, as for an empty Beast response.
  int status() const { return status_; }

 private:
  int status_ = 200;
};

class ResponseParser final : public boost::beast::http::basic_parser<false> {
 public:
  explicit ResponseParser(ResponseHead& head) : head_(head) { head_.clear(); }
  const ResponseHead& head() const { return head_; }

  // Where the next body bytes go, and how much room is left there (buffer_body's data/size).
  char* body_data = nullptr;
  std::size_t body_size = 0;

 private:
  using error_code = boost::system::error_code;
  using string_view = boost::beast::string_view;
  void on_request_impl(boost::beast::http::verb, string_view, string_view, int,
                       error_code&) override {}
  void on_response_impl(int code, string_view, int, error_code&) override {
    head_.set_status(code);
  }
  void on_field_impl(boost::beast::http::field, string_view name, string_view value,
                     error_code&) override {
    head_.add(name, value);
  }
  void on_header_impl(error_code&) override {}
  void on_body_init_impl(const boost::optional<std::uint64_t>&, error_code&) override {}
  std::size_t on_body_impl(string_view body, error_code& ec) override;
  void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t, string_view body, error_code& ec) override {
    return on_body_impl(body, ec);
  }
  void on_finish_impl(error_code&) override {}

  ResponseHead& head_;
};

}  // namespace sluice::upstream
