// Config loading: YAML text -> located nodes -> validated, typed Config. Sections are read in a
// fixed order (providers before models) whatever their order in the file, so references resolve.
#include "config/config_loader.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "config/listen_address.h"
#include "config/model_section.h"
#include "config/provider_section.h"
#include "config/telemetry_section.h"
#include "config/yaml_reader.h"

namespace sluice::config {
namespace {

void read_listen(const YamlReader& reader, const Located& at, ServerConfig& out) {
  auto parsed = parse_listen_address(reader.text(at).text);
  if (auto* error = std::get_if<ListenError>(&parsed)) reader.fail(at, error->message);
  out.host = std::get<ListenAddress>(parsed).host;
  out.port = std::get<ListenAddress>(parsed).port;
}

ServerConfig read_server(const YamlReader& reader, const Located& section) {
  ServerConfig out;
  for (const Located& entry :
       reader.entries(section, {"listen", "workers", "max_body_bytes", "max_header_bytes",
                                "idle_timeout_ms", "shutdown_grace_ms", "admin_key"})) {
    const std::string& key = entry.key;
    if (key == "listen") {
      read_listen(reader, entry, out);
    } else if (key == "workers") {
      out.workers = reader.number<unsigned>(entry, 0, 1024);
    } else if (key == "max_body_bytes") {
      out.max_body_bytes = reader.number<std::size_t>(entry, 1);
    } else if (key == "max_header_bytes") {
      out.max_header_bytes = reader.number<std::size_t>(entry, 1);
    } else if (key == "idle_timeout_ms") {
      out.idle_timeout_ms = reader.number<unsigned>(entry, 1);
    } else if (key == "shutdown_grace_ms") {
      out.shutdown_grace_ms = reader.number<unsigned>(entry, 0);
    } else if (key == "admin_key") {
      out.admin_key = reader.text(entry).text;
    }
  }
  return out;
}

// The URL is never echoed: a postgres:// URL usually carries a password.
StorageConfig read_storage(const YamlReader& reader, const Located& section) {
  StorageConfig out;
  for (const Located& entry : reader.entries(section, {"url"})) {
    out.url = reader.non_empty(entry);
    bool known = false;
    for (std::string_view scheme : {"sqlite://", "postgres://", "postgresql://"}) {
      bool matches = out.url.compare(0, scheme.size(), scheme) == 0;
      if (matches && out.url.size() == scheme.size())
        reader.fail(entry, "nothing after the scheme");
      known = known || matches;
    }
    if (!known) reader.fail(entry, "must start with sqlite://, postgres:// or postgresql://");
  }
  return out;
}

// Finds a top-level section by name, or a null node (every section is optional).
Located section(const std::vector<Located>& sections, std::string_view name) {
  for (const Located& entry : sections) {
    if (entry.key == name) return entry;
  }
  return Located{YAML::Node(YAML::NodeType::Null), std::string(name), std::string(name), 0};
}

Config read_root(const YamlReader& reader, const YAML::Node& document) {
  Located root = root_of(document);
  std::vector<Located> sections =
      reader.entries(root, {"server", "storage", "telemetry", "providers", "models"});
  Config out;
  out.server = read_server(reader, section(sections, "server"));
  out.storage = read_storage(reader, section(sections, "storage"));
  out.telemetry = read_telemetry(reader, section(sections, "telemetry"));
  out.providers = read_providers(reader, section(sections, "providers"));
  out.models = read_models(reader, section(sections, "models"), out.providers);
  return out;
}

}  // namespace

EnvLookup process_env() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

std::variant<Config, ConfigError> load_config_text(std::string_view yaml,
                                                   std::string_view source_name,
                                                   const EnvLookup& env) {
  std::string source(source_name);
  try {
    YAML::Node document = YAML::Load(std::string(yaml));
    Config config = read_root(YamlReader(source, env), document);
    config.source_path = source;
    return config;
  } catch (const LoadFailure& failure) {
    return ConfigError{failure.what()};
  } catch (const YAML::ParserException& e) {
    return ConfigError{source + ":" + std::to_string(e.mark.line + 1) + ": invalid YAML: " + e.msg};
  } catch (const YAML::Exception& e) {
    return ConfigError{source + ": invalid YAML: " + e.msg};
  } catch (const std::exception& e) {  // e.g. bad_alloc: still a value, never an escape
    return ConfigError{source + ": cannot load: " + e.what()};
  }
}

std::variant<Config, ConfigError> load_config_file(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) return ConfigError{path + ": cannot read: " + std::strerror(errno)};
  std::string text;
  char buffer[8192];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) text.append(buffer, n);
  // fopen succeeds on a directory on Linux; the read is what fails (EISDIR).
  if (std::ferror(file.get())) return ConfigError{path + ": cannot read: " + std::strerror(errno)};
  auto result = load_config_text(text, path, process_env());
  if (auto* config = std::get_if<Config>(&result)) config->source_path = path;
  return result;
}

}  // namespace sluice::config
