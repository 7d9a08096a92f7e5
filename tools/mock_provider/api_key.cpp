#include "api_key.h"

namespace mock {

bool authorized(const Request& req, const std::string& key) {
  if (key.empty()) return true;
  std::string_view auth = req[boost::beast::http::field::authorization];
  if (auth.starts_with("Bearer ") && auth.substr(7) == key) return true;
  return req["x-api-key"] == key;
}

bool authorized_azure(const Request& req, const std::string& key) {
  return key.empty() || req["api-key"] == key;
}

}  // namespace mock
