#include "gemini_session.h"

#include <array>

#include "event_stream.h"
#include "gemini_embeddings.h"
#include "gemini_error.h"
#include "gemini_reply.h"
#include "gemini_request.h"
#include "oauth_token.h"
#include "response.h"

namespace mock {

namespace {

// Which method of a model a path names.
enum class Method { generate, stream, count_tokens, embed, batch_embed, unknown };

struct GeminiPath {
  bool vertex = false;
  std::string_view model;
  Method method = Method::unknown;
};

Method method_of(std::string_view name) {
  if (name == "generateContent") return Method::generate;
  if (name == "streamGenerateContent") return Method::stream;
  if (name == "countTokens") return Method::count_tokens;
  if (name == "embedContent") return Method::embed;
  if (name == "batchEmbedContents") return Method::batch_embed;
  return Method::unknown;
}

GeminiPath parse_path(std::string_view path) {
  GeminiPath out;
  constexpr std::string_view kPublisher = "/publishers/google/models/";
  const auto publisher = path.find(kPublisher);
  std::string_view rest;
  if (path.starts_with("/v1") && path.find("/projects/") != std::string_view::npos &&
      publisher != std::string_view::npos) {
    out.vertex = true;
    rest = path.substr(publisher + kPublisher.size());
  } else if (path.starts_with("/v1beta/models/")) {
    rest = path.substr(15);
  } else if (path.starts_with("/v1/models/")) {
    rest = path.substr(11);
  } else {
    return out;
  }
  const auto colon = rest.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return out;
  out.model = rest.substr(0, colon);
  out.method = method_of(rest.substr(colon + 1));
  return out;
}

asio::awaitable<bool> respond_error(Connection& conn, Head head, int status,
                                    std::string_view message) {
  head.status = status;
  conn.body.clear();
  append_google_error(conn.body, status, message);
  const bool keep = co_await respond(conn, head);
  co_return keep;
}

// Vertex: a bearer token (with --vertex-public-key: one POST /token issued, see oauth_token.h).
// AI Studio: x-goog-api-key == --api-key.
// Returns the status and message of the refusal, status 0 when authorized.
std::pair<int, std::string_view> check_auth(const Request& req, const GeminiPath& path,
                                            const Options& options) {
  const std::string& key = options.api_key;
  if (path.vertex) {
    const std::string_view auth = req[boost::beast::http::field::authorization];
    if (!auth.starts_with("Bearer ") || auth.size() <= 7 || !vertex_bearer_accepted(req, options)) {
      return {401,
              "Request is missing required authentication credential. Expected OAuth 2 access "
              "token, login cookie or other valid authentication credential."};
    }
    return {0, {}};
  }
  if (key.empty()) return {0, {}};
  const std::string_view sent = req["x-goog-api-key"];
  if (sent.empty()) {
    return {403,
            "Method doesn't allow unregistered callers (callers without established identity). "
            "Please use API Key or other form of API consumer identity to call this API."};
  }
  if (sent != key) return {400, "API key not valid. Please pass a valid API key."};
  return {0, {}};
}

GeminiRequestKind kind_of(Method method) {
  switch (method) {
    case Method::count_tokens:
      return GeminiRequestKind::count_tokens;
    case Method::embed:
      return GeminiRequestKind::embed;
    case Method::batch_embed:
      return GeminiRequestKind::batch_embed;
    default:
      return GeminiRequestKind::generate;
  }
}

// Gemini's SSE chunks of a planned reply, for the shared stream writer. Gemini has no opening
// event, so the first piece's chunk is the opening (the writer sends the opening with the
// head, and an empty one would end the chunked body); pieces are the rest.
class GeminiEvents final : public StreamEvents {
 public:
  GeminiEvents(const GeminiContext& ctx, const GeminiPlan& plan) : ctx_(ctx), plan_(plan) {}
  size_t piece_count() const override { return gemini_piece_count(plan_) - 1; }
  void append_opening(std::string& out) const override { append_gemini_piece(out, plan_, ctx_, 0); }
  void append_piece(std::string& out, size_t i) const override {
    append_gemini_piece(out, plan_, ctx_, i + 1);
  }
  void append_closing(std::string& out) const override { append_gemini_closing(out, plan_, ctx_); }
  void append_error(std::string& out) const override { append_google_error_event(out); }

 private:
  const GeminiContext& ctx_;
  const GeminiPlan& plan_;
};

// The normal answer, after faults had their say.
asio::awaitable<bool> respond_ok(Connection& conn, const GeminiPath& path, const GeminiInput& in,
                                 const Faults& faults, const Head& head) {
  conn.body.clear();
  if (path.method == Method::count_tokens) {
    append_count_tokens(conn.body, in);
  } else if (path.method == Method::embed || path.method == Method::batch_embed) {
    append_gemini_embeddings(conn.body, in, path.method == Method::batch_embed);
  } else {
    GeminiPlan plan;
    plan_gemini_reply(in, faults, plan);
    const GeminiContext ctx{conn.id, path.model};
    if (path.method == Method::stream) {
      const GeminiEvents events(ctx, plan);
      const bool keep = co_await write_event_stream(conn, events, faults, head);
      co_return keep;
    }
    append_gemini_response(conn.body, plan, ctx);
  }
  const bool keep = co_await respond(conn, head);
  co_return keep;
}

// hang and latency as every mode; then `status` with Google's error body; then the shared
// faults (malformed, non-streamed reset).
asio::awaitable<std::optional<bool>> apply_gemini_faults(Connection& conn, const Faults& faults,
                                                         bool streaming, Head head) {
  if (faults.hang || faults.status < 400 || faults.status > 599) {
    const auto done = co_await apply_faults(conn, faults, streaming, Dialect::openai, head);
    co_return done;
  }
  if (faults.latency_ms > 0) co_await sleep_ms(conn, faults.latency_ms);
  head.status = faults.status;
  if (faults.status == 429) head.retry_after = faults.retry_after;
  conn.body.clear();
  append_google_status_error(conn.body, faults.status);
  const bool keep = co_await respond(conn, head);
  co_return keep;
}

}  // namespace

bool is_gemini_path(std::string_view path) { return parse_path(path).method != Method::unknown; }

asio::awaitable<bool> serve_gemini(Connection& conn, Request& req, std::string_view target,
                                   Faults& faults) {
  next_id(conn, "resp-mock");
  const GeminiPath path = parse_path(target);
  Head head{.keep_alive = req.keep_alive()};
  bool keep = false;
  const auto [refusal, why] = check_auth(req, path, conn.options);
  if (refusal != 0) {
    keep = co_await respond_error(conn, head, refusal, why);
    co_return keep;
  }
  if (req.method() != boost::beast::http::verb::post) {
    head.allow = "POST";
    keep = co_await respond_error(conn, head, 405, "Method Not Allowed");
    co_return keep;
  }
  GeminiInput input;
  const auto error = parse_gemini_request(req.body(), kind_of(path.method), input, faults);
  if (error) {
    keep = co_await respond_error(conn, head, 400, *error);
    co_return keep;
  }
  const bool streaming = path.method == Method::stream;
  if (faults.closes_connection()) head.keep_alive = false;
  const auto done = co_await apply_gemini_faults(conn, faults, streaming, head);
  if (done) co_return *done;
  keep = co_await respond_ok(conn, path, input, faults, head);
  co_return keep;
}

}  // namespace mock
