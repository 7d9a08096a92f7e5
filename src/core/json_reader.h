// Small shared pieces for reading JSON with simdjson On-Demand in translation code: a padded
// input that owns its parser, raw text of any value, and strict checks on whole documents.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>

namespace sluice::json {

namespace od = simdjson::ondemand;

// A parser plus a padded copy of the text it reads. simdjson reads past the end of its input,
// and upstream bodies are not ours to pad, so each reader keeps its own buffer (and reuses it:
// a stream decoder parses every event through one JsonInput).
class JsonInput {
 public:
  // Starts reading `text`; `doc` stays valid until the next open().
  simdjson::error_code open(std::string_view text, od::document& doc);

 private:
  od::parser parser_;
  std::string buffer_;
};

// True when only whitespace follows the value just read (simdjson 3.0.1 has no at_end()).
bool at_end(od::document& doc);

// The JSON text of a value of any type (object, array or scalar), without trailing
// whitespace; the value is consumed.
simdjson::error_code raw_json(od::value value, std::string_view& out);

// True when the value is JSON null (then it counts as absent, as OpenAI treats it).
bool is_null(od::value& value);

// True when `text` is one complete, valid JSON object (fully validated, DOM parse).
bool is_json_object(std::string_view text);

// `text` without leading and trailing JSON whitespace.
std::string_view trim(std::string_view text);

}  // namespace sluice::json
