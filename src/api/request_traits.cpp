#include "api/request_traits.h"

namespace sluice::api {
namespace {

// Bytes of the conversation's opening that decide the cache-affinity deployment: long enough to
// cover a system prompt's distinctive start, short enough to cost nothing to hash.
constexpr std::size_t kAffinityBytes = 2048;

bool has(std::string_view body, std::string_view key) {
  return body.find(key) != std::string_view::npos;
}

}  // namespace

routing::RequestTraits estimate_traits(std::string_view body) {
  routing::RequestTraits traits;
  traits.tools = has(body, "\"tools\"");
  traits.vision = has(body, "\"image_url\"") || has(body, "\"type\":\"image\"") ||
                  has(body, "\"type\": \"image\"");
  traits.json_schema = has(body, "\"json_schema\"");
  traits.prompt_tokens = body.size() / 4;
  const auto messages = body.find("\"messages\"");
  if (messages != std::string_view::npos) {
    traits.affinity_key = body.substr(messages, kAffinityBytes);
  }
  return traits;
}

}  // namespace sluice::api
