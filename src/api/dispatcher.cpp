#include "api/dispatcher.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/beast/core/string.hpp>
#include <charconv>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "api/call_recording.h"
#include "api/client_connection.h"
#include "api/openai/model_resolution.h"
#include "routing/retry_policy.h"
#include "util/async.h"

namespace sluice::api {
namespace asio = boost::asio;

namespace {

using Clock = std::chrono::steady_clock;

uint64_t random64() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return engine();
}

void set_route_headers(ClientConnection& client, const routing::Route& route, unsigned attempts) {
  client.clear_added_headers();
  client.add_header("x-sluice-provider", route.provider->name);
  client.add_header("x-sluice-deployment", route.deployment_id);
  client.add_header("x-sluice-attempts", std::to_string(attempts));
}

// Feeds an attempt's outcome to the deployment's health (breaker, cooldown, latency).
void record(routing::DeploymentHealth& health, const AttemptOutcome& outcome) {
  const auto now = Clock::now();
  if (!outcome.failure) {
    health.on_success(outcome.head_latency, now);
  } else if (routing::is_deployment_fault(outcome.failure->cls)) {
    health.on_failure(now, routing::requested_cooldown(*outcome.failure));
  } else {
    health.on_abandoned();
  }
}

// Per-request overrides, honoured only when the model allows them (allow_overrides).
struct Overrides {
  std::optional<std::vector<std::string>> fallbacks;  // x-sluice-fallbacks: a, b
  std::optional<unsigned> timeout_ms;                 // x-sluice-timeout-ms
  std::string deployment;                             // x-sluice-deployment: pin by id
};

Overrides read_overrides(const RequestContext& ctx) {
  Overrides out;
  const auto fallbacks = ctx.headers["x-sluice-fallbacks"];
  if (!fallbacks.empty()) {
    out.fallbacks.emplace();
    std::string_view rest(fallbacks.data(), fallbacks.size());
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      if (!item.empty()) out.fallbacks->emplace_back(item);
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
  }
  const auto timeout = ctx.headers["x-sluice-timeout-ms"];
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(timeout.data(), timeout.data() + timeout.size(), value);
  if (!timeout.empty() && ec == std::errc{} && end == timeout.data() + timeout.size() &&
      value > 0) {
    out.timeout_ms = value;
  }
  const auto pinned = ctx.headers["x-sluice-deployment"];
  out.deployment.assign(pinned.data(), pinned.size());
  return out;
}

// The fallback list that applies after `failure` on the requested model.
const std::vector<std::string>& fallback_list(const config::ModelConfig& model,
                                              const std::optional<GatewayError>& failure,
                                              const Overrides& overrides) {
  static const std::vector<std::string> kNone;
  if (failure && failure->cls == ErrorClass::content_filter) return model.content_filter_fallbacks;
  if (failure && failure->cls == ErrorClass::context_length) return model.context_length_fallbacks;
  if (failure && !routing::is_retryable(failure->cls, model.retry)) return kNone;
  if (overrides.fallbacks) return *overrides.fallbacks;
  return model.fallbacks;
}

Awaitable<void> wait_for(std::chrono::milliseconds delay) {
  if (delay.count() <= 0) co_return;
  SteadyTimer timer(co_await asio::this_coro::executor, delay);
  boost::system::error_code ec;
  co_await timer.async_wait(asio::redirect_error(use_awaitable, ec));
}

// One attempt at a "provider/model" name: no group, no retries.
Awaitable<void> dispatch_direct(RequestContext& ctx, std::string_view model,
                                const AttemptFn& attempt) {
  auto route = openai::resolve_model(ctx, model);
  if (!route) {
    co_await ctx.client.send_error(route.error());
    co_return;
  }
  set_route_headers(ctx.client, *route, 1);
  const DeferPolicy none;
  const auto began = Clock::now();
  const AttemptOutcome outcome = co_await attempt(*route, none);
  record_attempt(ctx, *route, outcome, Clock::now() - began);
}

// What one request's attempts have found so far, across its model and fallbacks.
struct DispatchState {
  TraitsFn read_traits = nullptr;
  std::optional<routing::RequestTraits> traits;  // read on first need
  Clock::time_point deadline;
  unsigned attempts = 0;             // every attempt, for x-sluice-attempts
  std::optional<GatewayError> last;  // the last failure, not yet answered
  bool any_fitting = false;          // some deployment could serve the request
};

// Tries one model's deployments: strategy order, up to the model's retry.max_attempts (a
// deployment may be tried again in a later pass, after backoff, while its health admits it).
// Returns true once the caller has an answer. `forced` ignores breakers and cooldowns.
Awaitable<bool> try_group(RequestContext& ctx, routing::ModelGroup& group,
                          const config::ModelConfig& requested, const AttemptFn& attempt,
                          const std::string& pinned, bool more_models, bool forced,
                          DispatchState& state) {
  const config::RetryConfig& retry = group.config->retry;
  static const routing::RequestTraits kNoTraits;
  if (group.uses_traits && !state.traits) state.traits = state.read_traits(ctx.body);
  const routing::RequestTraits& traits = group.uses_traits ? *state.traits : kNoTraits;
  unsigned group_attempts = 0;
  // One clock reading serves every check until something waits (a backoff or an attempt).
  auto now = Clock::now();
  while (group_attempts < retry.max_attempts && now < state.deadline) {
    auto order = routing::rank_deployments(group, traits, random64(), now);
    if (!pinned.empty()) {
      std::erase_if(order, [&](std::size_t i) { return group.routes[i].deployment_id != pinned; });
    }
    state.any_fitting = state.any_fitting || !order.empty();
    bool tried = false;
    for (std::size_t index : order) {
      if (group_attempts >= retry.max_attempts || now >= state.deadline) break;
      routing::DeploymentHealth& health = *group.health[index];
      if (!health.admit(now) && !forced) continue;
      if (state.attempts > 0) {
        const auto delay = routing::backoff_delay(state.attempts, retry, random64());
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(state.deadline - now);
        co_await wait_for(std::min(delay, left));
        now = Clock::now();
      }
      ++state.attempts;
      ++group_attempts;
      tried = true;
      DeferPolicy defer;
      if (group_attempts < retry.max_attempts || more_models) {
        defer.retry = &retry;
        defer.content_filter = !requested.content_filter_fallbacks.empty();
        defer.context_length = !requested.context_length_fallbacks.empty();
      }
      const routing::Route& route = group.routes[index];
      set_route_headers(ctx.client, route, state.attempts);
      health.begin_request();
      const auto began = now;
      const AttemptOutcome outcome = co_await attempt(route, defer);
      now = Clock::now();
      health.end_request();
      record_attempt(ctx, route, outcome, now - began);
      record(health, outcome);
      if (outcome.sent) co_return true;
      state.last = outcome.failure;
      if (!state.last || !routing::is_retryable(state.last->cls, retry)) co_return false;
    }
    if (!tried || forced) break;  // nothing admitted now; the last resort tries once
  }
  co_return false;
}

}  // namespace

