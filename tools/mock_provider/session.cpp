#include "session.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include <fmt/format.h>
#include <ctime>

#include "chat_stream.h"
#include "connection.h"
#include "http_head.h"
#include "models.h"
#include "openai_error.h"

namespace mock {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;

namespace {

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr size_t kBodyLimit = 64 * 1024 * 1024;
constexpr size_t kHeaderLimit = 64 * 1024;

// The endpoints the mock knows, from method-independent path matching.
enum class Endpoint { chat, embeddings, models, model, health, unknown };

Endpoint endpoint_of(std::string_view path) {
  if (path == "/v1/chat/completions" || path == "/chat/completions") return Endpoint::chat;
  if (path == "/v1/embeddings" || path == "/embeddings") return Endpoint::embeddings;
  if (path == "/v1/models" || path == "/models") return Endpoint::models;
  if (path.starts_with("/v1/models/")) return Endpoint::model;
  if (path == "/health") return Endpoint::health;
  return Endpoint::unknown;
}

// Request headers `x-mock-<name>: value` override the CLI's fault defaults.
void apply_fault_headers(const Request& req, Faults& faults) {
  for (const auto& field : req) {
    std::string_view name = field.name_string();
    if (name.size() > 7 && boost::beast::iequals(name.substr(0, 7), "x-mock-")) {
      set_fault(faults, name.substr(7), field.value());
    }
  }
}

bool authorized(const Request& req, const std::string& key) {
  if (key.empty()) return true;
  std::string_view auth = req[http::field::authorization];
  if (auth.starts_with("Bearer ") && auth.substr(7) == key) return true;
  return req["x-api-key"] == key;
}

// Writes conn.body as a complete response with `head`. Returns whether to keep the connection.
asio::awaitable<bool> respond(Connection& conn, const Head& head) {
  conn.head.clear();
  append_head(conn.head, head, conn.body.size());
  const asio::const_buffer buffers[] = {asio::buffer(conn.head), asio::buffer(conn.body)};
  co_return co_await write_buffers(conn, buffers, 2) && head.keep_alive;
}

asio::awaitable<bool> respond_error(Connection& conn, Head head, int status,
                                    std::string_view message, std::string_view code) {
  head.status = status;
  conn.body.clear();
  append_error_body(conn.body, message, "invalid_request_error", "", code);
  co_return co_await respond(conn, head);
}

asio::awaitable<bool> respond_request_error(Connection& conn, const Head& head,
                                            const RequestError& error) {
  conn.body.clear();
  append_request_error_body(conn.body, error);
  Head bad = head;
  bad.status = 400;
  co_return co_await respond(conn, bad);
}

// Parses the body of a POST endpoint into the connection's scratch; faults may change.
std::optional<RequestError> parse_body(Connection& conn, Endpoint ep, Request& req,
                                       Faults& faults) {
  if (ep == Endpoint::chat) return parse_chat_request(req.body(), conn.chat, faults);
  return parse_embeddings_request(req.body(), conn.embeddings, faults);
}

// The normal answer of an endpoint, after faults had their say.
asio::awaitable<bool> respond_ok(Connection& conn, Endpoint ep, std::string_view target,
                                 const Faults& faults, const Head& head) {
  conn.body.clear();
  const long long now = static_cast<long long>(std::time(nullptr));
  switch (ep) {
    case Endpoint::chat:
      plan_reply(conn.chat, faults, conn.plan);
      if (conn.chat.stream) {
        const ChunkContext ctx{conn.id, now, conn.chat.model, conn.chat.include_usage};
        co_return co_await stream_chat(conn, ctx, faults, head);
      }
      append_chat_completion(conn.body, conn.plan, conn.chat.model, conn.id, now);
      break;
    case Endpoint::embeddings:
      append_embeddings_response(conn.body, conn.embeddings);
      break;
    case Endpoint::models:
      append_models_list(conn.body);
      break;
    case Endpoint::model:
      append_model(conn.body, target.substr(11));
      break;
    case Endpoint::health:
      conn.body.append(R"({"status":"ok"})");
      break;
    case Endpoint::unknown:
      break;
  }
  co_return co_await respond(conn, head);
}

// Applies the faults that come before any normal answer. Returns nullopt when the request
// proceeds normally, else whether the connection stays open.
asio::awaitable<std::optional<bool>> apply_faults(Connection& conn, const Faults& faults,
                                                  bool streaming, Head head) {
  if (faults.hang) {
    co_await hang_until_closed(conn);
    co_return false;
  }
  if (faults.latency_ms > 0) co_await sleep_ms(conn, faults.latency_ms);
  if (faults.status >= 400 && faults.status <= 599) {
    head.status = faults.status;
    if (faults.status == 429) head.retry_after = faults.retry_after;
    conn.body.clear();
    append_status_error_body(conn.body, faults.status);
    co_return co_await respond(conn, head);
  }
  if (!streaming && faults.reset_after_chunks >= 0) {
    reset_connection(conn);
    co_return false;
  }
  co_return std::nullopt;
}

// Routes one request and answers it. Returns whether the connection stays open.
asio::awaitable<bool> serve(Connection& conn, Request& req) {
  Faults faults = conn.options.faults;
  apply_fault_headers(req, faults);
  std::string_view target = req.target();
  target = target.substr(0, target.find('?'));
  const Endpoint ep = endpoint_of(target);
  next_id(conn, ep == Endpoint::chat ? "chatcmpl-mock" : "req_mock");
  Head head{.request_id = conn.id, .keep_alive = req.keep_alive()};
  if (!authorized(req, conn.options.api_key)) {
    co_return co_await respond_error(conn, head, 401, "Incorrect API key provided.",
                                     "invalid_api_key");
  }
  if (ep == Endpoint::unknown) {
    co_return co_await respond_error(
        conn, head, 404, fmt::format("Invalid URL ({} {})", req.method_string(), target), "");
  }
  const bool post = ep == Endpoint::chat || ep == Endpoint::embeddings;
  if (req.method() != (post ? http::verb::post : http::verb::get)) {
    head.allow = post ? "POST" : "GET";
    co_return co_await respond_error(conn, head, 405, "Method not allowed.", "");
  }
  if (post) {
    if (auto error = parse_body(conn, ep, req, faults)) {
      co_return co_await respond_request_error(conn, head, *error);
    }
  }
  const bool streaming = ep == Endpoint::chat && conn.chat.stream;
  if (faults.closes_connection()) head.keep_alive = false;
  if (auto done = co_await apply_faults(conn, faults, streaming, head)) co_return *done;
  co_return co_await respond_ok(conn, ep, target, faults, head);
}

}  // namespace

asio::awaitable<void> run_session(tcp::socket socket, const Options& options) {
  Connection conn(std::move(socket), options);
  boost::system::error_code ec;
  conn.socket.set_option(tcp::no_delay(true), ec);
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(kBodyLimit);
    parser.header_limit(kHeaderLimit);
    auto [read_ec, n] = co_await http::async_read(conn.socket, conn.buffer, parser, kNoThrow);
    (void)n;
    if (read_ec) break;
    if (!co_await serve(conn, parser.get())) break;
  }
  if (conn.socket.is_open()) {
    conn.socket.shutdown(tcp::socket::shutdown_send, ec);
    conn.socket.close(ec);
  }
}

}  // namespace mock
