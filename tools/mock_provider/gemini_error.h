// Google's error bodies {"error":{"code","message","status"}} and the error chunk a failing
// Gemini stream ends with.
#pragma once

#include <string>
#include <string_view>

namespace mock {

// The google.rpc status name Google sends with an HTTP status (429 RESOURCE_EXHAUSTED, ...).
std::string_view google_status_for(int status);

// Appends an error body.
void append_google_error(std::string& out, int status, std::string_view message);

// Appends the body of an injected `status` fault.
void append_google_status_error(std::string& out, int status);

// Appends `data: {"error":{503 UNAVAILABLE}}`, as a Gemini stream that fails mid-way ends.
void append_google_error_event(std::string& out);

}  // namespace mock
