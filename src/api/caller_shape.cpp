#include "api/caller_shape.h"

#include "providers/anthropic/inbound/event_writer.h"
#include "providers/anthropic/inbound/message_writer.h"
#include "providers/openai/chat_writer.h"

namespace sluice::api {
namespace {

namespace oai = providers::openai;
namespace inbound = providers::anthropic::inbound;

class OpenAiStreamWriter : public CallerStreamWriter {
 public:
  OpenAiStreamWriter(std::string id, std::string model, int64_t created, bool include_usage)
      : writer_(std::move(id), std::move(model), created, include_usage) {}
  void write(const StreamEvent& event, std::string& out) override { writer_.write(event, out); }
  void end(std::string& out) override { out += writer_.done(); }

 private:
  oai::OpenAiChunkWriter writer_;
};

class AnthropicStreamWriter : public CallerStreamWriter {
 public:
  AnthropicStreamWriter(std::string id, std::string model)
      : writer_(std::move(id), std::move(model)) {}
  void write(const StreamEvent& event, std::string& out) override { writer_.write(event, out); }
  void end(std::string& out) override { writer_.end(out); }

 private:
  inbound::AnthropicEventWriter writer_;
};

std::string openai_error_event(const GatewayError& error) {
  return "data: " + error.to_openai_json() + "\n\n";
}

std::string anthropic_error_event(const GatewayError& error) {
  return "event: error\ndata: " + inbound::write_error(error) + "\n\n";
}

const CallerShape kOpenAi{
    [](const ChatResponse& response) { return oai::write_chat_completion(response); },
    [](std::string id, std::string model, int64_t created,
       bool include_usage) -> std::unique_ptr<CallerStreamWriter> {
      return std::make_unique<OpenAiStreamWriter>("chatcmpl-" + id, std::move(model), created,
                                                  include_usage);
    },
    &openai_error_event,
};

const CallerShape kAnthropic{
    [](const ChatResponse& response) { return inbound::write_message(response, response.model); },
    [](std::string id, std::string model, int64_t, bool) -> std::unique_ptr<CallerStreamWriter> {
      return std::make_unique<AnthropicStreamWriter>(std::move(id), std::move(model));
    },
    &anthropic_error_event,
};

}  // namespace

const CallerShape& openai_caller_shape() { return kOpenAi; }
const CallerShape& anthropic_caller_shape() { return kAnthropic; }

}  // namespace sluice::api
