// What every admin query of the call records shares: the admin gate and the 404 while records
// are off before it, and after it the query run on a read-only connection on the admin pool
// (never on the worker's event loop), answered with its JSON or a 500 saying what failed.
#pragma once

#include <exception>
#include <optional>
#include <string>
#include <utility>

#include "api/admin/blocking_call.h"
#include "api/client_connection.h"
#include "api/gateway.h"
#include "store/sqlite/database.h"
#include "util/async.h"

namespace sluice::api::admin {

// True when the caller may query the records; otherwise the refusal (401/403, or 404 while
// records are off) has been sent.
Awaitable<bool> admit_records_query(RequestContext& ctx);

// Sends the JSON `answer(db)` returns for a read-only connection to the records; `what` names
// the query in the error if it fails ("spend", "log"). Pass `answer` as a named callable: g++ 12
// mishandles non-trivial temporaries inside co_await.
template <class Answer>
Awaitable<void> answer_from_records(RequestContext& ctx, const char* what, Answer answer) {
  std::string body;
  std::optional<GatewayError> failed;
  try {
    auto work = [path = ctx.gateway.records_path, answer = std::move(answer)] {
      store::sqlite::Database db(path, true);
      return answer(db);
    };
    body = co_await run_blocking(*ctx.gateway.admin_pool, std::move(work));
  } catch (const std::exception& e) {
    failed = GatewayError{ErrorClass::internal, std::string(what) + " query failed: " + e.what()};
  }
  if (failed) {
    co_await ctx.client.send_error(*failed);
    co_return;
  }
  co_await ctx.client.send(200, "application/json", std::move(body));
}

}  // namespace sluice::api::admin
