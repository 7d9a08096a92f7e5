#include "session.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/read.hpp>

#include <fmt/format.h>
#include <atomic>
#include <ctime>
#include <random>

#include "anthropic_session.h"
#include "api_key.h"
#include "bedrock_session.h"
#include "chat_stream.h"
#include "connection.h"
#include "gemini_session.h"
#include "http_head.h"
#include "models.h"
#include "oauth_token.h"
#include "openai_error.h"
#include "response.h"

namespace mock {

namespace http = boost::beast::http;

namespace {

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr size_t kBodyLimit = 64 * 1024 * 1024;
constexpr size_t kHeaderLimit = 64 * 1024;

// The endpoints the mock knows, from method-independent path matching.
enum class Endpoint { chat, embeddings, messages, count_tokens, models, model, health, unknown };

Endpoint endpoint_of(std::string_view path) {
  if (path.starts_with("/v1/")) path.remove_prefix(3);
  if (path == "/chat/completions") return Endpoint::chat;
  if (path == "/embeddings") return Endpoint::embeddings;
  if (path == "/messages") return Endpoint::messages;
  if (path == "/messages/count_tokens") return Endpoint::count_tokens;
  if (path == "/models") return Endpoint::models;
  if (path.starts_with("/models/")) return Endpoint::model;
  if (path == "/health") return Endpoint::health;
  return Endpoint::unknown;
}

// Azure OpenAI's deployment URLs: /openai/deployments/{deployment}/{endpoint}?api-version=V.
// Returns the endpoint part ("/chat/completions"), or empty when `path` is not one.
std::string_view azure_endpoint(std::string_view path) {
  constexpr std::string_view kPrefix = "/openai/deployments/";
  if (!path.starts_with(kPrefix)) return {};
  path.remove_prefix(kPrefix.size());
  const auto slash = path.find('/');
  if (slash == 0 || slash == std::string_view::npos) return {};
  return path.substr(slash);
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

asio::awaitable<bool> respond_error(Connection& conn, Head head, int status,
                                    std::string_view message, std::string_view code) {
  head.status = status;
  conn.body.clear();
  append_error_body(conn.body, message, "invalid_request_error", "", code);
  const bool keep = co_await respond(conn, head);
  co_return keep;
}

asio::awaitable<bool> respond_request_error(Connection& conn, const Head& head,
                                            const RequestError& error) {
  conn.body.clear();
  append_request_error_body(conn.body, error);
  Head bad = head;
  bad.status = 400;
  const bool keep = co_await respond(conn, bad);
  co_return keep;
}

// Parses the body of a POST endpoint into the connection's scratch; faults may change.
std::optional<RequestError> parse_body(Connection& conn, Endpoint ep, Request& req,
                                       Faults& faults) {
  if (ep == Endpoint::chat) return parse_chat_request(req.body(), conn.chat, faults);
  return parse_embeddings_request(req.body(), conn.embeddings, faults);
}

// The normal answer of an OpenAI endpoint, after faults had their say.
asio::awaitable<bool> respond_ok(Connection& conn, Endpoint ep, std::string_view target,
                                 const Faults& faults, const Head& head) {
  conn.body.clear();
  const long long now = static_cast<long long>(std::time(nullptr));
  switch (ep) {
    case Endpoint::chat:
      plan_reply(conn.chat, faults, conn.plan);
      if (conn.chat.stream) {
        const ChunkContext ctx{conn.id, now, conn.chat.model,
                               conn.chat.include_usage && !faults.no_usage};
        const bool keep = co_await stream_chat(conn, ctx, faults, head);
        co_return keep;
      }
      append_chat_completion(conn.body, conn.plan, conn.chat.model, conn.id, now);
      if (faults.no_usage) strip_usage(conn.body);
      break;
    case Endpoint::embeddings:
      append_embeddings_response(conn.body, conn.embeddings);
      break;
    case Endpoint::models:
      append_models_list(conn.body);
      break;
    case Endpoint::model:
      append_model(conn.body, target.substr(target.find("/models/") + 8));
      break;
    case Endpoint::health:
      conn.body.append(R"({"status":"ok"})");
      break;
    default:
      break;
  }
  const bool keep = co_await respond(conn, head);
  co_return keep;
}

// Answers one request of an OpenAI endpoint (or an unknown path). Returns whether the
// connection stays open.
asio::awaitable<bool> serve_openai(Connection& conn, Request& req, Endpoint ep,
                                   std::string_view target, Faults& faults, bool azure) {
  next_id(conn, ep == Endpoint::chat ? "chatcmpl-mock" : "req_mock");
  Head head{.request_id = conn.id, .keep_alive = req.keep_alive()};
  bool keep = false;
  if (azure && req.target().find("api-version=") == std::string_view::npos) {
    // What Azure answers when the api-version query parameter is missing.
    keep = co_await respond_error(conn, head, 404, "Resource not found", "404");
    co_return keep;
  }
  const bool key_ok =
      azure ? authorized_azure(req, conn.options.api_key) : authorized(req, conn.options.api_key);
  if (!key_ok) {
    keep =
        co_await respond_error(conn, head, 401, "Incorrect API key provided.", "invalid_api_key");
    co_return keep;
  }
  if (ep == Endpoint::unknown) {
    const std::string message = fmt::format("Invalid URL ({} {})", req.method_string(), target);
    keep = co_await respond_error(conn, head, 404, message, "");
    co_return keep;
  }
  const bool post = ep == Endpoint::chat || ep == Endpoint::embeddings;
  if (req.method() != (post ? http::verb::post : http::verb::get)) {
    head.allow = post ? "POST" : "GET";
    keep = co_await respond_error(conn, head, 405, "Method not allowed.", "");
    co_return keep;
  }
  if (post) {
    const auto error = parse_body(conn, ep, req, faults);
    if (error) {
      keep = co_await respond_request_error(conn, head, *error);
      co_return keep;
    }
  }
  const bool streaming = ep == Endpoint::chat && conn.chat.stream;
  if (faults.closes_connection()) head.keep_alive = false;
  const auto done = co_await apply_faults(conn, faults, streaming, Dialect::openai, head);
  if (done) co_return *done;
  keep = co_await respond_ok(conn, ep, target, faults, head);
  co_return keep;
}

// Routes one request and answers it. Returns whether the connection stays open.
// Requests served by this process (GET /mock/stats), so tests can count upstream calls.
std::atomic<uint64_t> served_requests{0};
// Chooses the requests a status_percent fault hits: independent draws, as real outages look.
bool status_drawn(int percent) {
  thread_local std::mt19937 engine{std::random_device{}()};
  return static_cast<int>(engine() % 100) < percent;
}

asio::awaitable<bool> serve_stats(Connection& conn, const Request& req) {
  Head head{.request_id = "", .keep_alive = req.keep_alive()};
  conn.body = fmt::format(R"({{"requests":{}}})", served_requests.load());
  const bool keep = co_await respond(conn, head);
  co_return keep;
}

asio::awaitable<bool> serve(Connection& conn, Request& req) {
  Faults faults = conn.options.faults;
  apply_fault_headers(req, faults);
  std::string_view target = req.target();
  target = target.substr(0, target.find('?'));
  if (target == "/mock/stats") {
    const bool keep = co_await serve_stats(conn, req);
    co_return keep;
  }
  served_requests.fetch_add(1, std::memory_order_relaxed);
  if (faults.status != 0 && faults.status_percent < 100 && !status_drawn(faults.status_percent)) {
    faults.status = 0;
  }
  const std::string_view azure_path = azure_endpoint(target);
  const bool azure = !azure_path.empty();
  const Endpoint ep = endpoint_of(azure ? azure_path : target);
  bool keep = false;
  if (is_oauth_path(target)) {
    keep = co_await serve_oauth(conn, req, target);
  } else if (is_bedrock_path(target)) {
    keep = co_await serve_bedrock(conn, req, target, faults);
  } else if (is_gemini_path(target)) {
    keep = co_await serve_gemini(conn, req, target, faults);
  } else if (ep == Endpoint::messages || ep == Endpoint::count_tokens) {
    keep = co_await serve_messages(conn, req, ep == Endpoint::count_tokens, faults);
  } else {
    keep = co_await serve_openai(conn, req, ep, target, faults, azure);
  }
  co_return keep;
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
    const bool keep = co_await serve(conn, parser.get());
    if (!keep) break;
  }
  if (conn.socket.is_open()) {
    conn.socket.shutdown(tcp::socket::shutdown_send, ec);
    conn.socket.close(ec);
  }
}

}  // namespace mock
