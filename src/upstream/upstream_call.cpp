#include "upstream/upstream_call.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/container/small_vector.hpp>
#include <charconv>

#include "util/async.h"

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

int UpstreamCall::status() const { return parser_ ? parser_->head().status() : 0; }

std::string_view UpstreamCall::header(std::string_view name) const {
  if (!parser_) return {};
  return parser_->head().find(name);
}

bool UpstreamCall::done() const { return parser_ && parser_->is_done(); }

void UpstreamCall::abort() {
  aborted_ = true;
  pool_.deadlines().disarm(timeout_);
  if (connection_) connection_->close();
}

void UpstreamCall::arm_timeout(std::chrono::milliseconds ms) {
  pool_.deadlines().arm_after(timeout_, ms);
}

error_code UpstreamCall::end_step(const error_code& ec) {
  pool_.deadlines().disarm(timeout_);
  if (timed_out_ && !aborted_) return beast::error::timeout;
  return ec;
}

void UpstreamCall::on_timeout() {
  timed_out_ = true;
  if (connection_) connection_->close();  // the pending step ends with operation_aborted
}

GatewayError UpstreamCall::describe(const error_code& ec, std::string_view phase) const {
  if (ec == beast::error::timeout && deadline_bound_ && phase != "connect" && phase != "read") {
    return GatewayError{ErrorClass::timeout, "provider '" + target_.provider +
                                                 "' did not answer before the request's deadline"};
  }
  if (ec == beast::error::timeout) {
    const unsigned ms = phase == "connect" ? target_.connect_timeout_ms
                        : phase == "read"  ? target_.idle_timeout_ms
                                           : first_byte_timeout_ms();
    return GatewayError{ErrorClass::timeout, "provider '" + target_.provider +
                                                 "' timed out after " + std::to_string(ms) +
                                                 " ms (" + std::string(phase) + ")"};
  }
  return GatewayError{ErrorClass::connection, "provider '" + target_.provider +
                                                  "' is unreachable (" + std::string(phase) +
                                                  "): " + ec.message()};
}

Awaitable<error_code> UpstreamCall::attempt(std::string_view head, std::string_view body) {
  error_code ec;
  connection_->mark_used();
  auto wait = std::chrono::milliseconds(first_byte_timeout_ms());
  deadline_bound_ = false;
  if (deadline_ != std::chrono::steady_clock::time_point::max()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline_ - std::chrono::steady_clock::now());
    if (left < wait) {
      wait = std::max(left, std::chrono::milliseconds(1));
      deadline_bound_ = true;
    }
  }
  arm_timeout(wait);
  const std::array<asio::const_buffer, 2> buffers{asio::buffer(head.data(), head.size()),
                                                  asio::buffer(body.data(), body.size())};
  co_await connection_->visit([&](auto& stream) {
    return asio::async_write(stream, buffers, asio::redirect_error(use_awaitable, ec));
  });
  if (ec) co_return end_step(ec);
  parser_.emplace(connection_->head());
  parser_->body_limit(boost::none);
  co_await connection_->visit([&](auto& stream) {
    return http::async_read_header(stream, connection_->buffer(), *parser_,
                                   asio::redirect_error(use_awaitable, ec));
  });
  co_return end_step(ec);
}

namespace {

// The request head, written by hand (as Beast's serializer would write it, without building a
// header container): a later header replaces an earlier one of the same name, and
// Content-Length follows Beast's prepare_payload (sent for any body, and for an empty one on
// POST, PUT and OPTIONS).
// Header names compared as HTTP does (ASCII case-insensitive), lengths first: most differ there.
bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char x = a[i], y = b[i];
    if (x != y && (x | 0x20) != (y | 0x20)) return false;
    if (x != y && ((x | 0x20) < 'a' || (x | 0x20) > 'z')) return false;
  }
  return true;
}

