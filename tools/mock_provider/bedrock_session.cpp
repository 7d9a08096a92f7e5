#include "bedrock_session.h"

#include <array>

#include <boost/beast/http/field.hpp>

#include "bedrock_reply.h"
#include "bedrock_request.h"
#include "http_head.h"
#include "providers/bedrock/sigv4.h"
#include "response.h"

namespace mock {

namespace {

namespace sigv4 = sluice::providers::bedrock;

constexpr std::string_view kConverse = "/converse";
constexpr std::string_view kConverseStream = "/converse-stream";
constexpr std::string_view kSignatureMismatch =
    "The request signature we calculated does not match the signature you provided. Check your "
    "AWS Secret Access Key and signing method. Consult the service documentation for details.";

// The model id segment of /model/{id}/converse[-stream], still percent-encoded.
std::string_view model_segment(std::string_view path) {
  path.remove_prefix(7);  // "/model/"
  return path.substr(0, path.rfind('/'));
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out.push_back(static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// Answers an error: {"message"} with the exception name in x-amzn-ErrorType.
asio::awaitable<bool> respond_error(Connection& conn, Head head, int status, std::string_view type,
                                    std::string_view message) {
  head.status = status;
  head.request_id_header = "x-amzn-ErrorType";
  head.request_id = type;
  conn.body.clear();
  append_bedrock_error(conn.body, message);
  const bool keep = co_await respond(conn, head);
  co_return keep;
}

// The value of `name` in "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...".
std::string_view auth_field(std::string_view auth, std::string_view name) {
  const size_t at = auth.find(name);
  if (at == std::string_view::npos || auth[at + name.size()] != '=') return {};
  auth.remove_prefix(at + name.size() + 1);
  return auth.substr(0, auth.find_first_of(", "));
}

// Empty when the request's SigV4 signature is right, else the exception name and message.
std::pair<std::string_view, std::string_view> check_signature(const Request& req,
                                                              const Options& options) {
  const std::string_view auth = req[boost::beast::http::field::authorization];
  if (!auth.starts_with("AWS4-HMAC-SHA256 ")) {
    return {"MissingAuthenticationTokenException", "Missing Authentication Token"};
  }
  // Credential=<key id>/<date>/<region>/<service>/aws4_request
  std::string_view credential = auth_field(auth, "Credential");
  std::array<std::string_view, 5> scope{};
  for (auto& part : scope) {
    const size_t slash = credential.find('/');
    part = credential.substr(0, slash);
    credential =
        slash == std::string_view::npos ? std::string_view() : credential.substr(slash + 1);
  }
  if (scope[0] != options.aws_access_key_id) {
    return {"UnrecognizedClientException",
            "The security token included in the request is invalid."};
  }
  sigv4::SigV4Request request{"POST", req.target(), {}, {}};
  std::string_view signed_headers = auth_field(auth, "SignedHeaders");
  while (!signed_headers.empty()) {
    const size_t semi = signed_headers.find(';');
    const std::string_view name = signed_headers.substr(0, semi);
    request.headers.emplace_back(std::string(name), std::string(req[name]));
    signed_headers = semi == std::string_view::npos ? "" : signed_headers.substr(semi + 1);
  }
  const std::string hash = sigv4::sha256_hex(req.body());
  request.payload_sha256 = hash;
  const std::string_view date = req["x-amz-date"];
  const sigv4::SigV4Scope signer{scope[0], options.aws_secret_access_key, scope[2], scope[3], date};
  const sigv4::SigV4Result expected = sigv4::sigv4_sign(request, signer);
  if (date.size() < 8 || scope[1] != date.substr(0, 8) ||
      expected.signature != auth_field(auth, "Signature")) {
    return {"InvalidSignatureException", kSignatureMismatch};
  }
  return {};
}

bool authorized_bearer(const Request& req, const std::string& key) {
  const std::string_view auth = req[boost::beast::http::field::authorization];
  return key.empty() || (auth.starts_with("Bearer ") && auth.substr(7) == key);
}

// Writes `conn.body` as one HTTP chunk (optionally after the head, optionally the last).
asio::awaitable<bool> send_chunk(Connection& conn, bool with_head, bool last) {
  std::string size_line;
  append_chunk_size(size_line, conn.body.size());
  const std::string_view end = last ? "\r\n0\r\n\r\n" : "\r\n";
  std::array<asio::const_buffer, 4> buffers{};
  size_t count = 0;
  if (with_head) buffers[count++] = asio::buffer(conn.head);
  buffers[count++] = asio::buffer(size_line);
  buffers[count++] = asio::buffer(conn.body);
  buffers[count++] = asio::buffer(end.data(), end.size());
  const bool ok = co_await write_buffers(conn, buffers.data(), count);
  co_return ok;
}

// The stream head: like append_stream_head, with the event-stream content type.
void append_event_stream_head(std::string& out, const Head& head) {
  Head plain = head;
  plain.content_type = "application/vnd.amazon.eventstream";
  append_head(out, plain, 0);
  // append_head wrote content-length: 0; a chunked body replaces it.
  out.resize(out.size() - std::string_view("content-length: 0\r\n\r\n").size());
  out.append("transfer-encoding: chunked\r\n\r\n");
}

// A mid-stream fault due after `sent` pieces: reset or exception frame. True when it ended the
// stream.
asio::awaitable<bool> mid_stream_fault(Connection& conn, const Faults& faults, size_t sent) {
  if (faults.reset_after_chunks >= 0 && sent == static_cast<size_t>(faults.reset_after_chunks)) {
    co_await sleep_ms(conn, 20);
    reset_connection(conn);
    co_return true;
  }
  if (faults.error_after_chunks >= 0 && sent == static_cast<size_t>(faults.error_after_chunks)) {
    conn.body.clear();
    append_converse_exception(conn.body, "modelStreamErrorException",
                              "The model stream was interrupted (mock error_after_chunks).");
    const bool ok = co_await send_chunk(conn, false, true);
    (void)ok;
    co_return true;
  }
  co_return false;
}

// ConverseStream: opening frames with the head, one chunk per piece (paced by the faults),
// then the closing frames. bad_crc_after_chunks=N makes piece N's frame carry a wrong CRC.
asio::awaitable<bool> stream_converse(Connection& conn, const Faults& faults, const Head& head) {
  const ReplyPlan& plan = conn.plan;
  conn.head.clear();
  append_event_stream_head(conn.head, head);
  conn.body.clear();
  append_converse_opening(conn.body, plan);
  const bool opened = co_await send_chunk(conn, true, false);
  if (!opened) co_return false;
  const size_t n = plan.pieces.size();
  for (size_t i = 0;; ++i) {
    const bool ended = co_await mid_stream_fault(conn, faults, i);
    if (ended) co_return false;
    if (i == n) break;
    const int delay = i == 0 ? faults.ttft_ms : faults.chunk_delay_ms;
    if (delay > 0) co_await sleep_ms(conn, delay);
    conn.body.clear();
    const bool broken =
        faults.bad_crc_after_chunks >= 0 && i == static_cast<size_t>(faults.bad_crc_after_chunks);
    append_converse_piece(conn.body, plan, i, broken);
    const bool sent = co_await send_chunk(conn, false, false);
    if (!sent) co_return false;
  }
  conn.body.clear();
  append_converse_closing(conn.body, plan);
  const bool closed = co_await send_chunk(conn, false, true);
  co_return closed&& head.keep_alive;
}

// hang, latency, status (Bedrock's error shapes) and a non-streamed reset. nullopt: proceed.
asio::awaitable<std::optional<bool>> apply_bedrock_faults(Connection& conn, const Faults& faults,
                                                          bool streaming, Head head) {
  if (faults.hang) {
    co_await hang_until_closed(conn);
    co_return false;
  }
  if (faults.latency_ms > 0) co_await sleep_ms(conn, faults.latency_ms);
  if (faults.status >= 400 && faults.status <= 599) {
    if (faults.status == 429) head.retry_after = faults.retry_after;
    const int status = faults.status;
    const bool keep = co_await respond_error(conn, head, status, bedrock_error_type(status),
                                             bedrock_error_message(status));
    co_return keep;
  }
  if (!streaming && faults.reset_after_chunks >= 0) {
    reset_connection(conn);
    co_return false;
  }
  co_return std::nullopt;
}

}  // namespace

bool is_bedrock_path(std::string_view path) {
  if (!path.starts_with("/model/") || path.size() <= 7) return false;
  return path.ends_with(kConverse) || path.ends_with(kConverseStream);
}

asio::awaitable<bool> serve_bedrock(Connection& conn, Request& req, std::string_view path,
                                    Faults& faults) {
  next_id(conn, "mock-bedrock-");
  Head head{.request_id = conn.id,
            .request_id_header = "x-amzn-RequestId",
            .keep_alive = req.keep_alive()};
  bool keep = false;
  if (req.method() != boost::beast::http::verb::post) {
    head.allow = "POST";
    keep = co_await respond_error(conn, head, 405, "ValidationException", "Method Not Allowed");
    co_return keep;
  }
  const Options& options = conn.options;
  std::pair<std::string_view, std::string_view> denied;
  if (!options.aws_secret_access_key.empty()) {
    denied = check_signature(req, options);
  } else if (!authorized_bearer(req, options.api_key)) {
    denied = {"UnrecognizedClientException", "Invalid API key."};
  }
  if (!denied.first.empty()) {
    keep = co_await respond_error(conn, head, 403, denied.first, denied.second);
    co_return keep;
  }
  const bool stream = path.ends_with(kConverseStream);
  const std::string model = percent_decode(model_segment(path));
  const auto error = parse_converse_request(req.body(), model, stream, conn.chat, faults);
  if (error) {
    keep = co_await respond_error(conn, head, 400, "ValidationException", error->message);
    co_return keep;
  }
  if (faults.error_after_chunks >= 0) head.keep_alive = false;
  const auto done = co_await apply_bedrock_faults(conn, faults, stream, head);
  if (done) co_return *done;
  plan_reply(conn.chat, faults, conn.plan);
  if (stream) {
    keep = co_await stream_converse(conn, faults, head);
    co_return keep;
  }
  conn.body.clear();
  append_converse_response(conn.body, conn.plan);
  keep = co_await respond(conn, head);
  co_return keep;
}

}  // namespace mock
