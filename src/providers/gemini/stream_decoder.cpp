#include "providers/gemini/stream_decoder.h"

#include "providers/gemini/classify_error.h"
#include "providers/gemini/decode.h"

namespace sluice::providers::gemini {
namespace {

StreamEvent event_of(StreamEvent::Kind kind) {
  StreamEvent event;
  event.kind = kind;
  return event;
}

StreamEvent text_event(StreamEvent::Kind kind, std::string_view text, int index = 0) {
  StreamEvent event = event_of(kind);
  event.text = text;
  event.index = index;
  return event;
}

}  // namespace

GeminiStreamDecoder::GeminiStreamDecoder(std::string provider) : provider_(std::move(provider)) {}

void GeminiStreamDecoder::fail(GatewayError error, std::vector<StreamEvent>& out) {
  failed_ = true;
  StreamEvent event = event_of(StreamEvent::Kind::error);
  event.error = std::move(error);
  out.push_back(std::move(event));
}

void GeminiStreamDecoder::on_event(std::string_view, std::string_view data,
                                   std::vector<StreamEvent>& out) {
  if (failed_) return;
  if (json::trim(data).empty()) return;  // keep-alive comments frame as empty events
  simdjson::error_code err = simdjson::SUCCESS;
  try {
    json::od::document doc;
    json::od::object root;
    chunk_ = WireResponse{};
    err = input_.open(data, doc);
    if (!err) err = doc.get_object().get(root);
    if (!err) err = read_response(root, chunk_);
  } catch (const std::exception&) {
    err = simdjson::TAPE_ERROR;
  }
  if (err) {
    fail(GatewayError{ErrorClass::server, "provider '" + provider_ +
                                              "' sent a stream chunk the gateway could not read"},
         out);
    return;
  }
  if (chunk_.is_error) {
    fail(stream_error(provider_, chunk_.error_code, chunk_.error_status, chunk_.error_message),
         out);
    return;
  }
  apply(chunk_, out);
}

void GeminiStreamDecoder::apply(const WireResponse& chunk, std::vector<StreamEvent>& out) {
  using Kind = StreamEvent::Kind;
  if (!started_) {
    started_ = true;
    StreamEvent start = event_of(Kind::start);
    start.id = chunk.id;
    start.model = chunk.model;
    out.push_back(std::move(start));
  }
  if (chunk.usage.present) usage_ = chunk.usage;
  if (finished_) return;  // nothing after the finish reason but usage
  for (const WirePart& part : chunk.parts) {
    if (part.kind == WirePart::Kind::text && !part.text.empty()) {
      out.push_back(text_event(Kind::text_delta, part.text));
    } else if (part.kind == WirePart::Kind::thought && !part.text.empty()) {
      out.push_back(text_event(Kind::reasoning_delta, part.text));
    } else if (part.kind == WirePart::Kind::function_call) {
      StreamEvent start = event_of(Kind::tool_call_start);
      start.index = calls_;
      start.id = part.id.empty() ? tool_call_id(calls_) : std::string(part.id);
      start.name = part.name;
      out.push_back(std::move(start));
      out.push_back(
          text_event(Kind::tool_call_delta, part.args.empty() ? "{}" : part.args, calls_));
      ++calls_;
    }
  }
  const bool blocked = !chunk.has_candidate && !chunk.block_reason.empty();
  if (chunk.finish_reason.empty() && !blocked) return;
  finished_ = true;
  StreamEvent finish = event_of(Kind::finish);
  finish.finish_reason =
      blocked ? "content_filter" : finish_reason_for(chunk.finish_reason, calls_ > 0);
  out.push_back(std::move(finish));
}

void GeminiStreamDecoder::finish(std::vector<StreamEvent>& out) {
  if (failed_) return;
  if (!finished_) {
    fail(GatewayError{ErrorClass::server, "provider '" + provider_ +
                                              "' closed the stream before a finishReason "
                                              "(truncated)"},
         out);
    return;
  }
  StreamEvent usage = event_of(StreamEvent::Kind::usage);
  usage.usage = to_usage(usage_);
  out.push_back(std::move(usage));
}

}  // namespace sluice::providers::gemini
