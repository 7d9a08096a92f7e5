// Gemini streamGenerateContent (alt=sse) chunks -> canonical stream events. Every `data:` is a
// whole GenerateContentResponse holding the new parts; the last one has the finishReason and
// the final usageMetadata.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/json_reader.h"
#include "providers/adapter.h"
#include "providers/gemini/response.h"

namespace sluice::providers::gemini {

// One decoder per attempt. A functionCall arrives whole in one chunk: it becomes a tool call
// start and one delta with all its arguments. The finish event follows the chunk with a
// finishReason; usage (the latest usageMetadata) is sent when the upstream closes.
class GeminiStreamDecoder : public StreamDecoder {
 public:
  explicit GeminiStreamDecoder(std::string provider = "gemini");

  void on_event(std::string_view event, std::string_view data,
                std::vector<StreamEvent>& out) override;
  void finish(std::vector<StreamEvent>& out) override;

 private:
  void apply(const WireResponse& chunk, std::vector<StreamEvent>& out);
  void fail(GatewayError error, std::vector<StreamEvent>& out);

  std::string provider_;
  json::JsonInput input_;
  WireResponse chunk_;
  WireUsage usage_;
  int calls_ = 0;
  bool started_ = false;
  bool finished_ = false;  // a finishReason (or a prompt block) was seen
  bool failed_ = false;    // an error event was sent
};

}  // namespace sluice::providers::gemini
