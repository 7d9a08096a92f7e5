// Typed, validated, immutable gateway configuration (built once at start-up, shared by all
// workers).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sluice::config {

// Where the gateway listens and the limits it applies to every client connection.
struct ServerConfig {
  std::string host = "0.0.0.0";
  uint16_t port = 4000;
  unsigned workers = 0;                           // 0: one per core
  std::size_t max_body_bytes = 10 * 1024 * 1024;  // larger bodies get 413
  std::size_t max_header_bytes = 16 * 1024;       // larger headers get 431
  unsigned idle_timeout_ms = 60'000;              // keep-alive and slow-client read timeout
  unsigned shutdown_grace_ms = 10'000;            // how long SIGTERM waits for in-flight requests
  std::string admin_key;  // secret: Bearer token of the /admin API; empty: the API is off
};

// Where records and keys are kept (sqlite:// is the embedded default).
struct StorageConfig {
  std::string url = "sqlite://sluice.db";
};

// A parsed upstream base URL such as https://api.openai.com/v1.
struct UpstreamUrl {
  bool tls = true;
  std::string host;
  uint16_t port = 443;
  std::string base_path;  // without a trailing slash, e.g. "/v1"
};

// vertex: a Google service account key, read from credentials_file at load (secret: never logged).
struct ServiceAccount {
  std::string client_email;    // the JWT's issuer
  std::string private_key;     // PEM, signs the JWT (RS256)
  std::string private_key_id;  // the JWT header's kid (may be empty)
  std::string token_uri;       // the JWT's audience, and where the JWT is exchanged for a token
  UpstreamUrl token_url;       // token_uri parsed; its path is the token endpoint's path
};

// One configured upstream provider account.
struct ProviderConfig {
  std::string name;         // the key under providers:
  std::string type;         // openai, xai, groq, mistral, deepseek, together, openrouter, vllm, ...
  std::string family;       // adapter family derived from type: "openai" for all presets today
  UpstreamUrl api_base;     // from api_base or the preset's default
  std::string api_key;      // secret: never logged
  std::string auth_header;  // header carrying the key ("authorization" sends "Bearer <key>")
  std::string ca_file;      // extra CA bundle for private endpoints; empty: system store only
  bool verify_tls = true;
  unsigned connect_timeout_ms = 5'000;
  unsigned first_byte_timeout_ms = 120'000;    // long: reasoning models think before the first byte
  unsigned idle_timeout_ms = 60'000;           // longest silence between two upstream reads
  std::map<std::string, std::string> headers;  // extra static headers sent upstream
  std::string api_version;                     // azure: the api-version query parameter
  // bedrock: AWS region and credentials (secrets: never logged)
  std::string region;
  std::string aws_access_key_id;
  std::string aws_secret_access_key;
  std::string aws_session_token;
  // vertex: the Google Cloud project and the service account used for OAuth2 tokens
  std::string project;
  std::string credentials_file;
  ServiceAccount service_account;
};

// One concrete target a model name resolves to.
struct DeploymentConfig {
  std::string provider;  // a key of providers
  std::string model;     // the upstream model name
  unsigned weight = 1;
  std::string id;  // "provider/model" unless named; unique within its model (headers, metrics)
  unsigned first_byte_timeout_ms = 0;  // time to the response head; 0: the model's, else provider's
  // Capabilities, checked before the strategy chooses (a request needing one skips the rest).
  bool tools = true;
  bool vision = true;
  bool json_schema = true;
  uint64_t context_window = 0;     // tokens; 0: unknown (no check)
  uint64_t max_output_tokens = 0;  // 0: unknown (no check)
  // USD per million tokens, overriding the price table (negative: the table's price). The cost
  // strategy ranks by input + output price; records are charged with all of them.
  double input_price = -1;
  double output_price = -1;
  double cached_input_price = -1;  // prompt tokens read from the provider's cache
  double cache_write_price = -1;   // prompt tokens written to the provider's cache
  double reasoning_price = -1;     // thinking tokens (negative: priced as output)
  double request_price = -1;       // USD per request, where a provider charges one
};

// When and how often a failed attempt is tried again (on another deployment when one is left).
struct RetryConfig {
  unsigned max_attempts = 3;          // attempts per request across deployments and fallbacks
  unsigned backoff_ms = 50;           // base of the exponential backoff (full jitter)
  unsigned max_backoff_ms = 2'000;    // cap of one wait
  std::vector<std::string> retry_on;  // error classes retried; empty: the default set
};

// The circuit breaker of each deployment of a model.
struct BreakerConfig {
  unsigned failures = 5;      // consecutive retryable failures that open the breaker
  unsigned open_ms = 30'000;  // how long it stays open before one half-open probe
};

// A model name callers use, and the deployments that serve it.
struct ModelConfig {
  std::string name;
  std::string strategy = "priority";
  std::vector<DeploymentConfig> deployments;
  std::vector<std::string> fallbacks;                 // other models, in order
  std::vector<std::string> content_filter_fallbacks;  // on content_filter errors only
  std::vector<std::string> context_length_fallbacks;  // on context_length errors only
  RetryConfig retry;
  BreakerConfig breaker;
  unsigned timeout_ms = 600'000;       // the whole request, all attempts included
  unsigned first_byte_timeout_ms = 0;  // each attempt's time to the response head; 0: provider's
  double latency_exploration = 0.05;   // latency strategy: share of requests sent elsewhere
  bool allow_overrides = false;  // accept x-sluice-fallbacks / -timeout-ms / -deployment headers
};

// The OTLP/HTTP (JSON) trace exporter: one span per call, GenAI semantic-convention names.
struct OtlpConfig {
  std::string endpoint;  // e.g. http://collector:4318 (/v1/traces is appended); empty: off
  std::map<std::string, std::string> headers;  // sent with every export (secrets: never logged)
  std::string service_name = "sluice";
  unsigned timeout_ms = 5'000;
};

// Call records: what is kept, how they are written, and how long they live.
struct TelemetryConfig {
  bool enabled = true;                    // one record per call, written to storage
  std::size_t queue_capacity = 100'000;   // records waiting for the writer; more are dropped
  unsigned batch_size = 5'000;            // records per write transaction, at most
  unsigned flush_interval_ms = 100;       // longest wait before a partial batch is written
  unsigned retention_days = 30;           // raw records older than this are deleted; 0: kept
  bool capture = false;                   // keep prompts and completions in the records
  std::size_t capture_max_bytes = 4'096;  // each captured text is truncated to this
  std::string prices_file;                // the price table; empty: data/prices.yaml
  std::string tokenizer_dir;              // BPE vocabularies; empty: the bundled ones
  OtlpConfig otlp;
};

// The whole configuration.
struct Config {
  std::string source_path;
  ServerConfig server;
  StorageConfig storage;
  TelemetryConfig telemetry;
  std::map<std::string, ProviderConfig> providers;
  std::vector<ModelConfig> models;
};

}  // namespace sluice::config
