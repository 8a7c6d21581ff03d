// SQLite wrapper: statement cache, error mapping, transactions.
#include "store/sqlite.h"

#include <sqlite3.h>

#include <map>
#include <memory>

namespace core::store {

struct Database::Cache {
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> statements;
};

namespace {
Error::Kind KindOf(int code) {
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      return Error::Kind::kConflict;
    default:
      return Error::Kind::kStorage;
  }
}
}  // namespace

Result<Database> Database::Open(const std::string& path) {
  Database db;
  const int rc =
      sqlite3_open_v2(path.c_str(), &db.db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db.db_ ? sqlite3_errmsg(db.db_) : sqlite3_errstr(rc);
    return Fail(Error::Kind::kStorage, "cannot open " + path + ": " + message);
  }
  sqlite3_extended_result_codes(db.db_, 1);
  sqlite3_busy_timeout(db.db_, 5000);
  db.cache_ = new Cache;
  return db;
}

Database::~Database() {
  delete cache_;  // finalizes the cached statements first
  if (db_) sqlite3_close_v2(db_);
}

Database::Database(Database&& other) noexcept : db_(other.db_), cache_(other.cache_) {
  other.db_ = nullptr;
  other.cache_ = nullptr;
}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    delete cache_;
    if (db_) sqlite3_close_v2(db_);
    db_ = other.db_;
    cache_ = other.cache_;
    other.db_ = nullptr;
    other.cache_ = nullptr;
  }
  return *this;
}

Result<void> Database::Exec(std::string_view sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    return Fail(KindOf(rc), text);
  }
  return {};
}

Result<Statement*> Database::Prepare(std::string_view sql) {
  auto it = cache_->statements.find(sql);
  if (it != cache_->statements.end()) {
    it->second->Reset();
    return it->second.get();
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return Fail(Error::Kind::kStorage,
                std::string(sqlite3_errmsg(db_)) + " in: " + std::string(sql.substr(0, 200)));
  }
  auto owned = std::make_unique<Statement>(stmt);
  Statement* raw = owned.get();
  cache_->statements.emplace(std::string(sql), std::move(owned));
  return raw;
}

int64_t Database::LastInsertRowid() const {
  return sqlite3_last_insert_rowid(db_);
}
int Database::Changes() const {
  return sqlite3_changes(db_);
}
std::string Database::LastError() const {
  return sqlite3_errmsg(db_);
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

Statement& Statement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}
Statement& Statement::Bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}
Statement& Statement::Bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindBlob(int index, std::span<const uint8_t> bytes) {
  if (bytes.empty()) {  // an empty blob, not NULL
    sqlite3_bind_zeroblob(stmt_, index, 0);
    return *this;
  }
  sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3* db = sqlite3_db_handle(stmt_);
  std::string message = sqlite3_errmsg(db);
  sqlite3_reset(stmt_);
  return Fail(KindOf(rc), message);
}

Result<void> Statement::Run() {
  while (true) {
    auto row = Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
  }
  Reset();
  return {};
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::IsNull(int c) const {
  return sqlite3_column_type(stmt_, c) == SQLITE_NULL;
}
int64_t Statement::Int(int c) const {
  return sqlite3_column_int64(stmt_, c);
}
double Statement::Real(int c) const {
  return sqlite3_column_double(stmt_, c);
}
std::string Statement::Text(int c) const {
  return std::string(TextView(c));
}
std::string_view Statement::TextView(int c) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c));
  return text ? std::string_view(text, sqlite3_column_bytes(stmt_, c)) : std::string_view();
}
std::span<const uint8_t> Statement::Blob(int c) const {
  const auto* data = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_, c));
  return {data, static_cast<size_t>(sqlite3_column_bytes(stmt_, c))};
}
std::optional<int64_t> Statement::OptInt(int c) const {
  if (IsNull(c)) return std::nullopt;
  return Int(c);
}
std::optional<std::string> Statement::OptText(int c) const {
  if (IsNull(c)) return std::nullopt;
  return Text(c);
}

Result<Transaction> Transaction::Begin(Database& db) {
  auto begun = db.Exec("BEGIN IMMEDIATE");
  if (!begun) return std::unexpected(begun.error());
  return Transaction(&db);
}

Transaction::~Transaction() {
  if (db_) (void)db_->Exec("ROLLBACK");
}

Result<void> Transaction::Commit() {
  auto done = db_->Exec("COMMIT");
  if (!done) return done;
  db_ = nullptr;
  return {};
}

}  // namespace core::store
