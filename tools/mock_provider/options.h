// Command-line options of mock_provider.
#pragma once

#include <optional>
#include <string>

#include "faults.h"

namespace mock {

// Everything the CLI sets: where to listen, how many threads, and process-wide fault defaults.
struct Options {
  std::string host = "127.0.0.1";
  unsigned short port = 8090;
  unsigned threads = 0;               // 0: one per core
  std::string api_key;                // non-empty: requests must send `Authorization: Bearer <key>`
  std::string aws_access_key_id;      // Bedrock mode: the key id SigV4 signatures must name
  std::string aws_secret_access_key;  // non-empty: Bedrock requests must be SigV4-signed with it
  std::string vertex_public_key;      // PEM file: POST /token verifies assertions with it
  unsigned long vertex_token_ttl = 3600;  // expires_in of the tokens /token issues, seconds
  Faults faults;  // defaults for every request (headers and directives override)
};

// Parses argv. On error or --help, prints to stderr/stdout and returns nullopt with
// `exit_code` set (0 for --help, 2 for a bad flag).
std::optional<Options> parse_options(int argc, char** argv, int& exit_code);

}  // namespace mock
