#include "config/vertex_provider.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

#include "config/service_account.h"
#include "config/upstream_url.h"

namespace sluice::config {
namespace {

const Located* find_entry(const std::vector<Located>& entries, std::string_view key) {
  for (const Located& entry : entries) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

// Project ids and regions go into the URL path and host: letters, digits, '-' (and, for legacy
// domain-scoped projects, '.' and ':').
bool valid_url_part(std::string_view text, std::string_view extra) {
  return std::all_of(text.begin(), text.end(), [extra](unsigned char c) {
    return std::isalnum(c) != 0 || c == '-' || extra.find(static_cast<char>(c)) != extra.npos;
  });
}

// The key file's text, or a LoadFailure naming the file (never its content).
std::string read_key_file(const YamlReader& reader, const Located& at, const std::string& path,
                          const std::string& shown) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  if (file) text << file.rdbuf();
  if (!file || file.bad()) {
    reader.fail(at, "cannot read service account file " + shown + ": " + std::strerror(errno));
  }
  return std::move(text).str();
}

void load_service_account(const YamlReader& reader, const Located& at, ProviderConfig& out) {
  const std::string shown = quoted(reader.text(at));
  const std::string text = read_key_file(reader, at, out.credentials_file, shown);
  auto parsed = parse_service_account(text);
  if (auto* error = std::get_if<std::string>(&parsed)) {
    reader.fail(at, "service account file " + shown + " " + *error);
  }
  out.service_account = std::move(std::get<ServiceAccount>(parsed));
}

}  // namespace

void read_vertex_provider(const YamlReader& reader, const Located& provider,
                          const std::vector<Located>& entries, ProviderConfig& out) {
  if (const Located* key = find_entry(entries, "api_key")) {
    reader.fail(*key, "type vertex authenticates with credentials_file, not api_key");
  }
  const Located* project = find_entry(entries, "project");
  if (project == nullptr) reader.fail_missing(provider, "project", "the Google Cloud project id");
  if (!valid_url_part(out.project, ".:")) reader.fail(*project, "invalid project id");
  const Located* region = find_entry(entries, "region");
  if (region == nullptr) reader.fail_missing(provider, "region", "e.g. us-central1 or global");
  if (!valid_url_part(out.region, "")) reader.fail(*region, "invalid region");
  const Located* credentials = find_entry(entries, "credentials_file");
  if (credentials == nullptr) {
    reader.fail_missing(provider, "credentials_file", "a service account key JSON file");
  }
  load_service_account(reader, *credentials, out);
  if (find_entry(entries, "api_base") == nullptr) {
    // The global endpoint has no region prefix in its host name.
    const std::string host = out.region == "global" ? "aiplatform.googleapis.com"
                                                    : out.region + "-aiplatform.googleapis.com";
    const std::string base =
        "https://" + host + "/v1/projects/" + out.project + "/locations/" + out.region;
    auto parsed = parse_upstream_url(base);
    if (auto* error = std::get_if<UrlError>(&parsed)) reader.fail(*region, error->message);
    out.api_base = std::get<UpstreamUrl>(parsed);
  }
}

}  // namespace sluice::config
