// The long-lived parts every request handler uses: shared, read-mostly, owned by the server.
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/header_block.h"
#include "providers/vertex/vertex_credentials.h"
#include "routing/model_registry.h"
#include "telemetry/call_record.h"
#include "telemetry/metrics.h"
#include "upstream/connection_pool.h"
#include "util/async.h"
#include "util/deadlines.h"

namespace boost::asio {
class thread_pool;
}

namespace sluice::telemetry {
class Recorder;
class CallMetrics;
}  // namespace sluice::telemetry

namespace sluice::api {

// Shared by all workers.
struct Gateway {
  const config::Config& config;
  const routing::ModelRegistry& models;
  telemetry::Metrics& metrics;
  std::atomic<bool> draining{false};
  // OAuth2 tokens of the vertex providers, built from `config` with the gateway at start-up.
  const providers::vertex::VertexCredentials vertex_credentials{config};
  // Where finished call records go; null when telemetry is off.
  telemetry::Recorder* recorder = nullptr;
  const telemetry::CallMetrics* call_metrics = nullptr;  // shown by /metrics
  // Admin queries of the records run here, never on a worker's event loop.
  boost::asio::thread_pool* admin_pool = nullptr;
  std::string records_path;  // the SQLite file of the records ("" when telemetry is off)
};

// Owned by one worker thread: nothing here is shared, so nothing here is locked.
struct Worker {
  Worker(unsigned worker_index, Executor executor)
      : index(worker_index), deadlines(executor), pool(executor, deadlines) {}
  unsigned index = 0;
  Deadlines deadlines;  // every timeout on this worker: idle connections, provider waits
  upstream::ConnectionPool pool;
  // Emptied call records to fill, taken from the recorder a chunk at a time (see Recorder).
  std::vector<telemetry::RecordPtr> spare_records;
};

// One request being served.
struct RequestContext {
  Gateway& gateway;
  Worker& worker;
  class ClientConnection& client;
  std::string body;  // the raw request body (moved out of the parser)
  std::chrono::steady_clock::time_point received;
  const HeaderBlock& headers;       // the request's headers
  std::string_view target;          // the request target (path and query)
  std::string model_label = "";     // for metrics: the model the caller named, if any
  std::string provider_label = "";  // for metrics: the provider that served it
  // When the whole request must be answered (the dispatcher sets it from the model's timeout).
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  // The call's record, begun by the endpoint (begin_call_record) and submitted when the
  // response is done; null when telemetry is off and for endpoints that are not calls
  // (models, health, admin).
  telemetry::RecordPtr record;
};

}  // namespace sluice::api
