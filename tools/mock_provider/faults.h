// Fault injection settings for one request. Defaults come from the CLI, then `x-mock-*` request
// headers override them, then a `[[mock key=value ...]]` directive in the last user message
// (tests behind a gateway can only reach the mock through message text).
#pragma once

#include <string>
#include <string_view>

namespace mock {

// A 200 answer the client cannot use: a JSON body cut short, or an HTML page.
enum class Malformed { none, truncated_json, html };

// What to do wrong (or slowly) for one request; every field off by default.
struct Faults {
  int latency_ms = 0;              // delay before the response headers
  int ttft_ms = 0;                 // stream: delay after headers before the first content chunk
  int chunk_delay_ms = 0;          // stream: delay between content chunks
  int status = 0;                  // non-zero: answer with this status and an OpenAI error body
  int retry_after = 1;             // seconds, sent as `retry-after` with status 429
  int status_percent = 100;        // status (from the CLI or a header) hits only this % of requests
  int reset_after_chunks = -1;     // >= 0: stream N content chunks then reset the TCP connection
  int error_after_chunks = -1;     // >= 0: stream N content chunks then an SSE error event, close
  int truncate_after_chunks = -1;  // >= 0: stream N content chunks, then end the body cleanly
                                   // (no finish, no [DONE]: a stream cut short)
  int chunks = 0;                  // > 0: exactly this many content chunks (pads with "lorem")
  int bad_crc_after_chunks = -1;   // >= 0: Bedrock stream: piece N's frame has a wrong CRC
  bool hang = false;               // never answer; wait until the client closes
  bool no_usage = false;           // OpenAI chat: no usage in the answer (as some servers do)
  Malformed malformed = Malformed::none;  // answer 200 with an unreadable body

  // True when chunks must be written one by one (delays or a mid-stream fault).
  bool paced() const {
    return ttft_ms > 0 || chunk_delay_ms > 0 || reset_after_chunks >= 0 ||
           error_after_chunks >= 0 || truncate_after_chunks >= 0;
  }
  // True when the response head must say `connection: close`. Not for resets: a reset must
  // look like a crash of a keep-alive connection (undici, for one, takes a reset after
  // `connection: close` as the normal end of the body).
  bool closes_connection() const { return error_after_chunks >= 0 || truncate_after_chunks >= 0; }
};

// Sets one fault by name (`latency_ms`, `latency-ms`, any case). Returns false for an unknown
// key or a value that is not a non-negative integer (or true/false for `hang`).
bool set_fault(Faults& faults, std::string_view key, std::string_view value);

// Applies the first `[[mock key=value ...]]` directive found in `text` to `faults` and appends
// `text` without it, trimmed of surrounding whitespace, to `clean`.
void extract_directive(std::string_view text, Faults& faults, std::string& clean);

}  // namespace mock
