// Anthropic's Messages endpoints: POST /v1/messages and POST /v1/messages/count_tokens.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "api_key.h"
#include "connection.h"
#include "faults.h"

namespace mock {

// Answers one Messages request (auth, validation, faults, reply or stream) with Anthropic's
// bodies and headers. `faults` holds the CLI defaults and x-mock-* headers; the directive of
// the body is applied on top. Returns whether the connection stays open.
boost::asio::awaitable<bool> serve_messages(Connection& conn, Request& req, bool count_tokens,
                                            Faults& faults);

}  // namespace mock
