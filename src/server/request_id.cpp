#include "server/request_id.h"

#include <random>

namespace sluice::server {
namespace {

bool is_sane(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string request_id_for(std::string_view supplied) {
  if (is_sane(supplied)) return std::string(supplied);
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = "req_";
  id.resize(4 + 24);
  const uint64_t a = rng(), b = rng();
  for (int i = 0; i < 16; ++i) id[4 + i] = kHex[(a >> (i * 4)) & 0xf];
  for (int i = 0; i < 8; ++i) id[20 + i] = kHex[(b >> (i * 4)) & 0xf];
  return id;
}

}  // namespace sluice::server
