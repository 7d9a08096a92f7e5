// Binds the rows of one repeated statement (an INSERT run once per row), skipping every
// parameter whose value equals the one bound for the previous row. SQLite keeps a statement's
// bindings across a reset, and for a wide row of mostly repeated values (a call record: the
// same endpoint, model, provider, zero counters) binding costs about as much as the insert.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "store/sqlite/database.h"

namespace sluice::store::sqlite {

class RowBinder {
 public:
  explicit RowBinder(Statement& statement);

  // Forgets what was bound: the next row binds every parameter. Text is bound without a copy,
  // and a skipped parameter keeps pointing at the earlier row's text, so all text bound since
  // start() must stay alive and unchanged until the last row is run.
  void start();

  RowBinder& text(int index, std::string_view value);
  RowBinder& text_or_null(int index, std::string_view value);  // "" binds NULL
  RowBinder& integer(int index, int64_t value);
  RowBinder& real(int index, std::optional<double> value);  // none binds NULL

 private:
  enum class Kind { kUnbound, kNull, kText, kInteger, kReal };
  struct Bound {
    Kind kind = Kind::kUnbound;
    std::string_view text;
    int64_t integer = 0;
    double real = 0;
  };
  Bound& slot(int index) { return bound_[static_cast<std::size_t>(index)]; }
  void null(int index);

  Statement& statement_;
  std::vector<Bound> bound_;  // by parameter index (0 unused)
};

}  // namespace sluice::store::sqlite
