// UpstreamCall: one HTTP request to a provider and its response, read head first, then the body
// piece by piece as it arrives (so streams are forwarded chunk by chunk, never buffered whole).
#pragma once

#include <array>
#include <boost/beast/http/verb.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/gateway_error.h"
#include "upstream/connection_pool.h"
#include "upstream/response_parser.h"
#include "util/async.h"

namespace sluice::upstream {

// What to send: the path below the target's base path, the body, and extra headers.
struct UpstreamRequest {
  boost::beast::http::verb method = boost::beast::http::verb::post;
  std::string path;  // e.g. "/chat/completions"
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

class UpstreamCall {
 public:
  UpstreamCall(ConnectionPool& pool, const UpstreamTarget& target);
  // Returns the connection to the pool when the response was read to its end, else closes it.
  ~UpstreamCall();
  UpstreamCall(const UpstreamCall&) = delete;
  UpstreamCall& operator=(const UpstreamCall&) = delete;

  // Sends the request and reads the response head. A stale pooled connection is retried once
  // on a fresh one. Returns the failure (connection or timeout class, naming the provider).
  Awaitable<std::optional<GatewayError>> start(UpstreamRequest request);

  int status() const;
  // A response header value, empty when absent.
  std::string_view header(std::string_view name) const;
  // Calls f(name, value) for every response header.
  template <class F>
  void for_each_header(F&& f) const {
    if (parser_) parser_->head().for_each(std::forward<F>(f));
  }

  // Sets `out` to the next piece of the body (empty once done()), a view of the call's read
  // buffer valid until the next read. Returns false on an error (then error() says what).
  Awaitable<bool> read_piece(std::string_view& out);
  // Appends the next piece of the body to `out` (nothing once done()). Returns false on an
  // error (then error() says what).
  Awaitable<bool> read_some(std::string& out);
  // Reads the rest of the body into `out`, up to `limit` bytes.
  Awaitable<bool> read_all(std::string& out, std::size_t limit);
  // True when the body was read to its end.
  bool done() const;
  const std::optional<GatewayError>& error() const { return error_; }
  // Closes the connection at once: pending reads finish with operation_aborted.
  void abort();
  // The request's overall deadline: the wait for the response head never outlasts it.
  void set_deadline(std::chrono::steady_clock::time_point deadline) { deadline_ = deadline; }
  // Overrides the provider's wait for the response head (a deployment's or model's own
  // time-to-first-token limit); 0 keeps the provider's.
  void set_first_byte_timeout(unsigned ms) { first_byte_timeout_ms_ = ms; }

 private:
  using Parser = ResponseParser;  // its head lives in connection_ (reused storage)
  Awaitable<boost::system::error_code> attempt(std::string_view head, std::string_view body);
  GatewayError describe(const boost::system::error_code& ec, std::string_view phase) const;
  // Bounds the next step (connect, the wait for the head, one read) by `ms`.
  void arm_timeout(std::chrono::milliseconds ms);
  // Ends the step: its error, or Beast's timeout when the deadline closed the connection.
  boost::system::error_code end_step(const boost::system::error_code& ec);
  void on_timeout();
  unsigned first_byte_timeout_ms() const {
    return first_byte_timeout_ms_ != 0 ? first_byte_timeout_ms_ : target_.first_byte_timeout_ms;
  }

  ConnectionPool& pool_;
  const UpstreamTarget& target_;
  std::unique_ptr<UpstreamConnection> connection_;
  std::optional<Parser> parser_;
  std::optional<GatewayError> error_;
  bool aborted_ = false;
  bool timed_out_ = false;  // the step's deadline passed and closed the connection
  Deadlines::Entry timeout_{[this] { on_timeout(); }};
  std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
  bool deadline_bound_ = false;         // the head wait was cut short by deadline_
  unsigned first_byte_timeout_ms_ = 0;  // 0: the target's
};

}  // namespace sluice::upstream
