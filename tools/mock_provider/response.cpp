#include "response.h"

#include "anthropic_error.h"
#include "openai_error.h"

namespace mock {

asio::awaitable<bool> respond(Connection& conn, const Head& head) {
  conn.head.clear();
  append_head(conn.head, head, conn.body.size());
  const asio::const_buffer buffers[] = {asio::buffer(conn.head), asio::buffer(conn.body)};
  const bool written = co_await write_buffers(conn, buffers, 2);
  co_return written&& head.keep_alive;
}

asio::awaitable<std::optional<bool>> apply_faults(Connection& conn, const Faults& faults,
                                                  bool streaming, Dialect dialect, Head head) {
  if (faults.hang) {
    co_await hang_until_closed(conn);
    co_return false;
  }
  if (faults.latency_ms > 0) co_await sleep_ms(conn, faults.latency_ms);
  if (faults.status >= 400 && faults.status <= 599) {
    head.status = faults.status;
    if (faults.status == 429) head.retry_after = faults.retry_after;
    conn.body.clear();
    if (dialect == Dialect::anthropic) {
      append_anthropic_status_error(conn.body, faults.status, head.request_id);
    } else {
      append_status_error_body(conn.body, faults.status);
    }
    const bool keep = co_await respond(conn, head);
    co_return keep;
  }
  if (faults.malformed != Malformed::none) {
    // A valid HTTP 200 whose body no client can parse, whatever was asked (stream or not).
    const bool html = faults.malformed == Malformed::html;
    head.content_type = html ? "text/html" : "application/json";
    conn.body.assign(html ? "<html><body>502 Bad Gateway</body></html>"
                          : R"({"id":"mock-truncated","choices":[{"message":{"content":"cut he)");
    const bool keep = co_await respond(conn, head);
    co_return keep;
  }
  if (!streaming && faults.reset_after_chunks >= 0) {
    reset_connection(conn);
    co_return false;
  }
  co_return std::nullopt;
}

}  // namespace mock
