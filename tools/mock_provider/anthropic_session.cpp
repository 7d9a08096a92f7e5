#include "anthropic_session.h"

#include "anthropic_error.h"
#include "anthropic_reply.h"
#include "anthropic_stream.h"
#include "json_writer.h"
#include "response.h"

namespace mock {

namespace {

asio::awaitable<bool> respond_error(Connection& conn, Head head, int status, std::string_view type,
                                    std::string_view message) {
  head.status = status;
  conn.body.clear();
  append_anthropic_error(conn.body, type, message, head.request_id);
  const bool keep = co_await respond(conn, head);
  co_return keep;
}

// The normal answer, after faults had their say.
asio::awaitable<bool> respond_ok(Connection& conn, bool count_tokens, const Faults& faults,
                                 const Head& head) {
  conn.body.clear();
  if (count_tokens) {
    conn.body.append(R"({"input_tokens":)");
    append_uint(conn.body, prompt_tokens_for(conn.anthropic.text_bytes));
    conn.body.push_back('}');
  } else {
    plan_anthropic_reply(conn.anthropic, faults, conn.anthropic_plan);
    if (conn.anthropic.stream) {
      const MessageContext ctx{conn.id, conn.anthropic.model};
      const bool keep = co_await stream_message(conn, ctx, faults, head);
      co_return keep;
    }
    append_anthropic_message(conn.body, conn.anthropic_plan, conn.anthropic.model, conn.id);
  }
  const bool keep = co_await respond(conn, head);
  co_return keep;
}

}  // namespace

asio::awaitable<bool> serve_messages(Connection& conn, Request& req, bool count_tokens,
                                     Faults& faults) {
  next_id(conn, "msg_mock");
  conn.request_id.assign("req_");
  conn.request_id.append(conn.id, 4);  // the same counter: req_mock<thread>-<n>
  Head head{.request_id = conn.request_id,
            .request_id_header = "request-id",
            .keep_alive = req.keep_alive()};
  bool keep = false;
  if (!authorized(req, conn.options.api_key)) {
    keep = co_await respond_error(conn, head, 401, "authentication_error", "invalid x-api-key");
    co_return keep;
  }
  if (req.method() != boost::beast::http::verb::post) {
    head.allow = "POST";
    keep = co_await respond_error(conn, head, 405, "invalid_request_error", "Method Not Allowed");
    co_return keep;
  }
  if (req["anthropic-version"].empty()) {
    keep = co_await respond_error(conn, head, 400, "invalid_request_error",
                                  "anthropic-version: header is required");
    co_return keep;
  }
  const auto error = parse_messages_request(req.body(), conn.anthropic, faults, count_tokens);
  if (error) {
    keep = co_await respond_error(conn, head, 400, "invalid_request_error", error->message);
    co_return keep;
  }
  const bool streaming = !count_tokens && conn.anthropic.stream;
  if (faults.closes_connection()) head.keep_alive = false;
  const auto done = co_await apply_faults(conn, faults, streaming, Dialect::anthropic, head);
  if (done) co_return *done;
  keep = co_await respond_ok(conn, count_tokens, faults, head);
  co_return keep;
}

}  // namespace mock
