// Runs blocking work (a SQLite query) on the gateway's admin thread pool and resumes the
// calling coroutine on its own worker when done: the worker's event loop never waits on disk.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <utility>

#include "util/async.h"

namespace sluice::api::admin {

// Calls `work` inside a coroutine that owns it (a plain function: g++ 12 destroys the captures
// of a coroutine lambda twice).
template <class Work>
auto call_owned(Work work) -> boost::asio::awaitable<decltype(work())> {
  co_return work();
}

// `work` runs on `pool`; its exception, if any, is rethrown here.
template <class Work>
auto run_blocking(boost::asio::thread_pool& pool, Work work) -> Awaitable<decltype(work())> {
  auto task = call_owned(std::move(work));  // a coroutine of the pool's (type-erased) executor
  auto on_pool = boost::asio::co_spawn(pool.get_executor(), std::move(task), use_awaitable);
  auto result = co_await std::move(on_pool);
  co_return result;
}

}  // namespace sluice::api::admin
