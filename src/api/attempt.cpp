#include "api/attempt.h"

#include "routing/retry_policy.h"

namespace sluice::api {

bool DeferPolicy::defers(ErrorClass cls) const {
  if (cls == ErrorClass::content_filter) return content_filter;
  if (cls == ErrorClass::context_length) return context_length;
  return retry != nullptr && routing::is_retryable(cls, *retry);
}

}  // namespace sluice::api
