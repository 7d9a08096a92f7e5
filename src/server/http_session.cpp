#include "server/http_session.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>

#include "api/call_recording.h"
#include "api/client_connection.h"
#include "api/request_router.h"
#include "server/request_id.h"
#include "server/request_parser.h"
#include "util/async.h"
#include "util/deadlines.h"

namespace sluice::server {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;
using std::chrono::milliseconds;

void SessionRegistry::close_idle() {
  for (Entry* entry : entries) {
    if (entry->busy) continue;
    error_code ignored;
    entry->socket->cancel(ignored);
    entry->socket->close(ignored);
  }
}

namespace {

// Operational endpoints are not API traffic: they are neither counted nor shown in flight.
bool is_api_path(std::string_view target) {
  return !target.starts_with("/health/") && !target.starts_with("/metrics");
}

// Answers a request the session cannot read (too large, malformed) and closes the connection,
// first reading (for up to 2 s, under `deadline`) what the client is still sending so it sees
// the answer rather than a reset.
Awaitable<void> reject_and_close(TcpSocket& socket, beast::flat_buffer& buffer,
                                 const GatewayError& error, Deadlines& deadlines,
                                 Deadlines::Entry& deadline) {
  api::ClientConnection client(socket);
  client.begin_request(request_id_for({}), false);
  co_await client.send_error(error);
  error_code ec;
  socket.shutdown(TcpSocket::shutdown_send, ec);
  deadlines.arm_after(deadline, std::chrono::seconds(2));
  std::size_t drained = 0;
  while (!ec && drained < (64u << 20)) {
    buffer.clear();
    drained += co_await socket.async_read_some(buffer.prepare(64 * 1024),
                                               asio::redirect_error(use_awaitable, ec));
  }
}

std::optional<GatewayError> read_error_to_reply(const error_code& ec,
                                                const config::ServerConfig& sc) {
  if (ec == http::error::body_limit) {
    return GatewayError{
        ErrorClass::payload_too_large,
        "Request body exceeds the limit of " + std::to_string(sc.max_body_bytes) + " bytes."};
  }
  if (ec == http::error::header_limit) {
    return GatewayError{
        ErrorClass::headers_too_large,
        "Request headers exceed the limit of " + std::to_string(sc.max_header_bytes) + " bytes."};
  }
  // Every other HTTP parse error means the request itself is malformed; a closed or idle
  // connection (end_of_stream, partial_message, timeouts, socket errors) just ends the session.
  const bool parse_error = ec.category() == make_error_code(http::error::bad_target).category() &&
                           ec != http::error::end_of_stream && ec != http::error::partial_message;
  if (parse_error) {
    return GatewayError{ErrorClass::bad_request, "Malformed HTTP request: " + ec.message()};
  }
  return std::nullopt;
}

}  // namespace

Awaitable<void> run_session(TcpSocket socket, api::Gateway& gateway, api::Worker& worker,
                            SessionRegistry& sessions) {
  error_code ec;
  socket.set_option(asio::ip::tcp::no_delay(true), ec);
  SessionRegistry::Entry entry{&socket, false};
  sessions.entries.insert(&entry);
  struct Unregister {
    SessionRegistry& sessions;
    SessionRegistry::Entry* entry;
    ~Unregister() { sessions.entries.erase(entry); }
  } unregister{sessions, &entry};

  // The idle limit (waiting for a request and reading it) closes the socket when it passes:
  // the pending read then ends with operation_aborted and the session with it.
  Deadlines& deadlines = worker.deadlines;
  Deadlines::Entry idle_deadline([&socket] {
    error_code ignored;
    socket.cancel(ignored);
    socket.close(ignored);
  });
  const auto& sc = gateway.config.server;
  beast::flat_buffer buffer;
  buffer.reserve(8 * 1024);  // a typical request head + body in one read, not 512-byte slices
  api::ClientConnection client(socket);
  RequestHead head;
  while (!gateway.draining.load(std::memory_order_relaxed)) {
    RequestParser parser(head);
    parser.header_limit(static_cast<std::uint32_t>(sc.max_header_bytes));
    parser.body_limit(sc.max_body_bytes);
    deadlines.arm_after(idle_deadline, milliseconds(sc.idle_timeout_ms));
    co_await http::async_read_header(socket, buffer, parser,
                                     asio::redirect_error(use_awaitable, ec));
    if (!ec) {
      entry.busy = true;
      if (beast::iequals(head["expect"], "100-continue")) {
        co_await asio::async_write(socket, asio::buffer("HTTP/1.1 100 Continue\r\n\r\n", 25),
                                   asio::redirect_error(use_awaitable, ec));
      }
      if (!ec)
        co_await http::async_read(socket, buffer, parser, asio::redirect_error(use_awaitable, ec));
    }
    if (ec) {
      if (auto reply = read_error_to_reply(ec, sc))
        co_await reject_and_close(socket, buffer, *reply, deadlines, idle_deadline);
      break;
    }
    deadlines.disarm(idle_deadline);
    const bool api_call = is_api_path(head.target);
    client.begin_request(request_id_for(head["x-request-id"]),
                         parser.keep_alive() && !gateway.draining.load());
    api::RequestContext ctx{
        gateway, worker,     client, std::move(parser.body()), std::chrono::steady_clock::now(),
        head,    head.target};
    if (api_call) gateway.metrics.in_flight().fetch_add(1, std::memory_order_relaxed);
    co_await api::dispatch(ctx, head.method, head.target);
    api::submit_call_record(ctx);
    if (api_call) {
      gateway.metrics.in_flight().fetch_sub(1, std::memory_order_relaxed);
      const std::chrono::duration<double> took = std::chrono::steady_clock::now() - ctx.received;
      gateway.metrics.record_request(worker.index, ctx.model_label, ctx.provider_label,
                                     client.status(), took.count());
    }
    entry.busy = false;
    if (!client.keep_alive()) break;
  }
  socket.shutdown(TcpSocket::shutdown_send, ec);
  socket.close(ec);
}

}  // namespace sluice::server
