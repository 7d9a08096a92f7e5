#include "upstream/upstream_connection.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>

#include "util/async.h"

namespace sluice::upstream {
namespace asio = boost::asio;
using boost::system::error_code;

namespace {
std::variant<PlainStream, TlsStream> make_stream(Executor executor, const UpstreamTarget& target) {
  if (target.tls)
    return std::variant<PlainStream, TlsStream>(std::in_place_index<1>, executor, *target.tls);
  return std::variant<PlainStream, TlsStream>(std::in_place_index<0>, executor);
}
}  // namespace

UpstreamConnection::UpstreamConnection(Executor executor, const UpstreamTarget& target)
    : stream_(make_stream(executor, target)),
      piece_(std::make_unique_for_overwrite<char[]>(kReadBufferBytes)) {
  // Beast sizes each socket read by the buffer's free capacity; an empty flat_buffer starts at
  // 512 bytes, which turned a 17 KB stream into ~35 reads, wake-ups and client writes.
  buffer_.reserve(kReadBufferBytes);
}

TcpSocket& UpstreamConnection::tcp() {
  if (auto* plain = std::get_if<PlainStream>(&stream_)) return *plain;
  return std::get<TlsStream>(stream_).next_layer();
}

void UpstreamConnection::close() {
  closed_ = true;
  error_code ignored;
  tcp().shutdown(TcpSocket::shutdown_both, ignored);
  tcp().close(ignored);
}

Awaitable<error_code> UpstreamConnection::connect(const UpstreamTarget& target) {
  error_code ec;
  TcpResolver resolver(tcp().get_executor());
  auto endpoints = co_await resolver.async_resolve(target.url.host, std::to_string(target.url.port),
                                                   asio::redirect_error(use_awaitable, ec));
  if (ec) co_return ec;
  // Closed while resolving (the caller's deadline passed): a resolve cannot be cancelled, but
  // the connection must not be opened after it.
  if (closed_) co_return asio::error::operation_aborted;
  co_await asio::async_connect(tcp(), endpoints, asio::redirect_error(use_awaitable, ec));
  if (ec) co_return ec;
  tcp().set_option(asio::ip::tcp::no_delay(true), ec);
  if (auto* tls = std::get_if<TlsStream>(&stream_)) {
    if (!SSL_set_tlsext_host_name(tls->native_handle(), target.url.host.c_str())) {
      co_return error_code(static_cast<int>(::ERR_get_error()), asio::error::get_ssl_category());
    }
    if (target.verify_tls)
      tls->set_verify_callback(asio::ssl::host_name_verification(target.url.host));
    co_await tls->async_handshake(asio::ssl::stream_base::client,
                                  asio::redirect_error(use_awaitable, ec));
  }
  co_return ec;
}

}  // namespace sluice::upstream
