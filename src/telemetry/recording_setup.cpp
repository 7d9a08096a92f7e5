#include "telemetry/recording_setup.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <stdexcept>

#include "store/sqlite/database.h"
#include "telemetry/tokenizer/tokenizers.h"

namespace sluice::telemetry {

std::string records_sqlite_path(const config::Config& config) {
  std::string path = store::sqlite::sqlite_path_of(config.storage.url);
  if (path.empty()) {
    throw std::runtime_error(
        "storage.url: call records are kept in SQLite only in this version (sqlite://FILE); "
        "set telemetry.enabled: false to serve without records");
  }
  return path;
}

PriceTable load_prices(const config::Config& config) {
  const std::string path =
      config.telemetry.prices_file.empty() ? default_prices_file() : config.telemetry.prices_file;
  if (path.empty()) {
    throw std::runtime_error(
        "no price table found (data/prices.yaml beside the binary or in the working "
        "directory): set telemetry.prices_file");
  }
  auto table = PriceTable::load(path);
  if (!table) throw std::runtime_error(table.error().message);
  return std::move(*table);
}

std::shared_ptr<const RecordFinisher> make_finisher(const config::Config& config) {
  const auto started = std::chrono::steady_clock::now();
  const std::string dir = config.telemetry.tokenizer_dir.empty() ? default_tokenizer_dir()
                                                                 : config.telemetry.tokenizer_dir;
  if (dir.empty()) {
    throw std::runtime_error(
        "no tokenizer vocabularies found (data/tokenizers/node_modules/js-tiktoken: run "
        "scripts/install-deps.sh): set telemetry.tokenizer_dir");
  }
  auto tokenizers = Tokenizers::load(dir);
  if (!tokenizers) throw std::runtime_error(tokenizers.error().message);
  auto shared = std::make_shared<const Tokenizers>(std::move(*tokenizers));
  PriceTable prices = load_prices(config);
  const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - started;
  spdlog::info("call records: prices {} and tokenizers loaded in {:.0f} ms", prices.version(),
               took.count());
  return std::make_shared<const RecordFinisher>(config, std::move(prices), std::move(shared));
}

std::unique_ptr<Recorder> start_recording(const config::Config& config, CallMetrics& metrics) {
  if (!config.telemetry.enabled) return nullptr;
  const std::string path = records_sqlite_path(config);
  std::shared_ptr<const RecordFinisher> finisher = make_finisher(config);
  return std::make_unique<Recorder>(
      config.telemetry, path, [finisher](CallRecord& record) { finisher->finish(record); },
      metrics);
}

}  // namespace sluice::telemetry
