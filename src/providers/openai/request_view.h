// What the gateway reads from an inbound OpenAI-shaped request, with the byte positions it needs
// to patch the body in place. Parsing validates only what the gateway relies on; every other
// field passes through untouched.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"

namespace sluice::providers::openai {

// A [offset, offset+length) span of the request body.
struct Span {
  std::size_t offset = 0;
  std::size_t length = 0;
};

// The fields of a chat completion or embeddings request the gateway acts on.
struct RequestView {
  std::string model;
  Span model_value;            // the "..." token of the model value
  std::size_t object_end = 0;  // offset of the closing '}' of the top-level object
  bool stream = false;
  bool has_stream_options = false;   // stream_options is present and an object
  bool stream_options_null = false;  // stream_options: null
  Span stream_options_value;         // the whole stream_options token start ('{' or null)
  bool stream_options_empty = true;  // the stream_options object has no fields
  bool include_usage = false;
  bool has_include_usage = false;
  Span include_usage_value;
  std::string user;     // the end-user id, if given
  Span metadata_value;  // the `metadata` object, if the body has one (length 0: none)
};

// Parses a chat completion body: a JSON object with a non-empty string `model` and a non-empty
// `messages` array of objects with a string `role`. The body must have simdjson padding capacity
// (see ensure_json_padding).
Result<RequestView> parse_chat_request(std::string& body);

// Parses an embeddings body: `model` string and an `input` field.
Result<RequestView> parse_embeddings_request(std::string& body);

// Makes sure `body` has the spare capacity simdjson reads past the end (may reallocate once).
void ensure_json_padding(std::string& body);

}  // namespace sluice::providers::openai
