// Serves the HTTP/1.1 requests of one connection (keep-alive) until it closes.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "options.h"

namespace mock {

// Runs one connection to its end; never throws.
boost::asio::awaitable<void> run_session(boost::asio::ip::tcp::socket socket,
                                         const Options& options);

}  // namespace mock
