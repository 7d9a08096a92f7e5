#include "upstream/connection_pool.h"

namespace sluice::upstream {
namespace {
// Providers close idle keep-alive connections after a while; reusing one they may already have
// closed costs a failed write and a retry, so connections idle longer than this are dropped.
constexpr auto kMaxIdle = std::chrono::seconds(30);
// Bound on idle connections kept per origin per worker.
constexpr std::size_t kMaxIdlePerOrigin = 512;
}  // namespace

std::unique_ptr<UpstreamConnection> ConnectionPool::take_idle(const UpstreamTarget& target) {
  auto it = idle_.find(target.pool_key);
  if (it == idle_.end()) return nullptr;
  auto& stack = it->second;
  const auto now = std::chrono::steady_clock::now();
  while (!stack.empty()) {
    auto connection = std::move(stack.back());
    stack.pop_back();
    if (now - connection->idle_since < kMaxIdle) return connection;
    connection->close();
  }
  return nullptr;
}

std::unique_ptr<UpstreamConnection> ConnectionPool::make_new(const UpstreamTarget& target) {
  return std::make_unique<UpstreamConnection>(executor_, target);
}

void ConnectionPool::give_back(const UpstreamTarget& target,
                               std::unique_ptr<UpstreamConnection> connection) {
  auto& stack = idle_[target.pool_key];
  if (stack.size() >= kMaxIdlePerOrigin) {
    connection->close();
    return;
  }
  connection->idle_since = std::chrono::steady_clock::now();
  stack.push_back(std::move(connection));
}

void ConnectionPool::clear() {
  for (auto& [key, stack] : idle_) {
    for (auto& connection : stack) connection->close();
  }
  idle_.clear();
}

std::size_t ConnectionPool::idle_count() const {
  std::size_t count = 0;
  for (const auto& [key, stack] : idle_) count += stack.size();
  return count;
}

}  // namespace sluice::upstream
