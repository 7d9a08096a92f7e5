// The sluice command: serve, check, version, and the record commands (spend, logs, reprice).
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>
#include <iostream>
#include <variant>

#include "cli/record_commands.h"
#include "config/config_loader.h"
#include "server/server.h"

namespace {

// Loads the config or prints why it cannot, returning null then.
std::optional<sluice::config::Config> load_or_report(const std::string& path) {
  auto loaded = sluice::config::load_config_file(path);
  if (auto* error = std::get_if<sluice::config::ConfigError>(&loaded)) {
    std::cerr << "sluice: invalid config: " << error->message << "\n";
    return std::nullopt;
  }
  return std::get<sluice::config::Config>(std::move(loaded));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Sluice: a self-hosted LLM gateway"};
  app.require_subcommand(0, 1);
  bool version = false;
  app.add_flag("--version", version, "Print the version and exit");

  std::string config_path = "sluice.yaml";
  auto* serve = app.add_subcommand("serve", "Serve the gateway");
  serve->add_option("-c,--config", config_path, "Config file")->required();
  auto* check = app.add_subcommand("check", "Validate a config file without serving");
  check->add_option("-c,--config", config_path, "Config file")->required();

  const auto run_record_command = sluice::cli::add_record_commands(app, config_path);
  CLI11_PARSE(app, argc, argv);
  if (version) {
    std::cout << "sluice " << SLUICE_VERSION << "\n";
    return 0;
  }
  if (*check) {
    auto config = load_or_report(config_path);
    if (!config) return 1;
    std::cout << "config OK: " << config->providers.size() << " provider(s), "
              << config->models.size() << " model(s)\n";
    return 0;
  }
  if (const int code = run_record_command(); code >= 0) return code;
  if (*serve) {
    auto config = load_or_report(config_path);
    if (!config) return 1;
    try {
      sluice::server::Server server(*config);
      return server.run();
    } catch (const std::exception& e) {
      spdlog::error("cannot start: {}", e.what());
      return 1;
    }
  }
  std::cout << app.help();
  return 0;
}
