// The query string of an admin request, decoded, with strict checks: an unknown or repeated
// parameter is an error that names it.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/gateway_error.h"

namespace sluice::api::admin {

class QueryParams {
 public:
  // Parses the query of `target` ("/path?a=1&b=x%20y"); fails on a parameter not in `known`.
  static std::optional<GatewayError> parse(std::string_view target,
                                           std::initializer_list<std::string_view> known,
                                           QueryParams& out);

  // The value, or "" when absent.
  std::string get(std::string_view name) const;
  bool has(std::string_view name) const { return values_.count(name) != 0; }

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

// A 400 naming the parameter at fault.
GatewayError bad_param(std::string_view name, std::string_view why);

}  // namespace sluice::api::admin
