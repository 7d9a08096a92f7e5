// Google's OAuth2 token endpoint for service accounts (the JWT bearer grant), as Vertex AI
// clients use it: POST /token with grant_type and a signed assertion, answered with an access
// token the mock then requires on its Vertex paths.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <string_view>

#include "api_key.h"
#include "connection.h"

namespace mock {

// True for the paths served here: POST /token, and GET /mock/oauth/stats (how many tokens were
// issued, so tests can see a refresh).
bool is_oauth_path(std::string_view path);

// Answers one request to an oauth path. Needs --vertex-public-key: the assertion's RS256
// signature is checked against it, then aud (this endpoint's URL), scope (cloud-platform), iat
// and exp. Bad assertions get Google's {"error":"invalid_grant","error_description":...}.
// Returns whether the connection stays open.
boost::asio::awaitable<bool> serve_oauth(Connection& conn, Request& req, std::string_view path);

// True when the request carries `Authorization: Bearer <token>` with a token issued here that
// has not expired (--vertex-token-ttl seconds after it was issued).
bool has_issued_token(const Request& req);

// The Vertex paths' check: with --vertex-public-key, the bearer token must be one issued here
// (has_issued_token); without it (no OAuth mode), any bearer token is accepted.
bool vertex_bearer_accepted(const Request& req, const Options& options);

}  // namespace mock
