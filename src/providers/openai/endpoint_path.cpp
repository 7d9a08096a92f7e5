#include "providers/openai/endpoint_path.h"

namespace sluice::providers::openai {
namespace {

// Percent-encodes everything but RFC 3986 unreserved characters (a deployment name is
// config data, yet it must not be able to change the path's shape).
std::string encode_segment(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
    }
  }
  return out;
}

}  // namespace

std::string endpoint_path(const config::ProviderConfig& provider, std::string_view endpoint,
                          std::string_view upstream_model) {
  if (provider.type != "azure") return "/" + std::string(endpoint);
  const std::string_view version = provider.api_version.empty()
                                       ? kDefaultAzureApiVersion
                                       : std::string_view(provider.api_version);
  return "/openai/deployments/" + encode_segment(upstream_model) + "/" + std::string(endpoint) +
         "?api-version=" + encode_segment(version);
}

}  // namespace sluice::providers::openai
