#include "telemetry/otlp/otlp_client.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <chrono>
#include <exception>

#include "util/async.h"

namespace sluice::telemetry::otlp {
namespace asio = boost::asio;

namespace {

// A collector answers with a small status object; anything bigger is cut off (and the
// connection dropped) rather than buffered.
constexpr std::size_t kMaxReplyBytes = 64 * 1024;
// How much of a refusal's body goes into the log: enough for the collector's reason.
constexpr std::size_t kLoggedReplyBytes = 200;

bool is_token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool valid_header(std::string_view name, std::string_view value) {
  return !name.empty() && std::all_of(name.begin(), name.end(), is_token_char) &&
         value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// Text from outside (a collector's reply, a rejected header name) as one short log-safe line.
std::string printable(std::string_view text) {
  std::string out(text.substr(0, kLoggedReplyBytes));
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c < 0x20 || c == 0x7f; }, ' ');
  if (text.size() > kLoggedReplyBytes) out += "...";
  return out;
}

}  // namespace

OtlpClient::OtlpClient(const config::UpstreamUrl& endpoint,
                       const std::map<std::string, std::string>& headers, unsigned timeout_ms)
    : pool_(io_.get_executor(), deadlines_), timeout_ms_(std::max(timeout_ms, 1u)) {
  config::ProviderConfig collector;
  collector.name = "otlp collector";  // appears in the upstream client's error messages
  collector.api_base = endpoint;
  collector.verify_tls = true;
  collector.connect_timeout_ms = timeout_ms_;
  collector.first_byte_timeout_ms = timeout_ms_;
  collector.idle_timeout_ms = timeout_ms_;
  target_ = upstream::make_upstream_target(collector);
  for (const auto& [name, value] : headers) {
    if (valid_header(name, value)) {
      headers_.emplace_back(name, value);
    } else {
      spdlog::warn("otlp: header '{}' left out: its name or value would break the request",
                   printable(name));
    }
  }
}

OtlpClient::~OtlpClient() { pool_.clear(); }

std::optional<std::string> OtlpClient::post(std::string body) {
  upstream::UpstreamRequest request;
  request.path = "/v1/traces";  // below the endpoint's own path, as OTLP/HTTP specifies
  request.body = std::move(body);
  request.headers = headers_;
  upstream::UpstreamCall call(pool_, *target_);

  // The watchdog bounds the whole exchange; the upstream client's own timeouts bound each step.
  bool timed_out = false;
  SteadyTimer watchdog(io_, std::chrono::milliseconds(timeout_ms_));
  watchdog.async_wait([&](const boost::system::error_code& ec) {
    if (ec) return;
    timed_out = true;
    call.abort();
  });
  std::optional<std::string> error;
  std::exception_ptr failure;
  asio::co_spawn(io_, exchange(call, std::move(request)),
                 [&](std::exception_ptr e, std::optional<std::string> result) {
                   failure = e;
                   error = std::move(result);
                   watchdog.cancel();
                 });
  io_.restart();
  io_.run();  // returns once the exchange and the watchdog's handler have both run
  if (failure) std::rethrow_exception(failure);
  if (error && timed_out) return "no answer within " + std::to_string(timeout_ms_) + " ms";
  return error;
}

Awaitable<std::optional<std::string>> OtlpClient::exchange(upstream::UpstreamCall& call,
                                                           upstream::UpstreamRequest request) {
  if (auto error = co_await call.start(std::move(request))) co_return std::move(error->message);
  // Read to the end even on success, so the connection can carry the next post.
  std::string reply;
  if (!co_await call.read_all(reply, kMaxReplyBytes)) {
    co_return call.error() ? call.error()->message : std::string("the answer could not be read");
  }
  const int status = call.status();
  if (status < 200 || status > 299) {
    co_return "the collector answered HTTP " + std::to_string(status) + ": " + printable(reply);
  }
  co_return std::nullopt;
}

}  // namespace sluice::telemetry::otlp
