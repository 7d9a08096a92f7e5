#include "providers/openai/embeddings_codec.h"

#include <bit>
#include <cstdint>
#include <cstring>

#include "core/json_reader.h"
#include "core/json_writer.h"

namespace sluice::providers::openai {
namespace {

using json::od::value;

GatewayError invalid(std::string_view param, std::string_view problem) {
  return GatewayError{ErrorClass::bad_request,
                      "'" + std::string(param) + "' " + std::string(problem), std::string(param)};
}

simdjson::error_code read_input(value v, std::vector<std::string>& out, bool& wrong_type) {
  json::od::json_type type;
  if (auto err = v.type().get(type)) return err;
  std::string_view text;
  if (type == json::od::json_type::string) {
    if (auto err = v.get_string().get(text)) return err;
    out.emplace_back(text);
    return simdjson::SUCCESS;
  }
  json::od::array items;
  if (type != json::od::json_type::array || v.get_array().get(items)) {
    wrong_type = true;
    return simdjson::SUCCESS;
  }
  for (auto item : items) {
    if (item.get_string().get(text)) {
      wrong_type = true;
      return simdjson::SUCCESS;
    }
    out.emplace_back(text);
  }
  return simdjson::SUCCESS;
}

Result<EmbeddingsRequest> read(std::string_view body) {
  json::JsonInput input;
  json::od::document doc;
  json::od::object root;
  if (input.open(body, doc) || doc.get_object().get(root)) {
    return GatewayError{ErrorClass::bad_request, "the request body is not a JSON object"};
  }
  EmbeddingsRequest request;
  bool has_input = false;
  for (auto field : root) {
    std::string_view key, text;
    value item;
    if (field.unescaped_key().get(key) || field.value().get(item)) {
      return GatewayError{ErrorClass::bad_request, "the request body is not valid JSON"};
    }
    if (json::is_null(item)) continue;
    if (key == "model") {
      if (item.get_string().get(text)) return invalid("model", "must be a string.");
      request.model = text;
    } else if (key == "input") {
      bool wrong_type = false;
      if (read_input(item, request.input, wrong_type) || wrong_type) {
        return invalid("input", "must be a string or an array of strings.");
      }
      has_input = true;
    } else if (key == "dimensions") {
      int64_t dimensions = 0;
      if (item.get_int64().get(dimensions) || dimensions < 1) {
        return invalid("dimensions", "must be a positive integer.");
      }
      request.dimensions = dimensions;
    } else if (key == "encoding_format") {
      if (item.get_string().get(text) || (text != "float" && text != "base64")) {
        return invalid("encoding_format", "must be 'float' or 'base64'.");
      }
      request.encoding_format = text;
    } else if (key == "user") {
      if (item.get_string().get(text)) return invalid("user", "must be a string.");
      request.user = text;
    }
  }
  if (!has_input) return invalid("input", "is required.");
  if (request.input.empty()) return invalid("input", "must not be empty.");
  return request;
}

std::string base64_of(const std::vector<float>& vector) {
  static_assert(std::endian::native == std::endian::little, "float32 bytes must be little-endian");
  constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string bytes(vector.size() * sizeof(float), '\0');
  if (!vector.empty()) std::memcpy(bytes.data(), vector.data(), bytes.size());
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const auto byte = [&](std::size_t k) {
      return k < bytes.size() ? static_cast<uint32_t>(static_cast<unsigned char>(bytes[k])) : 0u;
    };
    const uint32_t triple = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    out.push_back(kAlphabet[(triple >> 18) & 63]);
    out.push_back(kAlphabet[(triple >> 12) & 63]);
    out.push_back(i + 1 < bytes.size() ? kAlphabet[(triple >> 6) & 63] : '=');
    out.push_back(i + 2 < bytes.size() ? kAlphabet[triple & 63] : '=');
  }
  return out;
}

}  // namespace

Result<EmbeddingsRequest> read_embeddings_request(std::string_view body) {
  try {
    return read(body);
  } catch (const std::exception&) {
    return GatewayError{ErrorClass::bad_request, "the request body is not valid JSON"};
  }
}

std::string write_embeddings_response(const EmbeddingsResponse& response, std::string_view model,
                                      bool base64) {
  std::string out;
  JsonWriter json(out);
  json.begin_object().field("object", "list").key("data").begin_array();
  for (std::size_t i = 0; i < response.vectors.size(); ++i) {
    json.begin_object().field("object", "embedding").field("index", static_cast<int64_t>(i));
    json.key("embedding");
    if (base64) {
      json.string(base64_of(response.vectors[i]));
    } else {
      json.begin_array();
      for (float x : response.vectors[i]) json.number(static_cast<double>(x));
      json.end_array();
    }
    json.end_object();
  }
  json.end_array().field("model", model).key("usage").begin_object();
  json.field("prompt_tokens", response.usage.prompt_tokens);
  json.field("total_tokens", response.usage.total_tokens).end_object().end_object();
  return out;
}

}  // namespace sluice::providers::openai
