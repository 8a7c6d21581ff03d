// SqliteServerStore: one file, WAL. A single writer makes the change sequence
// commit-ordered: a device that has read past seq N never misses a change
// committed later with a lower number.
#include "server_store.h"

#include "store/sqlite.h"
#include "wal_checkpointer.h"

namespace syncing::server {
namespace {

using core::Error;
using core::Fail;
using core::Result;
using core::store::Database;
using core::store::Statement;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS users (
  name TEXT PRIMARY KEY, id TEXT NOT NULL, role TEXT NOT NULL, area TEXT NOT NULL,
  password_hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (
  hash TEXT PRIMARY KEY, user TEXT NOT NULL, device TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  change_id TEXT NOT NULL UNIQUE,
  area TEXT NOT NULL,
  body TEXT NOT NULL);
)sql";

class SqliteServerStore final : public ServerStore {
 public:
  SqliteServerStore(Database db, const std::string& path)
      : db_(std::move(db)), checkpointer_(db_.handle(), path) {}

  Result<void> AddUser(const UserRecord& u) override {
    auto stmt = db_.Prepare(
        "INSERT INTO users(name, id, role, area, password_hash) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(name) DO UPDATE SET role = excluded.role, area = excluded.area, "
        "password_hash = excluded.password_hash");
    if (!stmt) return std::unexpected(stmt.error());
    return (*stmt)
        ->Bind(1, u.name)
        .Bind(2, u.id)
        .Bind(3, u.role)
        .Bind(4, u.area)
        .Bind(5, u.password_hash)
        .Run();
  }

  Result<std::optional<UserRecord>> FindUser(const std::string& name) override {
    return OneUser("SELECT name, id, role, area, password_hash FROM users WHERE name = ?", name);
  }

  Result<int> RevokeTokens(const std::string& name) override {
    auto stmt = db_.Prepare("UPDATE tokens SET revoked = 1 WHERE user = ? AND revoked = 0");
    if (!stmt) return std::unexpected(stmt.error());
    if (auto done = (*stmt)->Bind(1, name).Run(); !done) return std::unexpected(done.error());
    return db_.Changes();
  }

  Result<void> AddToken(const std::string& hash, const std::string& user,
                        const std::string& device) override {
    auto stmt = db_.Prepare("INSERT INTO tokens(hash, user, device) VALUES (?, ?, ?)");
    if (!stmt) return std::unexpected(stmt.error());
    return (*stmt)->Bind(1, hash).Bind(2, user).Bind(3, device).Run();
  }

  Result<std::optional<UserRecord>> UserForToken(const std::string& hash) override {
    return OneUser(
        "SELECT u.name, u.id, u.role, u.area, u.password_hash FROM tokens t "
        "JOIN users u ON u.name = t.user WHERE t.hash = ? AND t.revoked = 0",
        hash);
  }

  Result<std::vector<std::string>> StoreChanges(const std::vector<protocol::Change>& changes,
                                                const std::vector<std::string>& bodies) override {
    if (auto begun = db_.Exec("BEGIN IMMEDIATE"); !begun) return std::unexpected(begun.error());
    auto insert =
        db_.Prepare("INSERT OR IGNORE INTO changes(change_id, area, body) VALUES (?, ?, ?)");
    if (!insert) {
      (void)db_.Exec("ROLLBACK");
      return std::unexpected(insert.error());
    }
    std::vector<std::string> acknowledged;
    for (size_t i = 0; i < changes.size(); ++i) {
      const protocol::Change& c = changes[i];
      auto done = (*insert)->Bind(1, c.change_id).Bind(2, c.area).Bind(3, bodies[i]).Run();
      if (!done) {
        (void)db_.Exec("ROLLBACK");
        return std::unexpected(done.error());
      }
      acknowledged.push_back(c.change_id);  // new or seen before: both acknowledged
    }
    if (auto committed = db_.Exec("COMMIT"); !committed) {
      (void)db_.Exec("ROLLBACK");
      return std::unexpected(committed.error());
    }
    return acknowledged;
  }

  Result<PullPage> ChangesAfter(int64_t after, const std::string& prefix, int limit) override {
    auto stmt = db_.Prepare(
        "SELECT seq, body FROM changes WHERE seq > ?1 AND area >= ?2 AND area < ?2 || 'z' "
        "ORDER BY seq LIMIT ?3");
    if (!stmt) return std::unexpected(stmt.error());
    (*stmt)->Bind(1, after).Bind(2, prefix).Bind(3, limit + 1);
    PullPage page;
    page.next = after;
    while (true) {
      auto row = (*stmt)->Step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      if (static_cast<int>(page.changes.size()) == limit) {
        page.more = true;
        break;
      }
      auto parsed = protocol::ParseChange((*stmt)->Text(1));
      if (!parsed) {
        (*stmt)->Reset();
        return Fail(Error::Kind::kStorage, "a stored change cannot be read back");
      }
      protocol::Change change = std::move(*parsed);
      change.seq = (*stmt)->Int(0);
      page.next = change.seq;
      page.changes.push_back(std::move(change));
    }
    (*stmt)->Reset();
    return page;
  }

  Result<int64_t> CountAfter(int64_t after, const std::string& prefix) override {
    auto stmt = db_.Prepare(
        "SELECT count(*) FROM changes WHERE seq > ?1 AND area >= ?2 AND area < ?2 || 'z'");
    if (!stmt) return std::unexpected(stmt.error());
    (*stmt)->Bind(1, after).Bind(2, prefix);
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    const int64_t n = (*stmt)->Int(0);
    (*stmt)->Reset();
    return n;
  }

  Result<int64_t> ChangeCount() override {
    auto stmt = db_.Prepare("SELECT count(*) FROM changes");
    if (!stmt) return std::unexpected(stmt.error());
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    const int64_t n = (*stmt)->Int(0);
    (*stmt)->Reset();
    return n;
  }

 private:
  Result<std::optional<UserRecord>> OneUser(const char* sql, const std::string& key) {
    auto stmt = db_.Prepare(sql);
    if (!stmt) return std::unexpected(stmt.error());
    (*stmt)->Bind(1, key);
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    std::optional<UserRecord> user;
    if (*row) {
      Statement& s = **stmt;
      user = UserRecord{s.Text(1), s.Text(0), s.Text(2), s.Text(3), s.Text(4)};
    }
    (*stmt)->Reset();
    return user;
  }

  Database db_;
  WalCheckpointer checkpointer_;  // after db_: stops before the database closes
};

}  // namespace

std::unique_ptr<ServerStore> OpenSqliteServerStore(const std::string& path, std::string* error) {
  auto db = Database::Open(path);
  if (!db) {
    *error = db.error().message;
    return nullptr;
  }
  for (const char* sql : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", kSchema}) {
    if (auto done = db->Exec(sql); !done) {
      *error = path + ": " + done.error().message;
      return nullptr;
    }
  }
  return std::make_unique<SqliteServerStore>(std::move(*db), path);
}

}  // namespace syncing::server
