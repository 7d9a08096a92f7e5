#include "cli/record_commands.h"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <thread>
#include <variant>

#include "cli/table_printer.h"
#include "config/config_loader.h"
#include "core/json_writer.h"
#include "store/sqlite/database.h"
#include "telemetry/record_json.h"
#include "telemetry/recording_setup.h"
#include "telemetry/sqlite/log_query.h"
#include "telemetry/sqlite/record_schema.h"
#include "telemetry/sqlite/reprice.h"
#include "telemetry/sqlite/spend_query.h"
#include "telemetry/time_text.h"

namespace sluice::cli {

namespace {

namespace tsql = telemetry::sqlite;

struct SpendOptions {
  std::string by = "model", since = "7d", until, interval = "total";
};

struct LogsOptions {
  bool tail = false, json = false;
  int limit = 20;
  tsql::LogQuery filters;
  std::string status;
};

config::Config load(const std::string& path) {
  auto loaded = config::load_config_file(path);
  if (auto* error = std::get_if<config::ConfigError>(&loaded)) {
    throw std::runtime_error("invalid config: " + error->message);
  }
  return std::get<config::Config>(std::move(loaded));
}

int64_t time_option(const std::string& name, const std::string& text) {
  const auto value = telemetry::parse_time(text, telemetry::unix_now_s());
  if (!value) throw std::runtime_error(name + ": not a date (2026-11-24, RFC 3339 or 7d)");
  return *value;
}

int run_spend(const std::string& config_path, const SpendOptions& options) {
  const config::Config config = load(config_path);
  store::sqlite::Database db(telemetry::records_sqlite_path(config), true);
  tsql::SpendQuery query;
  query.group_by = options.by;
  query.from_s = time_option("--since", options.since);
  query.to_s =
      options.until.empty() ? telemetry::unix_now_s() + 1 : time_option("--until", options.until);
  query.interval = options.interval;
  const auto rows = tsql::query_spend(db, query);
  TablePrinter table(
      {options.by, "period", "requests", "errors", "input tok", "output tok", "cost", "unpriced"},
      {false, false, true, true, true, true, true, true});
  double total = 0;
  for (const auto& row : rows) {
    table.add({row.group.empty() ? "(none)" : row.group,
               query.interval == "total" ? "" : telemetry::iso_time(row.period).substr(0, 16),
               grouped(row.requests), grouped(row.errors), grouped(row.input_tokens),
               grouped(row.output_tokens), dollars(row.cost_usd), grouped(row.unpriced)});
    total += row.cost_usd;
  }
  std::cout << "spend by " << options.by << " from " << telemetry::iso_time(query.from_s) << " to "
            << telemetry::iso_time(query.to_s) << "\n";
  table.print(std::cout);
  if (options.by != "tag") std::cout << "total: " << dollars(total) << "\n";
  return 0;
}

void print_entries(const std::vector<tsql::LogEntry>& entries, bool json, bool header) {
  if (json) {
    for (const auto& entry : entries) {
      std::string line;
      JsonWriter writer(line);
      telemetry::write_record_json(writer, entry);
      std::cout << line << "\n";
    }
    std::cout << std::flush;
    return;
  }
  TablePrinter table({"time", "request", "model", "provider", "status", "in", "out", "cost", "ms",
                      "ttft", "team", "tags", "error"},
                     {false, false, false, false, true, true, true, true, true, true});
  for (const auto& entry : entries) {
    const auto& r = entry.record;
    std::string tags;
    for (const auto& tag : r.tags) tags += (tags.empty() ? "" : ",") + tag;
    table.add({telemetry::iso_time(r.received_us / 1'000'000).substr(11, 8),
               std::string(std::string_view(r.request_id).substr(0, 12)), r.requested_model,
               r.provider, std::to_string(r.status),
               grouped(r.usage.prompt_tokens) + (r.usage_estimated ? "~" : ""),
               grouped(r.usage.completion_tokens) + (r.usage_estimated ? "~" : ""),
               r.cost_usd ? dollars(*r.cost_usd) : "unknown", grouped(r.latency_us / 1000),
               grouped(r.ttft_us / 1000), r.team, tags, r.error_class});
  }
  table.print(std::cout, header);
  std::cout << std::flush;
}

int run_logs(const std::string& config_path, LogsOptions options) {
  const config::Config config = load(config_path);
  store::sqlite::Database db(telemetry::records_sqlite_path(config), true);
  tsql::LogQuery query = options.filters;
  if (!options.status.empty()) query.status = std::stoi(options.status);
  query.limit = options.limit;
  std::vector<tsql::LogEntry> entries = tsql::query_logs(db, query);
  std::reverse(entries.begin(), entries.end());  // oldest first, as a log reads
  print_entries(entries, options.json, true);
  if (!options.tail) return 0;
  int64_t last = entries.empty() ? 0 : entries.back().id;
  query.after_id = last;
  query.limit = 1000;
  for (;;) {  // follows until interrupted, like tail -f
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    query.after_id = last;
    auto fresh = tsql::query_logs(db, query);
    if (fresh.empty()) continue;
    print_entries(fresh, options.json, false);
    last = fresh.back().id;
  }
}

int run_reprice(const std::string& config_path, const std::string& from) {
  const config::Config config = load(config_path);
  store::sqlite::Database db(telemetry::records_sqlite_path(config));
  tsql::migrate(db);
  const auto finisher = telemetry::make_finisher(config);
  const auto result = tsql::reprice_since(db, time_option("--from", from),
                                          [&](telemetry::CallRecord& r) { finisher->price(r); });
  std::cout << "repriced " << grouped(result.records) << " record(s) since "
            << telemetry::iso_time(result.from_hour) << " with prices "
            << finisher->prices().version() << ": " << dollars(result.old_cost) << " -> "
            << dollars(result.new_cost) << "\n";
  return 0;
}

}  // namespace

std::function<int()> add_record_commands(CLI::App& app, std::string& config_path) {
  auto spend = std::make_shared<SpendOptions>();
  auto* spend_cmd = app.add_subcommand("spend", "Spend from the call records, grouped");
  spend_cmd->add_option("-c,--config", config_path, "Config file")->required();
  spend_cmd->add_option("--by", spend->by, "key, user, team, model, provider or tag")
      ->check(CLI::IsMember({"key", "user", "team", "model", "provider", "tag"}));
  spend_cmd->add_option("--since", spend->since, "Start: 7d, 24h, 2026-11-01, ...");
  spend_cmd->add_option("--until", spend->until, "End (default: now)");
  spend_cmd->add_option("--interval", spend->interval, "hour, day or total")
      ->check(CLI::IsMember({"hour", "day", "total"}));

  auto logs = std::make_shared<LogsOptions>();
  auto* logs_cmd = app.add_subcommand("logs", "The newest call records");
  logs_cmd->add_option("-c,--config", config_path, "Config file")->required();
  logs_cmd->add_flag("--tail", logs->tail, "Keep printing new records as they arrive");
  logs_cmd->add_flag("--json", logs->json, "One JSON object per record");
  logs_cmd->add_option("-n,--limit", logs->limit, "How many records first")
      ->check(CLI::Range(1, 1000));
  logs_cmd->add_option("--model", logs->filters.model);
  logs_cmd->add_option("--provider", logs->filters.provider);
  logs_cmd->add_option("--team", logs->filters.team);
  logs_cmd->add_option("--user", logs->filters.user);
  logs_cmd->add_option("--tag", logs->filters.tag);
  logs_cmd->add_option("--status", logs->status)->check(CLI::Range(100, 599));

  auto from = std::make_shared<std::string>();
  auto* reprice_cmd =
      app.add_subcommand("reprice", "Recompute recorded costs under the current price table");
  reprice_cmd->add_option("-c,--config", config_path, "Config file")->required();
  reprice_cmd->add_option("--from", *from, "First day to reprice (2026-11-01)")->required();

  return [=, &config_path]() -> int {
    try {
      if (*spend_cmd) return run_spend(config_path, *spend);
      if (*logs_cmd) return run_logs(config_path, *logs);
      if (*reprice_cmd) return run_reprice(config_path, *from);
    } catch (const std::exception& e) {
      std::cerr << "sluice: " << e.what() << "\n";
      return 1;
    }
    return -1;
  };
}

}  // namespace sluice::cli
