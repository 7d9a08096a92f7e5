// ProviderAdapter: one per provider family that needs translation. Translation is pure: no I/O,
// no clock, so it is tested with golden fixtures. (OpenAI-compatible upstreams skip this and
// forward the caller's bytes with minimal patches; see providers/openai/request_patch.h.)
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.h"
#include "core/chat.h"
#include "core/embeddings.h"
#include "core/result.h"
#include "upstream/event_framer.h"

namespace sluice::providers {

// A request ready for the upstream client: path below the provider's base URL, body, headers.
struct EncodedRequest {
  std::string path;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// Turns framed upstream stream events into canonical events; one decoder per attempt.
class StreamDecoder {
 public:
  virtual ~StreamDecoder() = default;
  // One whole SSE event (its event: name and data: payload).
  virtual void on_event(std::string_view event, std::string_view data,
                        std::vector<StreamEvent>& out) = 0;
  // The upstream closed the stream; emits what is still owed (or an error if it was cut short).
  virtual void finish(std::vector<StreamEvent>& out) = 0;
};

// What a request signer may look at besides the request: the provider, the origin it goes to
// and the time (passed in, so signing stays a pure function under test).
struct SigningContext {
  const config::ProviderConfig& provider;
  std::string_view host;       // the Host header value
  std::string_view base_path;  // the provider's api_base path, prefixed to EncodedRequest::path
  std::chrono::system_clock::time_point now;
};

class ProviderAdapter {
 public:
  virtual ~ProviderAdapter() = default;
  virtual std::string_view family() const = 0;
  // Canonical -> wire for `upstream_model` on `provider`. Same result when called again.
  virtual Result<EncodedRequest> encode_chat(const ChatRequest& request,
                                             std::string_view upstream_model,
                                             const config::ProviderConfig& provider) const = 0;
  // Wire -> canonical for a whole 200 response body. The request is passed because some
  // translations must be undone on the way back (e.g. JSON mode carried by a forced tool).
  virtual Result<ChatResponse> decode_chat(const ChatRequest& request, std::string_view body,
                                           const config::ProviderConfig& provider) const = 0;
  // A fresh decoder for one attempt's stream of the answer to `request`.
  virtual std::unique_ptr<StreamDecoder> new_stream_decoder(const ChatRequest& request) const = 0;
  // A fresh framer for one attempt's streamed body. Most providers stream Server-Sent Events.
  virtual std::unique_ptr<upstream::EventFramer> new_event_framer() const {
    return std::make_unique<upstream::SseEventFramer>();
  }
  // The Content-Type a 200 answer must carry (stream or not); anything else is a malformed reply.
  virtual std::string_view stream_content_type() const { return "text/event-stream"; }
  // Credentials computed per request (e.g. AWS SigV4) added to `request` just before it is sent.
  // Static keys are added by encode_chat; most families need nothing here.
  virtual std::optional<GatewayError> sign(EncodedRequest& /*request*/,
                                           const SigningContext& /*context*/) const {
    return std::nullopt;
  }
  // Canonical embeddings request -> wire, for families whose embeddings API is not OpenAI's.
  virtual Result<EncodedRequest> encode_embeddings(const EmbeddingsRequest& /*request*/,
                                                   std::string_view /*upstream_model*/,
                                                   const config::ProviderConfig& provider) const {
    return embeddings_unsupported(provider);
  }
  // A whole 200 embeddings response -> canonical vectors.
  virtual Result<EmbeddingsResponse> decode_embeddings(
      const EmbeddingsRequest& /*request*/, std::string_view /*body*/,
      const config::ProviderConfig& provider) const {
    return embeddings_unsupported(provider);
  }
  // A non-200 response -> error class, status and the provider's own message.
  virtual GatewayError classify_error(const config::ProviderConfig& provider, int status,
                                      std::string_view retry_after,
                                      std::string_view body) const = 0;

 protected:
  static GatewayError embeddings_unsupported(const config::ProviderConfig& provider) {
    return GatewayError{ErrorClass::bad_request,
                        "embeddings not supported by provider '" + provider.name + "'", "model"};
  }
};

}  // namespace sluice::providers
