// While a relayed stream's opening is held back (role chunk, message_start, pings), the gateway
// must tell preamble from the first real content and from an error the provider sends before
// any content: only then can a failed stream still go to another deployment unnoticed.
#pragma once

#include <string_view>

#include "core/gateway_error.h"

namespace sluice::providers {

enum class OpeningEvent { preamble, content, error };

// Classifies one SSE event of an OpenAI-shaped or Anthropic-shaped stream (by its event name
// and data). Content: any text, reasoning, refusal or tool call, a finish, or the end.
OpeningEvent classify_opening_event(std::string_view event, std::string_view data);

// True for an event that ends the answer: OpenAI's `[DONE]` or an error object; Anthropic's
// message_stop or error. A stream that closes without one was cut
// short.
bool is_stream_end(std::string_view event, std::string_view data);

// The error an `error` event sent before any content stands for, naming the provider: its
// class from the provider's error type (rate limit, overloaded, else server).
GatewayError opening_error(std::string_view provider, std::string_view data);

}  // namespace sluice::providers
