// The inbound request type and the API key check every endpoint shares.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string>

namespace mock {

// One parsed HTTP request, body included.
using Request = boost::beast::http::request<boost::beast::http::string_body>;

// True when no key is configured, or the request sends it as `Authorization: Bearer KEY` or
// `x-api-key: KEY` (OpenAI clients use the first, Anthropic's API documents the second, and
// the Anthropic SDK 1.x sends the first).
bool authorized(const Request& req, const std::string& key);

// Azure OpenAI's check: the key in the `api-key` header.
bool authorized_azure(const Request& req, const std::string& key);

}  // namespace mock