std::string request_head(const UpstreamTarget& target, const UpstreamRequest& request) {
  using Field = std::pair<std::string_view, std::string_view>;
  boost::container::small_vector<Field, 16> fields;  // on the stack for any usual request
  const auto set = [&fields](std::string_view name, std::string_view value) {
    for (auto it = fields.begin(); it != fields.end();) {
      it = same_name(it->first, name) ? fields.erase(it) : it + 1;
    }
    fields.emplace_back(name, value);
  };
  set("Host", target.host_header);
  set("User-Agent", "sluice/" SLUICE_VERSION);
  set("Content-Type", "application/json");
  for (const auto& [name, value] : request.headers) set(name, value);
  char length[24];
  const auto length_end = std::to_chars(length, length + sizeof length, request.body.size()).ptr;
  const bool with_length = !request.body.empty() || request.method == http::verb::post ||
                           request.method == http::verb::put ||
                           request.method == http::verb::options;
  if (with_length) set("Content-Length", std::string_view(length, length_end - length));

  const std::string_view method = http::to_string(request.method);
  std::size_t size = method.size() + target.url.base_path.size() + request.path.size() + 12;
  for (const auto& [name, value] : fields) size += name.size() + value.size() + 4;
  std::string head;
  head.reserve(size + 2);
  head.append(method).append(" ").append(target.url.base_path).append(request.path);
  head.append(" HTTP/1.1\r\n");
  for (const auto& [name, value] : fields)
    head.append(name).append(": ").append(value).append("\r\n");
  head.append("\r\n");
  return head;
}

}  // namespace

Awaitable<std::optional<GatewayError>> UpstreamCall::start(UpstreamRequest request) {
  const std::string head = request_head(target_, request);
  const std::string_view body = request.body;

  connection_ = pool_.take_idle(target_);
  const bool pooled = connection_ != nullptr;
  if (pooled) {
    const error_code ec = co_await attempt(head, body);
    if (!ec) co_return std::nullopt;
    if (aborted_ || !is_stale_connection(ec)) {
      error_ = describe(ec, "response");
      co_return error_;
    }
    connection_->close();  // stale: try once more on a fresh connection
    parser_.reset();       // it keeps the head in the stale connection
  }
  connection_ = pool_.make_new(target_);
  arm_timeout(std::chrono::milliseconds(target_.connect_timeout_ms));
  error_code connect_ec = co_await connection_->connect(target_);
  connect_ec = end_step(connect_ec);
  if (connect_ec) {
    error_ = describe(connect_ec, "connect");
    co_return error_;
  }
  const error_code attempt_ec = co_await attempt(head, body);
  if (attempt_ec) {
    error_ = describe(attempt_ec, "response");
    co_return error_;
  }
  co_return std::nullopt;
}

Awaitable<bool> UpstreamCall::read_piece(std::string_view& out) {
  out = {};
  while (parser_ && !parser_->is_done() && !error_) {
    char* const piece = connection_->piece();
    parser_->body_data = piece;
    parser_->body_size = kReadBufferBytes;
    error_code ec;
    arm_timeout(std::chrono::milliseconds(target_.idle_timeout_ms));
    co_await connection_->visit([&](auto& stream) {
      return http::async_read_some(stream, connection_->buffer(), *parser_,
                                   asio::redirect_error(use_awaitable, ec));
    });
    ec = end_step(ec);
    const std::size_t got = kReadBufferBytes - parser_->body_size;
    out = std::string_view(piece, got);
    if (ec == http::error::need_buffer) ec = {};
    if (ec) {
      error_ = describe(ec, "read");
      co_return false;
    }
    if (got > 0) co_return true;
  }
  co_return !error_;
}

Awaitable<bool> UpstreamCall::read_some(std::string& out) {
  std::string_view piece;
  const bool ok = co_await read_piece(piece);
  out.append(piece);
  co_return ok;
}

Awaitable<bool> UpstreamCall::read_all(std::string& out, std::size_t limit) {
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
