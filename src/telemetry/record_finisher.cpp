#include "telemetry/record_finisher.h"

#include <simdjson.h>

#include "telemetry/answer_text.h"
#include "telemetry/pricing/call_cost.h"
#include "telemetry/tokenizer/prompt_tokens.h"
#include "telemetry/tokenizer/tokenizers.h"

namespace sluice::telemetry {

namespace {

void truncate_to(std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return;
  std::size_t cut = max_bytes;
  // Never split a UTF-8 sequence: back up to the start of the character that crosses the cut.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
}

}  // namespace

RecordFinisher::RecordFinisher(const config::Config& config, PriceTable prices,
                               std::shared_ptr<const Tokenizers> tokenizers)
    : config_(config), prices_(std::move(prices)), tokenizers_(std::move(tokenizers)) {
  for (const auto& model : config.models) {
    for (const auto& deployment : model.deployments)
      deployments_.try_emplace(deployment.id, &deployment);
  }
}

void RecordFinisher::finish(CallRecord& record) const {
  // The body's metadata was checked to be an object when the endpoint parsed the body; it is
  // parsed again only to look for an end user, or when it came from a header.
  if (!record.metadata_json.empty() && (!record.metadata_is_object || record.end_user.empty()))
    read_metadata(record);
  std::string answer;
  const bool estimate = !record.usage.present && record.status == 200;
  if (estimate || config_.telemetry.capture)
    answer = answer_text(record.answer_form, record.answer);
  if (estimate) estimate_usage(record, answer);
  if (config_.telemetry.capture) {
    record.prompt = std::move(record.request_body);
    truncate_to(record.prompt, config_.telemetry.capture_max_bytes);
    record.completion = std::move(answer);
    truncate_to(record.completion, config_.telemetry.capture_max_bytes);
  }
  record.request_body.clear();
  record.request_body.shrink_to_fit();
  record.answer.clear();
  record.answer.shrink_to_fit();
  price(record);
}

void RecordFinisher::read_metadata(CallRecord& record) const {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::object metadata;
  if (parser.parse(record.metadata_json).get(metadata) != simdjson::SUCCESS) {
    record.metadata_json.clear();  // no JSON object: not worth keeping
    return;
  }
  std::string_view user_id;  // Anthropic's end user
  if (record.end_user.empty() && metadata["user_id"].get_string().get(user_id) == 0) {
    record.end_user.assign(user_id.substr(0, 256));
  }
}

void RecordFinisher::estimate_usage(CallRecord& record, const std::string& answer) const {
  if (!tokenizers_ || record.request_body.empty()) return;
  const std::string& model =
      record.upstream_model.empty() ? record.requested_model : record.upstream_model;
  const BpeTokenizer& tokenizer = tokenizers_->for_model(model);
  Usage usage;
  usage.present = true;
  if (record.endpoint == "/v1/embeddings") {
    usage.prompt_tokens = count_embedding_input_tokens(tokenizer, record.request_body);
  } else {
    usage.prompt_tokens = count_chat_prompt_tokens(tokenizer, record.request_body);
    usage.completion_tokens = static_cast<int64_t>(tokenizer.count(answer));
  }
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  record.usage = usage;
  record.usage_estimated = true;
}

void RecordFinisher::price(CallRecord& record) const {
  record.cost_usd.reset();
  record.price_version = prices_.version();
  // A call that reached no provider, or failed there without usage, was not billed.
  if (record.provider_type.empty() || (!record.usage.present && record.status != 200)) {
    record.cost_usd = 0.0;
    return;
  }
  if (!record.usage.present) return;  // answered, usage unknown: the cost is unknown
  LastLookup& last = last_;
  if (!last.valid || last.deployment != record.deployment ||
      last.provider_type != record.provider_type || last.model != record.upstream_model) {
    const auto found = deployments_.find(record.deployment);
    last.deployment_config = found == deployments_.end() ? nullptr : found->second;
    last.listed = prices_.find(record.provider_type, record.upstream_model);
    last.deployment = record.deployment;
    last.provider_type = record.provider_type;
    last.model = record.upstream_model;
    last.valid = true;
  }
  record.cost_usd = call_cost_usd(last.listed, last.deployment_config, record.usage, false);
}

}  // namespace sluice::telemetry
