#include "anthropic_request.h"

#include <fmt/format.h>

#include "json_reader.h"

namespace mock {

namespace od = simdjson::ondemand;

void AnthropicInput::clear() {
  model.clear();
  max_tokens = 0;
  stream = has_tools = tool_choice_none = after_tool_result = false;
  first_tool.clear();
  chosen_tool.clear();
  tool_result_text.clear();
  last_user_text.clear();
  stop_sequences.clear();
  text_bytes = 0;
}

namespace {

using Error = std::optional<RequestError>;

// An Anthropic 400: only the message is used.
RequestError invalid(std::string message) { return RequestError{std::move(message), "", ""}; }

RequestError not_json() {
  return invalid("The request body is not valid JSON: expected a JSON object");
}

// What one message contributes to the reply. Per thread, reused for every message.
struct Message {
  bool user = false;
  bool has_role = false;
  bool has_content = false;
  bool has_text = false;         // string content, or at least one text block
  bool has_tool_result = false;  // at least one tool_result block
  std::string text;              // string content or text blocks, concatenated
  std::string tool_result;       // the first tool_result's content text
  size_t bytes = 0;              // text plus every tool_result's text

  void clear() {
    user = has_role = has_content = has_text = has_tool_result = false;
    text.clear();
    tool_result.clear();
    bytes = 0;
  }
};

// Per-parse scratch kept per thread so long conversations do not allocate on every message.
struct Scratch {
  Message message;
  std::string block_text;     // the current block's `text`
  std::string block_content;  // the current block's `content` text (tool_result)
  std::string last_user_raw;  // text of the last user turn with text, directive not stripped
  std::string system;         // system text (only its length matters)
};

Scratch& thread_scratch() {
  thread_local Scratch scratch;
  return scratch;
}

// Folds one finished content block into its message: text and tool_result count, the rest
// (image, tool_use, thinking, document ...) adds nothing.
void fold_block(std::string_view type, Scratch& s) {
  Message& m = s.message;
  if (type == "text") {
    m.has_text = true;
    m.text.append(s.block_text);
    m.bytes += s.block_text.size();
  } else if (type == "tool_result") {
    m.bytes += s.block_content.size();
    if (!m.has_tool_result) m.tool_result.assign(s.block_content);
    m.has_tool_result = true;
  }
}

// Reads content block `b` of message `i`.
Error read_block(od::value value, size_t i, size_t b, Scratch& s) {
  od::object obj;
  if (value.get_object().get(obj)) {
    return invalid(fmt::format("messages.{}.content.{}: Input should be a valid dictionary", i, b));
  }
  std::string_view type;
  bool has_type = false;
  s.block_text.clear();
  s.block_content.clear();
  for (auto field_result : obj) {
    od::field field;
    std::string_view key;
    if (std::move(field_result).get(field) || field.unescaped_key().get(key)) return not_json();
    if (key == "type") {
      if (field.value().get_string().get(type)) {
        return invalid(
            fmt::format("messages.{}.content.{}.type: Input should be a valid string", i, b));
      }
      has_type = true;
    } else if (key == "text") {
      std::string_view text;
      if (!field.value().get_string().get(text)) s.block_text.assign(text);
    } else if (key == "content") {
      if (!append_text_content(field.value(), s.block_content)) {
        return invalid(
            fmt::format("messages.{}.content.{}.content: Input should be a valid list", i, b));
      }
    }
  }
  if (!has_type) return invalid(fmt::format("messages.{}.content.{}.type: Field required", i, b));
  fold_block(type, s);
  return std::nullopt;
}

// Reads a message's content: a string, or an array of content blocks.
Error read_content(od::value value, size_t i, Scratch& s) {
  od::json_type type;
  if (value.type().get(type)) return not_json();
  Message& m = s.message;
  if (type == od::json_type::string) {
    std::string_view text;
    if (value.get_string().get(text)) return not_json();
    m.has_text = true;
    m.text.append(text);
    m.bytes += text.size();
    return std::nullopt;
  }
  od::array blocks;
  if (type != od::json_type::array || value.get_array().get(blocks)) {
    return invalid(fmt::format("messages.{}.content: Input should be a valid list", i));
  }
  size_t b = 0;
  for (auto block_result : blocks) {
    od::value block;
    if (std::move(block_result).get(block)) return not_json();
    if (auto err = read_block(block, i, b++, s)) return err;
  }
  return std::nullopt;
}

// Reads message `i` into s.message.
Error read_message(od::value value, size_t i, Scratch& s) {
  Message& m = s.message;
  m.clear();
  od::object obj;
  if (value.get_object().get(obj)) {
    return invalid(fmt::format("messages.{}: Input should be a valid dictionary", i));
  }
  for (auto field_result : obj) {
    od::field field;
    std::string_view key;
    if (std::move(field_result).get(field) || field.unescaped_key().get(key)) return not_json();
    if (key == "role") {
      std::string_view role;
      if (field.value().get_string().get(role) || (role != "user" && role != "assistant")) {
        return invalid(fmt::format("messages.{}.role: Input should be 'user' or 'assistant'", i));
      }
      m.has_role = true;
      m.user = role == "user";
    } else if (key == "content") {
      m.has_content = true;
      if (auto err = read_content(field.value(), i, s)) return err;
    }
  }
  if (!m.has_role) return invalid(fmt::format("messages.{}.role: Field required", i));
  if (!m.has_content) return invalid(fmt::format("messages.{}.content: Field required", i));
  return std::nullopt;
}

// Reads `messages`, remembering what the last user turn says.
Error read_messages(od::value value, AnthropicInput& in, Scratch& s) {
  od::array messages;
  if (value.get_array().get(messages)) return invalid("messages: Input should be a valid list");
  size_t i = 0;
  for (auto message_result : messages) {
    od::value message;
    if (std::move(message_result).get(message)) return not_json();
    if (auto err = read_message(message, i++, s)) return err;
    const Message& m = s.message;
    in.text_bytes += m.bytes;
    if (!m.user) continue;
    in.after_tool_result = m.has_tool_result;
    if (m.has_tool_result) in.tool_result_text.assign(m.tool_result);
    if (m.has_text) s.last_user_raw.assign(m.text);
  }
  if (i == 0) return invalid("messages: at least one message is required");
  return std::nullopt;
}

// Reads `tools`: only whether there is one and the first tool's name matter.
bool read_tools(od::value value, AnthropicInput& in) {
  od::array tools;
  if (value.get_array().get(tools)) return false;
  for (auto tool : tools) {
    if (in.has_tools) continue;  // later tools are skipped by the iterator
    in.has_tools = true;
    std::string_view name;
    if (!tool["name"].get_string().get(name)) in.first_tool.assign(name);
  }
  return true;
}

// Reads tool_choice: {"type":"none"} disables tools; {"type":"tool","name":X} picks tool X.
Error read_tool_choice(od::value value, AnthropicInput& in) {
  od::object obj;
  if (value.get_object().get(obj))
    return invalid("tool_choice: Input should be a valid dictionary");
  std::string_view type, name;
  for (auto field_result : obj) {
    od::field field;
    std::string_view key;
    if (std::move(field_result).get(field) || field.unescaped_key().get(key)) return not_json();
    if (key == "type" && field.value().get_string().get(type)) {
      return invalid("tool_choice.type: Input should be a valid string");
    }
    if (key == "name" && field.value().get_string().get(name)) {
      return invalid("tool_choice.tool.name: Input should be a valid string");
    }
  }
  if (type == "none") in.tool_choice_none = true;
  if (type == "tool") {
    if (name.empty()) return invalid("tool_choice.tool.name: Field required");
    in.chosen_tool.assign(name);
  }
  return std::nullopt;
}

bool read_stop_sequences(od::value value, AnthropicInput& in) {
  od::array sequences;
  if (value.get_array().get(sequences)) return false;
  for (auto sequence : sequences) {
    std::string_view text;
    if (sequence.get_string().get(text)) return false;
    if (!text.empty()) in.stop_sequences.emplace_back(text);
  }
  return true;
}

Error read_temperature(od::value value) {
  double t = 0;
  if (value.get_double().get(t)) return invalid("temperature: Input should be a valid number");
  if (t < 0) return invalid("temperature: Input should be greater than or equal to 0");
  if (t > 1) return invalid("temperature: Input should be less than or equal to 1");
  return std::nullopt;
}

Error read_max_tokens(od::value value, AnthropicInput& in) {
  int64_t n = 0;
  if (value.get_int64().get(n)) return invalid("max_tokens: Input should be a valid integer");
  if (n < 1) return invalid("max_tokens: Input should be greater than or equal to 1");
  in.max_tokens = n;
  return std::nullopt;
}

bool read_stream(od::value value, AnthropicInput& in) {
  bool is_null = false;
  if (!value.is_null().get(is_null) && is_null) return true;
  return !value.get_bool().get(in.stream);
}

// Reads one top-level field; unknown fields (metadata, top_k, betas' fields ...) are ignored.
Error read_field(std::string_view key, od::value value, AnthropicInput& in, Scratch& s,
                 bool& has_messages) {
  if (key == "messages") {
    has_messages = true;
    return read_messages(value, in, s);
  }
  if (key == "model") {
    std::string_view model;
    if (value.get_string().get(model)) return invalid("model: Input should be a valid string");
    in.model.assign(model);
  } else if (key == "max_tokens") {
    return read_max_tokens(value, in);
  } else if (key == "system") {
    if (!append_text_content(value, s.system))
      return invalid("system: Input should be a valid list");
  } else if (key == "stream") {
    if (!read_stream(value, in)) return invalid("stream: Input should be a valid boolean");
  } else if (key == "tools") {
    if (!read_tools(value, in)) return invalid("tools: Input should be a valid list");
  } else if (key == "tool_choice") {
    return read_tool_choice(value, in);
  } else if (key == "stop_sequences") {
    if (!read_stop_sequences(value, in))
      return invalid("stop_sequences: Input should be a valid list");
  } else if (key == "temperature") {
    return read_temperature(value);
  } else if (key == "thinking") {
    od::object obj;
    if (value.get_object().get(obj)) return invalid("thinking: Input should be a valid dictionary");
  }
  return std::nullopt;
}

}  // namespace

std::optional<RequestError> parse_messages_request(std::string& body, AnthropicInput& in,
                                                   Faults& faults, bool count_tokens) {
  in.clear();
  Scratch& s = thread_scratch();
  s.last_user_raw.clear();
  s.system.clear();
  od::document doc;
  od::object obj;
  if (thread_parser().iterate(padded(body)).get(doc) || doc.get_object().get(obj)) {
    return not_json();
  }
  bool has_messages = false;
  for (auto field_result : obj) {
    od::field field;
    std::string_view key;
    if (std::move(field_result).get(field) || field.unescaped_key().get(key)) return not_json();
    if (auto err = read_field(key, field.value(), in, s, has_messages)) return err;
  }
  if (in.model.empty()) return invalid("model: Field required");
  if (!has_messages) return invalid("messages: Field required");
  if (in.max_tokens == 0 && !count_tokens) return invalid("max_tokens: Field required");
  in.text_bytes += s.system.size();
  extract_directive(s.last_user_raw, faults, in.last_user_text);
  return std::nullopt;
}

}  // namespace mock
