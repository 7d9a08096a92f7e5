#include "telemetry/sqlite/record_details.h"

#include "core/json_reader.h"
#include "core/json_writer.h"

namespace sluice::telemetry::sqlite {

std::string details_json(const CallRecord& r) {
  const bool any = !r.end_user.empty() || !r.metadata_json.empty() || !r.error_message.empty() ||
                   r.usage_estimated || r.cache_hit || !r.prompt.empty() || !r.completion.empty();
  if (!any) return {};
  std::string out;
  JsonWriter json(out);
  json.begin_object();
  if (!r.end_user.empty()) json.field("end_user", r.end_user);
  // The metadata was checked to be a JSON object before it is written (RecordFinisher).
  if (!r.metadata_json.empty()) json.key("metadata").raw(r.metadata_json);
  if (!r.error_message.empty()) json.field("error_message", r.error_message);
  if (r.usage_estimated) json.key("usage_estimated").boolean(true);
  if (r.cache_hit) json.key("cache_hit").boolean(true);
  if (!r.prompt.empty()) json.field("prompt", r.prompt);
  if (!r.completion.empty()) json.field("completion", r.completion);
  json.end_object();
  return out;
}

bool same_details(const CallRecord& a, const CallRecord& b) {
  return a.end_user == b.end_user && a.metadata_json == b.metadata_json &&
         a.error_message == b.error_message && a.usage_estimated == b.usage_estimated &&
         a.cache_hit == b.cache_hit && a.prompt == b.prompt && a.completion == b.completion;
}

namespace {

void assign_string(json::od::value value, std::string& out) {
  std::string_view text;
  if (value.get_string().get(text) == simdjson::SUCCESS) out.assign(text);
}

void assign_bool(json::od::value value, bool& out) {
  bool flag = false;
  if (value.get_bool().get(flag) == simdjson::SUCCESS) out = flag;
}

}  // namespace

void read_details(std::string_view text, CallRecord& r) {
  if (text.empty()) return;
  thread_local json::JsonInput input;
  json::od::document doc;
  json::od::object object;
  if (input.open(text, doc) != simdjson::SUCCESS || doc.get_object().get(object)) return;
  for (auto field : object) {
    std::string_view key;
    json::od::value value;
    if (field.unescaped_key().get(key) || field.value().get(value)) return;
    if (key == "end_user") {
      assign_string(value, r.end_user);
    } else if (key == "metadata") {
      std::string_view raw;
      if (json::raw_json(value, raw) == simdjson::SUCCESS) r.metadata_json.assign(raw);
    } else if (key == "error_message") {
      assign_string(value, r.error_message);
    } else if (key == "usage_estimated") {
      assign_bool(value, r.usage_estimated);
    } else if (key == "cache_hit") {
      assign_bool(value, r.cache_hit);
    } else if (key == "prompt") {
      assign_string(value, r.prompt);
    } else if (key == "completion") {
      assign_string(value, r.completion);
    }
  }
}

std::string_view details_of_v2_row() {
  // json_remove drops the fields a row leaves empty ('$._' removes nothing); {} becomes NULL.
  return R"sql(NULLIF(json_remove(json_object(
    'end_user', end_user,
    'metadata', CASE WHEN json_valid(metadata) THEN json(metadata) END,
    'error_message', error_message,
    'usage_estimated', json(CASE WHEN usage_estimated THEN 'true' ELSE 'false' END),
    'cache_hit', json(CASE WHEN cache_hit THEN 'true' ELSE 'false' END),
    'prompt', prompt,
    'completion', completion),
  CASE WHEN end_user = '' THEN '$.end_user' ELSE '$._' END,
  CASE WHEN json_valid(metadata) THEN '$._' ELSE '$.metadata' END,
  CASE WHEN error_message = '' THEN '$.error_message' ELSE '$._' END,
  CASE WHEN usage_estimated THEN '$._' ELSE '$.usage_estimated' END,
  CASE WHEN cache_hit THEN '$._' ELSE '$.cache_hit' END,
  CASE WHEN COALESCE(prompt, '') = '' THEN '$.prompt' ELSE '$._' END,
  CASE WHEN COALESCE(completion, '') = '' THEN '$.completion' ELSE '$._' END), '{}'))sql";
}

}  // namespace sluice::telemetry::sqlite
