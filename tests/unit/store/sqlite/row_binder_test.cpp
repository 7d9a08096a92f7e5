// RowBinder on a real SQLite database: rows whose values repeat, change, turn NULL and back
// are stored exactly as bound, though repeated values are bound only once.
#include "store/sqlite/row_binder.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sluice::store::sqlite {
namespace {

struct Row {
  std::string name;
  int64_t count;
  std::optional<double> cost;
  std::string note;  // "" stored as NULL
};

std::vector<Row> insert_and_read(Database& db, const std::vector<Row>& rows) {
  auto insert = db.prepare("INSERT INTO t (name, count, cost, note) VALUES (?1, ?2, ?3, ?4)");
  RowBinder bind(insert);
  bind.start();
  for (const auto& row : rows) {
    bind.text(1, row.name).integer(2, row.count).real(3, row.cost).text_or_null(4, row.note);
    insert.run();
  }
  std::vector<Row> stored;
  auto read = db.prepare("SELECT name, count, cost, note FROM t ORDER BY rowid");
  while (read.step()) {
    stored.push_back({std::string(read.text(0)), read.integer(1),
                      read.is_null(2) ? std::nullopt : std::optional<double>(read.real(2)),
                      read.is_null(3) ? "<null>" : std::string(read.text(3))});
  }
  return stored;
}

TEST(RowBinder, StoresEveryRowAsBoundWhenValuesRepeatAndChange) {
  Database db(":memory:");
  db.exec("CREATE TABLE t (name TEXT NOT NULL, count INTEGER NOT NULL, cost REAL, note TEXT)");
  const std::vector<Row> rows{{"a", 1, 0.5, ""},
                              {"a", 1, 0.5, ""},
                              {"b", 1, 0.5, "x"},
                              {"b", 2, std::nullopt, "x"},
                              {"a", 2, std::nullopt, ""},
                              {"a", 1, 0.5, "y"},
                              {"", 0, 0.0, ""}};
  const auto stored = insert_and_read(db, rows);
  ASSERT_EQ(stored.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(stored[i].name, rows[i].name);
    EXPECT_EQ(stored[i].count, rows[i].count);
    EXPECT_EQ(stored[i].cost, rows[i].cost);
    EXPECT_EQ(stored[i].note, rows[i].note.empty() ? "<null>" : rows[i].note);
  }
}

TEST(RowBinder, StartBindsEveryParameterAgain) {
  Database db(":memory:");
  db.exec("CREATE TABLE t (name TEXT NOT NULL, count INTEGER NOT NULL, cost REAL, note TEXT)");
  auto insert = db.prepare("INSERT INTO t (name, count, cost, note) VALUES (?1, ?2, ?3, ?4)");
  RowBinder bind(insert);
  bind.start();
  std::string name = "first";
  bind.text(1, name).integer(2, 1).real(3, 1.0).text_or_null(4, "");
  insert.run();
  // Behind the binder's back: another binding; after start() the same value must bind again.
  insert.bind(2, int64_t{99});
  bind.start();
  bind.text(1, name).integer(2, 1).real(3, 1.0).text_or_null(4, "");
  insert.run();
  auto read = db.prepare("SELECT count FROM t ORDER BY rowid");
  std::vector<int64_t> counts;
  while (read.step()) counts.push_back(read.integer(0));
  EXPECT_EQ(counts, (std::vector<int64_t>{1, 1}));
}

}  // namespace
}  // namespace sluice::store::sqlite
