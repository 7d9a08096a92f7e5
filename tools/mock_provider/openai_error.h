// OpenAI's error body: {"error":{"message","type","param","code"}}.
#pragma once

#include <string>
#include <string_view>

#include "request_error.h"

namespace mock {

// Appends an error body; empty param/code are written as null.
void append_error_body(std::string& out, std::string_view message, std::string_view type,
                       std::string_view param, std::string_view code);

// Appends the 400 body for a request error.
void append_request_error_body(std::string& out, const RequestError& error);

// Appends the body of an injected `status` fault, with the type and code OpenAI uses for that
// status (429 rate_limit_exceeded, 401 invalid_api_key, 5xx server_error, ...).
void append_status_error_body(std::string& out, int status);

}  // namespace mock
