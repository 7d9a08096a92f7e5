#include "store/sqlite/row_binder.h"

#include <bit>

namespace sluice::store::sqlite {

RowBinder::RowBinder(Statement& statement)
    : statement_(statement), bound_(static_cast<std::size_t>(statement.parameter_count()) + 1) {}

void RowBinder::start() {
  for (auto& bound : bound_) bound.kind = Kind::kUnbound;
}

RowBinder& RowBinder::text(int index, std::string_view value) {
  Bound& b = slot(index);
  if (b.kind == Kind::kText && b.text == value) return *this;
  statement_.bind_static(index, value);
  b.kind = Kind::kText;
  b.text = value;
  return *this;
}

RowBinder& RowBinder::text_or_null(int index, std::string_view value) {
  if (value.empty()) {
    null(index);
    return *this;
  }
  return text(index, value);
}

RowBinder& RowBinder::integer(int index, int64_t value) {
  Bound& b = slot(index);
  if (b.kind == Kind::kInteger && b.integer == value) return *this;
  statement_.bind(index, value);
  b.kind = Kind::kInteger;
  b.integer = value;
  return *this;
}

RowBinder& RowBinder::real(int index, std::optional<double> value) {
  if (!value) {
    null(index);
    return *this;
  }
  Bound& b = slot(index);
  // Compared bit for bit: 0.0 and -0.0 are equal numbers but different values.
  if (b.kind == Kind::kReal && std::bit_cast<uint64_t>(b.real) == std::bit_cast<uint64_t>(*value))
    return *this;
  statement_.bind(index, *value);
  b.kind = Kind::kReal;
  b.real = *value;
  return *this;
}

void RowBinder::null(int index) {
  Bound& b = slot(index);
  if (b.kind == Kind::kNull) return;
  statement_.bind_null(index);
  b.kind = Kind::kNull;
}

}  // namespace sluice::store::sqlite
