// Result<T>: a value or a GatewayError, used across module borders instead of exceptions.
#pragma once

#include <variant>

#include "core/gateway_error.h"

namespace sluice {

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}             // NOLINT: implicit by design
  Result(GatewayError error) : v_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const GatewayError& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, GatewayError> v_;
};

}  // namespace sluice
