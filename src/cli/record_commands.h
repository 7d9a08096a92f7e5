// The record commands of the CLI, run against the same SQLite store the gateway writes:
//   sluice spend --by team --since 7d [--until DATE] [--interval day] [--json]
//   sluice logs [--tail] [-n 20] [--model M] [--team T] ...
//   sluice reprice --from 2026-11-01
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

namespace sluice::cli {

// Adds the three subcommands to `app`; each reads its config from `config_path` when it runs.
// Returns the function that runs whichever was chosen (or returns -1 when none was).
std::function<int()> add_record_commands(CLI::App& app, std::string& config_path);

}  // namespace sluice::cli
