// A thin RAII layer over the SQLite C API: one connection, prepared statements, transactions.
// Failures throw SqliteError inside the store and telemetry modules; their public functions
// turn it into a value before it can reach the event loop.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace sluice::store::sqlite {

// What SQLite said went wrong (with the statement's first words, never bound values).
class SqliteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One prepared statement; bind by 1-based index, step, read columns by 0-based index.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);  // copied by SQLite
  // Binds without a copy: `text` must stay unchanged until the statement is reset.
  Statement& bind_static(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, std::optional<double> value);
  Statement& bind_null(int index);
  // Advances to the next row; false when the statement is done.
  bool step();
  // Runs a statement that returns no rows, then resets it for the next bindings.
  void run();
  // Ready to run again; bindings are kept (every caller binds every parameter anew).
  void reset();
  // The largest parameter index in the statement's text (?N).
  int parameter_count() const;

  int64_t integer(int column) const;
  double real(int column) const;
  std::string_view text(int column) const;
  bool is_null(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// One connection. WAL mode, NORMAL sync and a busy timeout, so one writer and many readers
// (other processes included: the CLI) share the file.
class Database {
 public:
  // `path` is a file name, or ":memory:". Throws SqliteError.
  explicit Database(const std::string& path, bool read_only = false);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql) { return Statement(db_, sql); }
  int64_t changes() const;
  // The rowid the last successful INSERT on this connection gave its row.
  int64_t last_insert_id() const;
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

// BEGIN IMMEDIATE on construction; ROLLBACK unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

// The file of a sqlite:// storage URL ("sqlite://sluice.db" -> "sluice.db",
// "sqlite:///var/lib/x.db" -> "/var/lib/x.db"); empty when the URL is not sqlite://.
std::string sqlite_path_of(std::string_view url);

}  // namespace sluice::store::sqlite
