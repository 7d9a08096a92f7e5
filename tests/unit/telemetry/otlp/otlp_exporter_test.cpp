#include "telemetry/otlp/otlp_exporter.h"

#include <gtest/gtest.h>

#include <simdjson.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sluice::telemetry::otlp {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using asio::ip::tcp;

// A request as the test collector received it.
struct Received {
  std::string method;
  std::string target;
  std::string content_type;
  std::string api_key;
  std::string body;
};

// A tiny keep-alive HTTP server on a free loopback port, run on its own thread.
class TestCollector {
 public:
  explicit TestCollector(http::status status = http::status::ok)
      : acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}), status_(status) {
    asio::co_spawn(io_, accept_loop(), asio::detached);
    thread_ = std::thread([this] { io_.run(); });
  }
  ~TestCollector() {
    io_.stop();
    thread_.join();
  }

  std::string endpoint() const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port());
  }
  std::vector<Received> received() {
    std::lock_guard lock(mutex_);
    return received_;
  }
  int connections() {
    std::lock_guard lock(mutex_);
    return connections_;
  }

 private:
  asio::awaitable<void> accept_loop() {
    for (;;) {
      boost::system::error_code ec;
      tcp::socket socket =
          co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      {
        std::lock_guard lock(mutex_);
        ++connections_;
      }
      asio::co_spawn(io_, serve(std::move(socket)), asio::detached);
    }
  }

  asio::awaitable<void> serve(tcp::socket socket) {
    boost::beast::flat_buffer buffer;
    for (;;) {
      boost::system::error_code ec;
      http::request<http::string_body> request;
      co_await http::async_read(socket, buffer, request,
                                asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      {
        std::lock_guard lock(mutex_);
        received_.push_back({std::string(request.method_string()), std::string(request.target()),
                             std::string(request[http::field::content_type]),
                             std::string(request["x-api-key"]), request.body()});
      }
      http::response<http::string_body> response{status_, 11};
      response.set(http::field::content_type, "application/json");
      response.body() = "{}";
      response.keep_alive(request.keep_alive());
      response.prepare_payload();
      co_await http::async_write(socket, response, asio::redirect_error(asio::use_awaitable, ec));
      if (ec || !request.keep_alive()) co_return;
    }
  }

  asio::io_context io_;
  tcp::acceptor acceptor_;
  http::status status_;
  std::mutex mutex_;
  std::vector<Received> received_;
  int connections_ = 0;
  std::thread thread_;
};

std::vector<CallRecord> batch_of(std::size_t count, const std::string& prefix) {
  std::vector<CallRecord> batch(count);
  for (std::size_t i = 0; i < count; ++i) {
    batch[i].request_id = prefix + "-" + std::to_string(i);
    batch[i].endpoint = "/v1/chat/completions";
    batch[i].requested_model = "gpt-4o";
    batch[i].status = 200;
  }
  return batch;
}

config::OtlpConfig config_for(std::string endpoint, unsigned timeout_ms = 1'000) {
  config::OtlpConfig config;
  config.endpoint = std::move(endpoint);
  config.headers = {{"x-api-key", "s3cret"}};
  config.service_name = "sluice-test";
  config.timeout_ms = timeout_ms;
  return config;
}

// A loopback port nothing listens on: bound, noted, then closed.
uint16_t closed_port() {
  asio::io_context io;
  tcp::acceptor probe(io, {asio::ip::make_address("127.0.0.1"), 0});
  return probe.local_endpoint().port();
}

std::chrono::milliseconds time_to_stop(OtlpExporter& exporter) {
  const auto start = std::chrono::steady_clock::now();
  exporter.stop();
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start);
}

TEST(OtlpExporter, PostsEachBatchOverOneConnection) {
  TestCollector collector;
  {
    OtlpExporter exporter(config_for(collector.endpoint()));
    ASSERT_TRUE(exporter.enabled());
    for (int i = 0; i < 3; ++i) exporter.submit(batch_of(2, "req" + std::to_string(i)));
    exporter.stop();
    EXPECT_EQ(exporter.exported(), 6u);
    EXPECT_EQ(exporter.failed(), 0u);
    EXPECT_EQ(exporter.dropped(), 0u);
  }
  const std::vector<Received> posts = collector.received();
  ASSERT_EQ(posts.size(), 3u);
  simdjson::dom::parser parser;
  for (const Received& post : posts) {
    EXPECT_EQ(post.method, "POST");
    EXPECT_EQ(post.target, "/v1/traces");
    EXPECT_EQ(post.content_type, "application/json");
    EXPECT_EQ(post.api_key, "s3cret");
    simdjson::dom::element root;
    ASSERT_EQ(parser.parse(post.body).get(root), simdjson::SUCCESS) << post.body;
    EXPECT_EQ(root.at_pointer("/resourceSpans/0/scopeSpans/0/spans").get_array().size(), 2u);
    EXPECT_EQ(std::string_view(
                  root.at_pointer("/resourceSpans/0/resource/attributes/0/value/stringValue")),
              "sluice-test");
  }
  EXPECT_EQ(collector.connections(), 1);  // kept alive between posts
}

