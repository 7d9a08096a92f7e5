#include "providers/error_body.h"

#include "core/json_reader.h"

namespace sluice::providers {

std::string readable_error_body(std::string_view body) {
  constexpr std::size_t kMax = 500;
  body = json::trim(body);
  return std::string(body.substr(0, kMax)) + (body.size() > kMax ? "..." : "");
}

}  // namespace sluice::providers
