// The Gemini API endpoints, AI Studio (/v1beta/models/{m}:method) and Vertex AI
// (/v1/projects/{p}/locations/{r}/publishers/google/models/{m}:method).
#pragma once

#include <boost/asio/awaitable.hpp>

#include <string_view>

#include "api_key.h"
#include "connection.h"
#include "faults.h"

namespace mock {

// True for a path (query removed) of a Gemini model method the mock serves.
bool is_gemini_path(std::string_view path);

// Answers one Gemini request (auth, validation, faults, reply or SSE stream) with Google's
// bodies. `faults` holds the CLI defaults and x-mock-* headers; the body's directive is applied
// on top. Returns whether the connection stays open.
boost::asio::awaitable<bool> serve_gemini(Connection& conn, Request& req, std::string_view path,
                                          Faults& faults);

}  // namespace mock
