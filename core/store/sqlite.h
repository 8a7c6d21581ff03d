// A small RAII wrapper over SQLite: Database, Statement, Transaction. SQLite
// return codes are checked everywhere and mapped to core::Error; they never
// leak upward. Only core/store uses this.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "util/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace core::store {

class Statement;

class Database {
 public:
  // Opens (creating if needed) the file at `path` (":memory:" for tests).
  static Result<Database> Open(const std::string& path);
  Database() = default;
  ~Database();
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements without results.
  Result<void> Exec(std::string_view sql);
  // Prepares a statement, cached by its text for the life of the database.
  Result<Statement*> Prepare(std::string_view sql);
  int64_t LastInsertRowid() const;
  int Changes() const;
  std::string LastError() const;
  sqlite3* handle() const { return db_; }

 private:
  struct Cache;
  sqlite3* db_ = nullptr;
  Cache* cache_ = nullptr;
};

// A prepared statement. Bind by 1-based index, Step(), read columns by 0-based index.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Statement& BindBlob(int index, std::span<const uint8_t> bytes);
  Statement& BindNull(int index);
  template <typename T>
  Statement& Bind(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }

  // Advances: true with a row to read, false when done. Errors as Result.
  Result<bool> Step();
  // Runs to completion (for statements without rows).
  Result<void> Run();
  void Reset();

  bool IsNull(int column) const;
  int64_t Int(int column) const;
  double Real(int column) const;
  std::string Text(int column) const;
  std::string_view TextView(int column) const;  // valid until the next Step/Reset
  std::span<const uint8_t> Blob(int column) const;
  std::optional<int64_t> OptInt(int column) const;
  std::optional<std::string> OptText(int column) const;

 private:
  sqlite3_stmt* stmt_;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back unless Commit() succeeded.
class Transaction {
 public:
  static Result<Transaction> Begin(Database& db);
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Result<void> Commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_;
};

}  // namespace core::store
