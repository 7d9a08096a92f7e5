// Anthropic's error bodies: {"type":"error","error":{"type","message"},"request_id"}, and the
// error event a stream ends with.
#pragma once

#include <string>
#include <string_view>

namespace mock {

// Appends an error body.
void append_anthropic_error(std::string& out, std::string_view type, std::string_view message,
                            std::string_view request_id);

// Appends the body of an injected `status` fault with the error type Anthropic uses for that
// status (429 rate_limit_error, 529 overloaded_error, 500 api_error, ...).
void append_anthropic_status_error(std::string& out, int status, std::string_view request_id);

// Appends `event: error` with an overloaded_error, as Anthropic ends a failing stream.
void append_anthropic_error_event(std::string& out);

}  // namespace mock
