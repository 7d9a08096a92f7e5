#include "upstream/upstream_call.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace sluice::upstream {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;

namespace {

// Errors that mean a reused keep-alive connection had been closed by the provider meanwhile.
bool is_stale_connection(const error_code& ec) {
  return ec == http::error::end_of_stream || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == http::error::partial_message;
}
}  // namespace

UpstreamCall::UpstreamCall(ConnectionPool& pool, const UpstreamTarget& target)
    : pool_(pool), target_(target) {}

UpstreamCall::~UpstreamCall() {
  if (!connection_) return;
  if (!aborted_ && !error_ && parser_ && parser_->is_done() && parser_->keep_alive()) {
    pool_.give_back(target_, std::move(connection_));
  } else {
    connection_->close();
  }
}

int UpstreamCall::status() const { return parser_ ? parser_->get().result_int() : 0; }

std::string_view UpstreamCall::header(std::string_view name) const {
  if (!parser_) return {};
  auto it = parser_->get().find(name);
  if (it == parser_->get().end()) return {};
  return std::string_view(it->value().data(), it->value().size());
}

bool UpstreamCall::done() const { return parser_ && parser_->is_done(); }

void UpstreamCall::abort() {
  aborted_ = true;
  if (connection_) connection_->close();
}

GatewayError UpstreamCall::describe(const error_code& ec, std::string_view phase) const {
  if (ec == beast::error::timeout) {
    const unsigned ms = phase == "connect" ? target_.connect_timeout_ms
                        : phase == "read"  ? target_.idle_timeout_ms
                                           : target_.first_byte_timeout_ms;
    return GatewayError{ErrorClass::timeout, "provider '" + target_.provider +
                                                 "' timed out after " + std::to_string(ms) +
                                                 " ms (" + std::string(phase) + ")"};
  }
  return GatewayError{ErrorClass::connection, "provider '" + target_.provider +
                                                  "' is unreachable (" + std::string(phase) +
                                                  "): " + ec.message()};
}

asio::awaitable<error_code> UpstreamCall::attempt(const http::request<http::string_body>& request) {
  error_code ec;
  connection_->mark_used();
  auto& tcp = connection_->tcp();
  tcp.expires_after(std::chrono::milliseconds(target_.first_byte_timeout_ms));
  co_await connection_->visit([&](auto& stream) {
    return http::async_write(stream, request, asio::redirect_error(asio::use_awaitable, ec));
  });
  if (ec) co_return ec;
  parser_.emplace();
  parser_->body_limit(boost::none);
  co_await connection_->visit([&](auto& stream) {
    return http::async_read_header(stream, connection_->buffer(), *parser_,
                                   asio::redirect_error(asio::use_awaitable, ec));
  });
  tcp.expires_never();
  co_return ec;
}

asio::awaitable<std::optional<GatewayError>> UpstreamCall::start(UpstreamRequest request) {
  http::request<http::string_body> message{request.method, target_.url.base_path + request.path,
                                           11};
  message.set(http::field::host, target_.host_header);
  message.set(http::field::user_agent, "sluice/" SLUICE_VERSION);
  message.set(http::field::content_type, "application/json");
  for (auto& [name, value] : request.headers) message.set(name, value);
  message.body() = std::move(request.body);
  message.prepare_payload();

  connection_ = pool_.take_idle(target_);
  const bool pooled = connection_ != nullptr;
  if (pooled) {
    const error_code ec = co_await attempt(message);
    if (!ec) co_return std::nullopt;
    if (aborted_ || !is_stale_connection(ec)) {
      error_ = describe(ec, "response");
      co_return error_;
    }
    connection_->close();  // stale: try once more on a fresh connection
  }
  connection_ = pool_.make_new(target_);
  const error_code connect_ec = co_await connection_->connect(target_);
  if (connect_ec) {
    error_ = describe(connect_ec, "connect");
    co_return error_;
  }
  const error_code attempt_ec = co_await attempt(message);
  if (attempt_ec) {
    error_ = describe(attempt_ec, "response");
    co_return error_;
  }
  co_return std::nullopt;
}

asio::awaitable<bool> UpstreamCall::read_some(std::string& out) {
  while (parser_ && !parser_->is_done() && !error_) {
    parser_->get().body().data = piece_.data();
    parser_->get().body().size = piece_.size();
    error_code ec;
    connection_->tcp().expires_after(std::chrono::milliseconds(target_.idle_timeout_ms));
    co_await connection_->visit([&](auto& stream) {
      return http::async_read_some(stream, connection_->buffer(), *parser_,
                                   asio::redirect_error(asio::use_awaitable, ec));
    });
    const std::size_t got = piece_.size() - parser_->get().body().size;
    out.append(piece_.data(), got);
    if (ec == http::error::need_buffer) ec = {};
    if (ec) {
      error_ = describe(ec, "read");
      co_return false;
    }
    if (got > 0) co_return true;
  }
  co_return !error_;
}

asio::awaitable<bool> UpstreamCall::read_all(std::string& out, std::size_t limit) {
  while (!done()) {
    const bool ok = co_await read_some(out);
    if (!ok) co_return false;
    if (out.size() > limit) {
      error_ = GatewayError{ErrorClass::server, "provider '" + target_.provider +
                                                    "' sent a response larger than " +
                                                    std::to_string(limit) + " bytes"};
      co_return false;
    }
  }
  co_return !error_;
}

}  // namespace sluice::upstream
