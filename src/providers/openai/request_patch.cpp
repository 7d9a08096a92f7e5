#include "providers/openai/request_patch.h"

#include "core/json_escape.h"
#include "core/json_patch.h"

namespace sluice::providers::openai {

namespace {

void add_model_edit(std::vector<JsonEdit>& edits, const RequestView& view,
                    std::string_view upstream_model) {
  if (upstream_model == view.model) return;
  std::string quoted;
  append_json_string(quoted, upstream_model);
  edits.push_back({view.model_value.offset, view.model_value.length, std::move(quoted)});
}

}  // namespace

std::string replace_model(std::string_view body, const RequestView& view,
                          std::string_view upstream_model) {
  std::vector<JsonEdit> edits;
  add_model_edit(edits, view, upstream_model);
  return edits.empty() ? std::string(body) : apply_edits(body, std::move(edits));
}

PatchedBody patch_request(std::string_view body, const RequestView& view,
                          std::string_view upstream_model) {
  std::vector<JsonEdit> edits;
  add_model_edit(edits, view, upstream_model);
  PatchedBody out;
  if (view.stream && !view.include_usage) {
    // The gateway records usage for every call, so it asks the provider for it and removes the
    // extra chunk from the caller's stream afterwards.
    out.injected_usage = true;
    if (view.has_include_usage) {
      edits.push_back({view.include_usage_value.offset, view.include_usage_value.length, "true"});
    } else if (view.has_stream_options) {
      edits.push_back(
          {view.stream_options_value.offset + 1, 0,
           view.stream_options_empty ? R"("include_usage":true)" : R"("include_usage":true,)"});
    } else if (view.stream_options_null) {
      edits.push_back({view.stream_options_value.offset, view.stream_options_value.length,
                       R"({"include_usage":true})"});
    } else {
      edits.push_back({view.object_end, 0, R"(,"stream_options":{"include_usage":true})"});
    }
  }
  out.body = edits.empty() ? std::string(body) : apply_edits(body, std::move(edits));
  return out;
}

}  // namespace sluice::providers::openai