TEST(OtlpExporter, EndpointPathPrefixesTracesPath) {
  TestCollector collector;
  {
    OtlpExporter exporter(config_for(collector.endpoint() + "/otel/"));
    exporter.submit(batch_of(1, "req"));
  }
  ASSERT_EQ(collector.received().size(), 1u);
  EXPECT_EQ(collector.received()[0].target, "/otel/v1/traces");
}

TEST(OtlpExporter, RefusedPostsCountAsFailed) {
  TestCollector collector(http::status::unauthorized);
  OtlpExporter exporter(config_for(collector.endpoint()));
  exporter.submit(batch_of(2, "req"));
  exporter.stop();
  EXPECT_EQ(exporter.failed(), 2u);
  EXPECT_EQ(exporter.exported(), 0u);
}

TEST(OtlpExporter, TlsHandshakeFailureCountsAsFailed) {
  TestCollector plain;  // speaks plain HTTP, so the TLS handshake cannot succeed
  std::string endpoint = plain.endpoint();
  endpoint.replace(0, 4, "https");
  OtlpExporter exporter(config_for(endpoint));
  ASSERT_TRUE(exporter.enabled());
  exporter.submit(batch_of(1, "tls"));
  EXPECT_LT(time_to_stop(exporter).count(), 500);
  EXPECT_EQ(exporter.failed(), 1u);
  EXPECT_TRUE(plain.received().empty());
}

TEST(OtlpExporter, UnreachableCollectorFailsAndStopsPromptly) {
  OtlpExporter exporter(config_for("http://127.0.0.1:" + std::to_string(closed_port())));
  exporter.submit(batch_of(1, "a"));
  exporter.submit(batch_of(2, "b"));
  EXPECT_LT(time_to_stop(exporter).count(), 500);
  EXPECT_EQ(exporter.failed(), 3u);
  EXPECT_EQ(exporter.exported(), 0u);
}

TEST(OtlpExporter, SilentCollectorTimesOutAndAFullQueueDrops) {
  // Listening but never accepting: connects succeed (kernel backlog), answers never come.
  asio::io_context io;
  tcp::acceptor silent(io, {asio::ip::make_address("127.0.0.1"), 0});
  const auto port = silent.local_endpoint().port();
  OtlpExporter exporter(config_for("http://127.0.0.1:" + std::to_string(port), 200));
  const std::size_t submitted = OtlpExporter::kMaxQueuedBatches + 10;
  for (std::size_t i = 0; i < submitted; ++i) exporter.submit(batch_of(1, "r" + std::to_string(i)));
  EXPECT_LT(time_to_stop(exporter).count(), 1'000);  // one timeout, then the rest is abandoned
  EXPECT_GE(exporter.dropped(), 9u);
  EXPECT_EQ(exporter.exported(), 0u);
  EXPECT_EQ(exporter.failed() + exporter.dropped(), submitted);
}

TEST(OtlpExporter, OffWithoutAValidEndpoint) {
  for (const char* endpoint : {"", "ftp://collector:21", "http://user:pw@collector:4318"}) {
    OtlpExporter exporter(config_for(endpoint));
    EXPECT_FALSE(exporter.enabled()) << endpoint;
    exporter.submit(batch_of(2, "req"));
    EXPECT_EQ(exporter.dropped(), 2u) << endpoint;
  }
}

TEST(OtlpExporter, SubmitAfterStopDrops) {
  TestCollector collector;
  OtlpExporter exporter(config_for(collector.endpoint()));
  exporter.stop();
  exporter.submit(batch_of(1, "late"));
  EXPECT_EQ(exporter.dropped(), 1u);
  EXPECT_TRUE(collector.received().empty());
}

}  // namespace
}  // namespace sluice::telemetry::otlp
