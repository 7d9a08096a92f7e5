// The token endpoint's request and answer (Google's OAuth2 JWT bearer grant), as pure functions.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/result.h"

namespace sluice::providers::vertex {

// An OAuth2 access token and when it stops being accepted.
struct AccessToken {
  std::string value;  // secret: never logged
  std::chrono::steady_clock::time_point expires_at;
};

// The application/x-www-form-urlencoded body that trades `assertion` for a token.
std::string token_request_body(std::string_view assertion);

// Reads the token endpoint's answer to a request sent at `sent` (expires_in counts from then).
// 200 with {"access_token","expires_in","token_type":"Bearer"} is a token; 4xx is an auth error
// (Google answers 400 invalid_grant for a bad signature or unknown key), 429 rate_limited,
// 5xx server. Messages name the provider and Google's error code, never the token or the JWT.
Result<AccessToken> read_token_response(std::string_view provider, int status,
                                        std::string_view body,
                                        std::chrono::steady_clock::time_point sent);

}  // namespace sluice::providers::vertex