Awaitable<void> dispatch_to_model(RequestContext& ctx, std::string_view model, TraitsFn read_traits,
                                  const AttemptFn& attempt) {
  routing::ModelGroup* const requested = ctx.gateway.models.group(model);
  if (requested == nullptr) {
    co_await dispatch_direct(ctx, model, attempt);
    co_return;
  }
  const config::ModelConfig& config = *requested->config;
  Overrides overrides;
  if (config.allow_overrides) overrides = read_overrides(ctx);
  DispatchState state;
  state.read_traits = read_traits;
  state.deadline =
      ctx.received + std::chrono::milliseconds(overrides.timeout_ms.value_or(config.timeout_ms));
  ctx.deadline = state.deadline;
  const std::string no_pin;

  // Pass 0 respects breakers and cooldowns. When it found nothing to try at all, pass 1 tries
  // the requested model anyway: with every option cooling down, one attempt beats a certain
  // error.
  for (int pass = 0; pass < 2 && state.attempts == 0 && !state.last; ++pass) {
    const bool forced = pass == 1;
    std::vector<const routing::ModelGroup*> tried{requested};
    routing::ModelGroup* group = requested;
    std::size_t next_fallback = 0;
    while (group != nullptr && Clock::now() < state.deadline) {
      const std::string& pinned = group == requested ? overrides.deployment : no_pin;
      const std::size_t fallback_count =
          (overrides.fallbacks ? overrides.fallbacks->size() : config.fallbacks.size()) +
          config.content_filter_fallbacks.size() + config.context_length_fallbacks.size();
      const bool more_models = !forced && next_fallback < fallback_count;
      const bool answered =
          co_await try_group(ctx, *group, config, attempt, pinned, more_models, forced, state);
      if (answered) co_return;
      if (forced) break;  // the last resort covers the requested model only
      const auto& last = state.last;
      if (last && !routing::is_retryable(last->cls, group->config->retry) &&
          last->cls != ErrorClass::content_filter && last->cls != ErrorClass::context_length) {
        break;  // the caller's own error: no fallback can fix it
      }
      // The next fallback model not tried yet (a cycle in the config is cut here).
      group = nullptr;
      const auto& fallbacks = fallback_list(config, last, overrides);
      while (group == nullptr && next_fallback < fallbacks.size()) {
        routing::ModelGroup* next = ctx.gateway.models.group(fallbacks[next_fallback++]);
        if (next == nullptr || std::find(tried.begin(), tried.end(), next) != tried.end()) {
          continue;
        }
        tried.push_back(next);
        group = next;
      }
    }
  }
  if (state.last) {
    co_await ctx.client.send_error(*state.last);
    co_return;
  }
  if (!state.any_fitting) {
    const GatewayError error{ErrorClass::bad_request,
                             "no deployment of model '" + std::string(model) +
                                 "' can serve this request (it needs tools, vision, JSON schema, "
                                 "or a larger context or output window than configured)",
                             "model"};
    co_await ctx.client.send_error(error);
    co_return;
  }
  const bool late = Clock::now() >= state.deadline;
  GatewayError error{late ? ErrorClass::timeout : ErrorClass::overloaded,
                     late ? "model '" + std::string(model) + "' did not answer within its deadline"
                          : "every deployment of model '" + std::string(model) +
                                "' is cooling down after failures; try again shortly"};
  co_await ctx.client.send_error(error);
}

}  // namespace sluice::api
