#include "providers/gemini/decode.h"

#include <string>

#include "core/json_reader.h"
#include "providers/gemini/classify_error.h"
#include "providers/gemini/response.h"

namespace sluice::providers::gemini {
namespace {

GatewayError unreadable(std::string_view provider, std::string_view what) {
  GatewayError error{ErrorClass::server, "provider '" + std::string(provider) +
                                             "' sent a malformed reply: the gateway could not "
                                             "read it (" +
                                             std::string(what) + ")"};
  error.code = "bad_upstream_reply";
  return error;
}

Result<ChatResponse> decode(std::string_view body, std::string_view provider) {
  json::JsonInput input;
  json::od::document doc;
  json::od::object root;
  if (input.open(body, doc) || doc.get_object().get(root)) return unreadable(provider, "not JSON");
  WireResponse wire;
  if (read_response(root, wire)) return unreadable(provider, "not a GenerateContentResponse");
  if (!json::at_end(doc)) return unreadable(provider, "trailing data");
  if (wire.is_error) {
    return stream_error(provider, wire.error_code, wire.error_status, wire.error_message);
  }
  ChatResponse response;
  response.id = wire.id;
  response.model = wire.model;
  int calls = 0;
  for (const WirePart& part : wire.parts) {
    if (part.kind == WirePart::Kind::text) response.content += part.text;
    if (part.kind == WirePart::Kind::thought) response.reasoning += part.text;
    if (part.kind == WirePart::Kind::function_call) {
      std::string id = part.id.empty() ? tool_call_id(calls) : std::string(part.id);
      std::string args = part.args.empty() ? "{}" : std::string(part.args);
      response.tool_calls.push_back(
          ToolCall{std::move(id), std::string(part.name), std::move(args)});
      ++calls;
    }
  }
  if (!wire.has_candidate && !wire.block_reason.empty()) {
    response.finish_reason = "content_filter";
  } else {
    response.finish_reason = finish_reason_for(wire.finish_reason, calls > 0);
  }
  response.usage = to_usage(wire.usage);
  return response;
}

// {"values":[...]} -> the floats.
simdjson::error_code read_values(json::od::object& embedding, std::vector<float>& out) {
  json::od::array values;
  if (auto err = embedding.find_field_unordered("values").get_array().get(values)) return err;
  for (auto element : values) {
    double x = 0;
    if (auto err = element.get_double().get(x)) return err;
    out.push_back(static_cast<float>(x));
  }
  return simdjson::SUCCESS;
}

Result<EmbeddingsResponse> decode_vectors(std::string_view body, std::string_view provider) {
  json::JsonInput input;
  json::od::document doc;
  json::od::array embeddings;
  if (input.open(body, doc) || doc.find_field_unordered("embeddings").get_array().get(embeddings)) {
    return unreadable(provider, "no embeddings");
  }
  EmbeddingsResponse response;
  for (auto element : embeddings) {
    json::od::object embedding;
    response.vectors.emplace_back();
    if (element.get_object().get(embedding) || read_values(embedding, response.vectors.back())) {
      return unreadable(provider, "embeddings");
    }
  }
  return response;
}

}  // namespace

std::string tool_call_id(int n) { return "call_" + std::to_string(n); }

Result<ChatResponse> decode_response(std::string_view body, std::string_view provider) {
  try {
    return decode(body, provider);
  } catch (const std::exception&) {
    return unreadable(provider, "not JSON");
  }
}

Result<EmbeddingsResponse> decode_embeddings(std::string_view body, std::string_view provider) {
  try {
    return decode_vectors(body, provider);
  } catch (const std::exception&) {
    return unreadable(provider, "not JSON");
  }
}

Result<int64_t> decode_count_tokens(std::string_view body, std::string_view provider) {
  try {
    json::JsonInput input;
    json::od::document doc;
    int64_t total = 0;
    if (input.open(body, doc) || doc.find_field_unordered("totalTokens").get_int64().get(total)) {
      return unreadable(provider, "no totalTokens");
    }
    return total;
  } catch (const std::exception&) {
    return unreadable(provider, "not JSON");
  }
}

}  // namespace sluice::providers::gemini
