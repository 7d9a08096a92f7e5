// Reads the conversation of an Anthropic Messages request (`messages`, and the text blocks of
// `system`) into canonical messages (part of request_reader).
#pragma once

#include <string>
#include <vector>

#include "core/chat.h"
#include "providers/anthropic/inbound/field_reader.h"

namespace sluice::providers::anthropic::inbound {

// `system` or an inline system message's content: a string or a list of text blocks (their
// cache_control markers kept).
FieldError read_text_blocks(json::od::value value, const std::string& path,
                            std::vector<ContentPart>& parts);

// Fills `messages` from the `messages` array. A user turn's tool_result blocks become role
// "tool" messages ahead of the turn's other content; thinking and server-tool blocks are
// dropped (another provider cannot use them); an inline role "system" turn is kept in place.
FieldError read_messages(json::od::value value, std::vector<Message>& messages);

}  // namespace sluice::providers::anthropic::inbound
