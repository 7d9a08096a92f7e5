#include "config/bedrock_provider.h"

#include <algorithm>
#include <cctype>

#include "config/upstream_url.h"

namespace sluice::config {
namespace {

const Located* find_entry(const std::vector<Located>& entries, std::string_view key) {
  for (const Located& entry : entries) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

// Regions go into the host name and the signing scope: letters, digits and '-'.
bool valid_region(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '-';
  });
}

// The key named `key` must be given and non-empty (an unset ${ENV} expands to "").
void require(const YamlReader& reader, const Located& provider, const std::vector<Located>& entries,
             std::string_view key, const std::string& value, std::string_view why) {
  const Located* entry = find_entry(entries, key);
  if (entry == nullptr) reader.fail_missing(provider, key, why);
  if (value.empty()) reader.fail(*entry, "is empty (" + std::string(why) + ")");
}

}  // namespace

void read_bedrock_provider(const YamlReader& reader, const Located& provider,
                           const std::vector<Located>& entries, ProviderConfig& out) {
  const Located* region = find_entry(entries, "region");
  if (region == nullptr) reader.fail_missing(provider, "region", "the AWS region, e.g. us-east-1");
  if (!valid_region(out.region)) reader.fail(*region, "invalid AWS region");
  const bool bearer = find_entry(entries, "aws_access_key_id") == nullptr && !out.api_key.empty();
  if (!bearer) {
    const char* why = "type bedrock signs requests with AWS keys (or give a Bedrock api_key)";
    require(reader, provider, entries, "aws_access_key_id", out.aws_access_key_id, why);
    require(reader, provider, entries, "aws_secret_access_key", out.aws_secret_access_key, why);
  }
  if (find_entry(entries, "api_base") == nullptr) {
    auto parsed = parse_upstream_url("https://bedrock-runtime." + out.region + ".amazonaws.com");
    if (auto* error = std::get_if<UrlError>(&parsed)) reader.fail(*region, error->message);
    out.api_base = std::get<UpstreamUrl>(parsed);
  }
}

}  // namespace sluice::config
