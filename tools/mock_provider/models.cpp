#include "models.h"

#include "json_writer.h"

namespace mock {

namespace {

// Fixed ids: the names tests and example configs use as upstream models.
constexpr std::string_view kModelIds[] = {"gpt-4o-mini", "gpt-4o", "text-embedding-3-small",
                                          "mock-model"};

}  // namespace

void append_model(std::string& out, std::string_view id) {
  out.append(R"({"id":)");
  append_json_string(out, id);
  out.append(R"(,"object":"model","created":1700000000,"owned_by":"mock"})");
}

void append_models_list(std::string& out) {
  out.append(R"({"object":"list","data":[)");
  bool first = true;
  for (std::string_view id : kModelIds) {
    if (!first) out.push_back(',');
    first = false;
    append_model(out, id);
  }
  out.append("]}");
}

}  // namespace mock
