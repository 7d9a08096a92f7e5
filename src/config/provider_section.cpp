// The providers: section. Presets supply the base URL and auth defaults; the file overrides them.
#include "config/provider_section.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "config/bedrock_provider.h"
#include "config/provider_presets.h"
#include "config/upstream_url.h"
#include "config/vertex_provider.h"

namespace sluice::config {
namespace {

// Provider names appear in "provider/model" request names and in metrics labels, so '/' and
// anything needing quoting are refused.
bool valid_provider_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '_' || c == '.' || c == '-';
  });
}

// RFC 9110 token characters: a header name outside them would corrupt the request.
bool valid_header_name(std::string_view name) {
  static constexpr std::string_view kSpecials = "!#$%&'*+-.^_`|~";
  return !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || kSpecials.find(static_cast<char>(c)) != std::string_view::npos;
  });
}

// CR, LF or NUL in a header value would let the config smuggle extra headers or requests.
bool valid_header_value(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

}  // namespace

std::map<std::string, std::string> read_headers(const YamlReader& reader, const Located& at) {
  std::map<std::string, std::string> out;
  for (const Located& entry : reader.entries(at, {})) {
    if (!valid_header_name(entry.key)) reader.fail(entry, "invalid HTTP header name");
    std::string value = reader.text(entry).text;
    if (!valid_header_value(value)) reader.fail(entry, "header value contains CR, LF or NUL");
    out.emplace(entry.key, std::move(value));
  }
  return out;
}

namespace {

// Finds the type first: it decides the defaults every other key overrides.
const ProviderPreset& read_preset(const YamlReader& reader, const Located& provider,
                                  const std::vector<Located>& entries) {
  auto type = std::find_if(entries.begin(), entries.end(),
                           [](const Located& e) { return e.key == "type"; });
  if (type == entries.end()) {
    reader.fail_missing(provider, "type", "one of: " + supported_provider_types());
  }
  ScalarText name = reader.text(*type);
  const ProviderPreset* preset = find_provider_preset(name.text);
  if (preset == nullptr) {
    reader.fail(*type, "unknown provider type " + quoted(name) +
                           " (supported: " + supported_provider_types() + ")");
  }
  return *preset;
}

UpstreamUrl read_api_base(const YamlReader& reader, const Located& at) {
  auto parsed = parse_upstream_url(reader.text(at).text);
  if (auto* error = std::get_if<UrlError>(&parsed)) reader.fail(at, error->message);
  return std::get<UpstreamUrl>(parsed);
}

// Keys only some clouds use (Azure's api_version, AWS region and credentials).
void apply_cloud_key(const YamlReader& reader, const Located& entry, ProviderConfig& out) {
  const std::string& key = entry.key;
  if (key == "api_version") {
    out.api_version = reader.non_empty(entry);
  } else if (key == "region") {
    out.region = reader.non_empty(entry);
  } else if (key == "aws_access_key_id") {
    out.aws_access_key_id = reader.text(entry).text;
  } else if (key == "aws_secret_access_key") {
    out.aws_secret_access_key = reader.text(entry).text;
  } else if (key == "aws_session_token") {
    out.aws_session_token = reader.text(entry).text;
  } else if (key == "project") {
    out.project = reader.non_empty(entry);
  } else if (key == "credentials_file") {
    out.credentials_file = reader.non_empty(entry);
  }
}

// Applies one key other than `type` to the provider.
void apply_provider_key(const YamlReader& reader, const Located& entry, ProviderConfig& out) {
  const std::string& key = entry.key;
  if (key == "api_base") {
    out.api_base = read_api_base(reader, entry);
  } else if (key == "api_key") {
    out.api_key = reader.text(entry).text;
  } else if (key == "auth_header") {
    out.auth_header = reader.non_empty(entry);
    if (!valid_header_name(out.auth_header)) reader.fail(entry, "invalid HTTP header name");
  } else if (key == "ca_file") {
    out.ca_file = reader.text(entry).text;
  } else if (key == "verify_tls") {
    out.verify_tls = reader.boolean(entry);
  } else if (key == "connect_timeout_ms") {
    out.connect_timeout_ms = reader.number<unsigned>(entry, 1);
  } else if (key == "first_byte_timeout_ms") {
    out.first_byte_timeout_ms = reader.number<unsigned>(entry, 1);
  } else if (key == "idle_timeout_ms") {
    out.idle_timeout_ms = reader.number<unsigned>(entry, 1);
  } else if (key == "headers") {
    out.headers = read_headers(reader, entry);
  } else {
    apply_cloud_key(reader, entry, out);
  }
}

// Fills in the preset's base URL when the file gives none, and refuses what the preset cannot
// supply (a base URL for self-hosted types, a key for hosted services).
void apply_preset_requirements(const YamlReader& reader, const Located& provider,
                               const std::vector<Located>& entries, const ProviderPreset& preset,
                               ProviderConfig& out) {
  auto given = [&](std::string_view key) -> const Located* {
    for (const Located& entry : entries) {
      if (entry.key == key) return &entry;
    }
    return nullptr;
  };
  if (given("api_base") == nullptr) {
    if (preset.default_api_base.empty()) {
      reader.fail_missing(provider, "api_base", "type " + out.type + " has no default");
    }
    out.api_base = std::get<UpstreamUrl>(parse_upstream_url(preset.default_api_base));
  }
  if (preset.needs_api_key && out.api_key.empty()) {
    std::string why = "type " + out.type + " needs a key";
    const Located* key = given("api_key");
    if (key == nullptr) reader.fail_missing(provider, "api_key", why);
    reader.fail(*key, "is empty (" + why + ")");
  }
}

ProviderConfig read_provider(const YamlReader& reader, const Located& provider) {
  if (provider.key.find('/') != std::string::npos) {
    reader.fail(provider, "provider names must not contain '/' (it separates provider/model)");
  }
  if (!valid_provider_name(provider.key)) {
    reader.fail(provider, "invalid provider name (use letters, digits, '_', '.' and '-')");
  }
  std::vector<Located> entries = reader.entries(
      provider, {"type", "api_base", "api_key", "auth_header", "ca_file", "verify_tls",
                 "connect_timeout_ms", "first_byte_timeout_ms", "idle_timeout_ms", "headers",
                 "api_version", "region", "aws_access_key_id", "aws_secret_access_key",
                 "aws_session_token", "project", "credentials_file"});
  const ProviderPreset& preset = read_preset(reader, provider, entries);
  ProviderConfig out;
  out.name = provider.key;
  out.type = std::string(preset.type);
  out.family = std::string(preset.family);
  out.auth_header = std::string(preset.default_auth_header);
  for (const Located& entry : entries) apply_provider_key(reader, entry, out);
  if (out.type == "vertex") {
    read_vertex_provider(reader, provider, entries, out);  // api_base from region and project
  } else if (out.type == "bedrock") {
    read_bedrock_provider(reader, provider, entries, out);  // api_base from region, AWS keys
  } else {
    apply_preset_requirements(reader, provider, entries, preset, out);
  }
  return out;
}

}  // namespace

std::map<std::string, ProviderConfig> read_providers(const YamlReader& reader,
                                                     const Located& section) {
  std::map<std::string, ProviderConfig> out;
  for (const Located& provider : reader.entries(section, {})) {
    out.emplace(provider.key, read_provider(reader, provider));
  }
  return out;
}

}  // namespace sluice::config
