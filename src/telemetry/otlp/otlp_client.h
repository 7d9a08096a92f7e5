// OtlpClient: the HTTP side of the OTLP exporter, posting bodies to a collector's /v1/traces.
#pragma once

#include <boost/asio/io_context.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "config/config.h"
#include "upstream/connection_pool.h"
#include "upstream/upstream_call.h"
#include "upstream/upstream_target.h"
#include "util/async.h"
#include "util/deadlines.h"

namespace sluice::telemetry::otlp {

// Blocking posts over one kept-alive connection (plain or TLS verified against the system
// store), reusing the upstream client; owned and called by the exporter's thread only. It runs
// its own io_context until each post is over because the upstream client's timeouts exist only
// for asynchronous operations.
class OtlpClient {
 public:
  // Header lines that would break the request's framing (CR, LF, NUL) are left out, named in a
  // warning; values are never logged (they may hold secrets).
  OtlpClient(const config::UpstreamUrl& endpoint, const std::map<std::string, std::string>& headers,
             unsigned timeout_ms);
  ~OtlpClient();
  OtlpClient(const OtlpClient&) = delete;
  OtlpClient& operator=(const OtlpClient&) = delete;

  // Posts one JSON body; empty on a 2xx answer, else what went wrong (without header values).
  // Connecting and the whole exchange are each bounded by timeout_ms (name resolution is left
  // to the system resolver's own timeout: an IP literal or /etc/hosts name resolves at once).
  std::optional<std::string> post(std::string body);

 private:
  Awaitable<std::optional<std::string>> exchange(upstream::UpstreamCall& call,
                                                 upstream::UpstreamRequest request);

  boost::asio::io_context io_;
  Deadlines deadlines_{io_.get_executor(), Deadlines::WhenIdle::stop};
  upstream::ConnectionPool pool_;
  std::shared_ptr<const upstream::UpstreamTarget> target_;
  std::vector<std::pair<std::string, std::string>> headers_;
  unsigned timeout_ms_;
};

}  // namespace sluice::telemetry::otlp
