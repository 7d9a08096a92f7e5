#include "providers/openai/request_view.h"

#include <simdjson.h>

#include "core/json_reader.h"

namespace sluice::providers::openai {
namespace {

namespace od = simdjson::ondemand;

GatewayError invalid(std::string message, std::string param) {
  return GatewayError{ErrorClass::bad_request, std::move(message), std::move(param)};
}

GatewayError malformed() {
  return invalid(
      "We could not parse the JSON body of your request. The body must be a JSON object.", "");
}

// A value token's span, without the trailing whitespace simdjson may include.
Span token_span(std::string_view body, std::string_view token) {
  while (!token.empty() && (token.back() == ' ' || token.back() == '\n' || token.back() == '\r' ||
                            token.back() == '\t')) {
    token.remove_suffix(1);
  }
  return Span{static_cast<std::size_t>(token.data() - body.data()), token.size()};
}

od::parser& thread_parser() {
  thread_local od::parser parser;
  return parser;
}

// Reads the model field; it must be a non-empty string.
simdjson::error_code read_model(std::string_view body, od::value value, RequestView& view) {
  const std::string_view token = value.raw_json_token();
  std::string_view model;
  if (auto err = value.get_string().get(model)) return err;
  view.model.assign(model);
  view.model_value = token_span(body, token);
  return simdjson::SUCCESS;
}

// Reads stream_options: null or an object that may hold include_usage.
simdjson::error_code read_stream_options(std::string_view body, od::value value,
                                         RequestView& view) {
  const std::string_view token = value.raw_json_token();
  view.stream_options_value = token_span(body, token);
  bool is_null = false;
  if (auto err = value.is_null().get(is_null)) return err;
  if (is_null) {
    view.stream_options_null = true;
    return simdjson::SUCCESS;
  }
  od::object object;
  if (auto err = value.get_object().get(object)) return err;
  view.has_stream_options = true;
  for (auto field : object) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) return err;
    view.stream_options_empty = false;
    if (key != "include_usage") continue;
    od::value flag = field.value();
    const std::string_view flag_token = flag.raw_json_token();
    if (auto err = flag.get_bool().get(view.include_usage)) return err;
    view.has_include_usage = true;
    view.include_usage_value = token_span(body, flag_token);
  }
  return simdjson::SUCCESS;
}

// Checks messages: a non-empty array of objects, each with a string role.
std::optional<GatewayError> check_messages(od::value value) {
  od::array messages;
  if (value.get_array().get(messages)) {
    return invalid("'messages' must be an array of message objects.", "messages");
  }
  std::size_t index = 0;
  for (auto element : messages) {
    od::object message;
    if (element.get_object().get(message)) {
      return invalid("'messages[" + std::to_string(index) + "]' must be an object.", "messages");
    }
    std::string_view role;
    if (message.find_field_unordered("role").get_string().get(role)) {
      return invalid("'messages[" + std::to_string(index) + "].role' is required.",
                     "messages[" + std::to_string(index) + "].role");
    }
    ++index;
  }
  if (index == 0) return invalid("'messages' must contain at least one message.", "messages");
  return std::nullopt;
}

enum class Kind { chat, embeddings };

Result<RequestView> parse(std::string& body, Kind kind) {
  ensure_json_padding(body);
  RequestView view;
  od::document doc;
  simdjson::padded_string_view input(body.data(), body.size(), body.capacity());
  if (thread_parser().iterate(input).get(doc)) return malformed();
  od::object root;
  if (doc.get_object().get(root)) return malformed();
  bool has_messages = false, has_input = false, has_model = false;
  for (auto field : root) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return malformed();
    od::value value = field.value();
    if (key == "model") {
      if (read_model(body, value, view)) {
        return invalid("'model' must be a string naming a configured model.", "model");
      }
      has_model = true;
    } else if (key == "messages" && kind == Kind::chat) {
      if (auto error = check_messages(value)) return *error;
      has_messages = true;
    } else if (key == "stream") {
      bool is_null = false;
      if (value.is_null().get(is_null) == simdjson::SUCCESS && is_null) continue;
      if (value.get_bool().get(view.stream))
        return invalid("'stream' must be a boolean.", "stream");
    } else if (key == "stream_options") {
      if (read_stream_options(body, value, view)) {
        return invalid("'stream_options' must be an object.", "stream_options");
      }
    } else if (key == "input") {
      has_input = true;
    } else if (key == "user") {
      std::string_view user;
      if (value.get_string().get(user) == simdjson::SUCCESS) view.user.assign(user);
    } else if (key == "metadata") {
      // Read here, while the body is being walked anyway: the call record keeps it.
      od::json_type type;
      std::string_view raw;
      if (value.type().get(type) == simdjson::SUCCESS && type == od::json_type::object &&
          json::raw_json(value, raw) == simdjson::SUCCESS) {
        view.metadata_value = token_span(body, raw);
      }
    }
  }
  // Only whitespace may follow the object: at the end, the location is out of bounds.
  if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) return malformed();
  if (!has_model || view.model.empty()) return invalid("'model' is required.", "model");
  if (kind == Kind::chat && !has_messages) return invalid("'messages' is required.", "messages");
  if (kind == Kind::embeddings && !has_input) return invalid("'input' is required.", "input");
  view.object_end = body.find_last_of('}');
  return view;
}

}  // namespace

void ensure_json_padding(std::string& body) {
  if (body.capacity() - body.size() < simdjson::SIMDJSON_PADDING) {
    body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
  }
}

Result<RequestView> parse_chat_request(std::string& body) {
  try {
    return parse(body, Kind::chat);
  } catch (const std::exception&) {
    return malformed();
  }
}

Result<RequestView> parse_embeddings_request(std::string& body) {
  try {
    return parse(body, Kind::embeddings);
  } catch (const std::exception&) {
    return malformed();
  }
}

}  // namespace sluice::providers::openai
