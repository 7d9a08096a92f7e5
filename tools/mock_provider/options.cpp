#include "options.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <string_view>
#include <thread>

namespace mock {

namespace {

constexpr const char* kUsage =
    "usage: mock_provider [--host 127.0.0.1] [--port 8090 (0 = any free port)] [--threads N]\n"
    "                     [--api-key KEY] [--vertex-public-key PEM_FILE] [--vertex-token-ttl S]\n"
    "                     [--aws-access-key-id ID] [--aws-secret-access-key SECRET]\n"
    "  fault defaults (per request override: x-mock-<name> headers or [[mock name=value]]):\n"
    "                     [--latency-ms N] [--ttft-ms N] [--chunk-delay-ms N] [--status N]\n"
    "                     [--retry-after N] [--reset-after-chunks N] [--error-after-chunks N]\n"
    "                     [--chunks N] [--hang 0|1]\n";

bool parse_uint(std::string_view text, unsigned long max, unsigned long& out) {
  unsigned long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value > max) return false;
  out = value;
  return true;
}

// Applies one `--name value`; returns false when the name is unknown or the value is bad.
bool apply(Options& o, std::string_view name, std::string_view value) {
  unsigned long n = 0;
  if (name == "host") return o.host.assign(value), true;
  if (name == "api-key") return o.api_key.assign(value), true;
  if (name == "aws-access-key-id") return o.aws_access_key_id.assign(value), true;
  if (name == "aws-secret-access-key") return o.aws_secret_access_key.assign(value), true;
  if (name == "vertex-public-key") return o.vertex_public_key.assign(value), true;
  if (name == "vertex-token-ttl") {
    return parse_uint(value, 86400, o.vertex_token_ttl) && o.vertex_token_ttl > 0;
  }
  if (name == "port") {
    if (!parse_uint(value, 65535, n)) return false;
    o.port = static_cast<unsigned short>(n);
    return true;
  }
  if (name == "threads") {
    if (!parse_uint(value, 1024, n)) return false;
    o.threads = static_cast<unsigned>(n);
    return true;
  }
  return set_fault(o.faults, name, value);
}

}  // namespace

std::optional<Options> parse_options(int argc, char** argv, int& exit_code) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const char* raw = argv[i];
    std::string_view arg = raw;
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      exit_code = 0;
      return std::nullopt;
    }
    std::string_view value;
    bool ok = arg.starts_with("--");
    if (ok) arg.remove_prefix(2);
    if (auto eq = arg.find('='); ok && eq != std::string_view::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    } else if (ok && i + 1 < argc) {
      value = argv[++i];
    } else {
      ok = false;
    }
    if (!ok || !apply(options, arg, value)) {
      std::fprintf(stderr, "mock_provider: bad argument '%s'\n%s", raw, kUsage);
      exit_code = 2;
      return std::nullopt;
    }
  }
  if (options.threads == 0) options.threads = std::max(1u, std::thread::hardware_concurrency());
  return options;
}

}  // namespace mock
