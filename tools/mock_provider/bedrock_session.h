// Bedrock runtime's Converse endpoints: POST /model/{modelId}/converse (JSON) and
// POST /model/{modelId}/converse-stream (application/vnd.amazon.eventstream), SigV4-checked.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <string_view>

#include "api_key.h"
#include "connection.h"
#include "faults.h"

namespace mock {

// True for /model/{id}/converse and /model/{id}/converse-stream (query already removed).
bool is_bedrock_path(std::string_view path);

// Answers one Converse request: SigV4 check (when --aws-secret-access-key is set), validation,
// faults (Bedrock's error shapes, x-amzn-ErrorType), reply or event stream. Returns whether the
// connection stays open.
boost::asio::awaitable<bool> serve_bedrock(Connection& conn, Request& req, std::string_view path,
                                           Faults& faults);

}  // namespace mock
