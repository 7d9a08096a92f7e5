// RecordFinisher: completes a call record on the writer thread, where it may take its time:
// reads the caller's metadata from the body, counts tokens when the provider reported no usage
// (marking the record usage_estimated), captures prompt and completion when configured, and
// prices the call with the price table and the deployment's overrides.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "config/config.h"
#include "telemetry/call_record.h"
#include "telemetry/pricing/price_table.h"

namespace sluice::telemetry {

class Tokenizers;

class RecordFinisher {
 public:
  // `tokenizers` may be null (no estimates: usage stays absent). `config` outlives this.
  RecordFinisher(const config::Config& config, PriceTable prices,
                 std::shared_ptr<const Tokenizers> tokenizers);

  void finish(CallRecord& record) const;
  // Prices a record from its stored usage (also used by `sluice reprice`).
  void price(CallRecord& record) const;

  const PriceTable& prices() const { return prices_; }

 private:
  // Keeps the metadata only if it is a JSON object; takes the end user from its user_id.
  void read_metadata(CallRecord& record) const;
  void estimate_usage(CallRecord& record, const std::string& answer) const;

  const config::Config& config_;
  PriceTable prices_;
  std::shared_ptr<const Tokenizers> tokenizers_;
  // Deployment id -> its config, for per-deployment price overrides.
  std::map<std::string, const config::DeploymentConfig*, std::less<>> deployments_;

  // The prices found for the last record priced: a batch's records mostly share their
  // deployment and model, so the map and table are searched once per change. Not thread-safe:
  // one finisher prices on one thread (the writer, or `sluice reprice`).
  struct LastLookup {
    bool valid = false;
    std::string deployment, provider_type, model;
    const config::DeploymentConfig* deployment_config = nullptr;
    const ModelPrice* listed = nullptr;
  };
  mutable LastLookup last_;
};

}  // namespace sluice::telemetry
