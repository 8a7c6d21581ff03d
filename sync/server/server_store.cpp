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

constexpr size_t kVillageCodeLength = 10;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS users (
  name TEXT PRIMARY KEY, id TEXT NOT NULL, role TEXT NOT NULL, area TEXT NOT NULL,
  password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS tokens (
  hash TEXT PRIMARY KEY, user TEXT NOT NULL, device TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  change_id TEXT NOT NULL UNIQUE,
  area TEXT NOT NULL,
  body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS tokens_device ON tokens (device);
-- A village's pull reads its own changes, not every change after its cursor.
CREATE INDEX IF NOT EXISTS changes_area ON changes (area, seq);
-- Where each record belongs, derived by the server (change_checks.h).
CREATE TABLE IF NOT EXISTS records (
  id TEXT PRIMARY KEY, entity TEXT NOT NULL, area TEXT NOT NULL, born INTEGER) WITHOUT ROWID;
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
    return OneUser("SELECT name, id, role, area, password_hash, disabled FROM users WHERE name = ?",
                   name);
  }

  Result<int> RevokeTokens(const std::string& name) override {
    auto stmt = db_.Prepare("UPDATE tokens SET revoked = 1 WHERE user = ? AND revoked = 0");
    if (!stmt) return std::unexpected(stmt.error());
    if (auto done = (*stmt)->Bind(1, name).Run(); !done) return std::unexpected(done.error());
    return db_.Changes();
  }

  Result<bool> SetUserDisabled(const std::string& name, bool disabled) override {
    auto stmt = db_.Prepare("UPDATE users SET disabled = ? WHERE name = ?");
    if (!stmt) return std::unexpected(stmt.error());
    if (auto done = (*stmt)->Bind(1, disabled ? 1 : 0).Bind(2, name).Run(); !done) {
      return std::unexpected(done.error());
    }
    return db_.Changes() > 0;
  }

  Result<void> AddToken(const std::string& hash, const std::string& user,
                        const std::string& device) override {
    auto owner = db_.Prepare("SELECT user FROM tokens WHERE device = ? AND user <> ? LIMIT 1");
    if (!owner) return std::unexpected(owner.error());
    (*owner)->Bind(1, device).Bind(2, user);
    auto row = (*owner)->Step();
    (*owner)->Reset();
    if (!row) return std::unexpected(row.error());
    if (*row) return Fail(Error::Kind::kConflict, "this device is enrolled to another user");
    auto stmt = db_.Prepare("INSERT INTO tokens(hash, user, device) VALUES (?, ?, ?)");
    if (!stmt) return std::unexpected(stmt.error());
    return (*stmt)->Bind(1, hash).Bind(2, user).Bind(3, device).Run();
  }

  Result<std::optional<Session>> SessionForToken(const std::string& hash) override {
    auto stmt = db_.Prepare(
        "SELECT u.name, u.id, u.role, u.area, u.password_hash, u.disabled, t.device FROM tokens t "
        "JOIN users u ON u.name = t.user WHERE t.hash = ? AND t.revoked = 0");
    if (!stmt) return std::unexpected(stmt.error());
    (*stmt)->Bind(1, hash);
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    std::optional<Session> session;
    if (*row) session = Session{UserAt(**stmt), (*stmt)->Text(6)};
    (*stmt)->Reset();
    return session;
  }

  Result<Places> FindPlaces(const std::vector<std::string>& ids) override {
    auto stmt = db_.Prepare("SELECT entity, area, born FROM records WHERE id = ?");
    if (!stmt) return std::unexpected(stmt.error());
    // One read transaction: outside one, every lookup takes and drops
    // SQLite's file locks (four fcntl calls), which doubled a push's time.
    if (auto begun = db_.Exec(in_group_ ? "SAVEPOINT lookup" : "BEGIN"); !begun) {
      return std::unexpected(begun.error());
    }
    Places places;
    for (const std::string& id : ids) {
      (*stmt)->Bind(1, id);
      auto row = (*stmt)->Step();
      if (!row) {
        (*stmt)->Reset();
        (void)db_.Exec(in_group_ ? "RELEASE lookup" : "ROLLBACK");
        return std::unexpected(row.error());
      }
      if (*row) {
        Statement& s = **stmt;
        places[id] = RecordPlace{
            s.Text(0), s.Text(1),
            s.IsNull(2) ? std::nullopt : std::optional<int>(static_cast<int>(s.Int(2)))};
      }
      (*stmt)->Reset();
    }
    if (auto ended = db_.Exec(in_group_ ? "RELEASE lookup" : "COMMIT"); !ended) {
      return std::unexpected(ended.error());
    }
    return places;
  }

  // Fills the records table from the change log when an older server's
  // database has changes but no places yet.
  Result<void> PlaceOldChanges() {
    auto counted =
        db_.Prepare("SELECT (SELECT count(*) FROM records), (SELECT count(*) FROM changes)");
    if (!counted) return std::unexpected(counted.error());
    auto row = (*counted)->Step();
    if (!row) return std::unexpected(row.error());
    const bool needed = (*counted)->Int(0) == 0 && (*counted)->Int(1) > 0;
    (*counted)->Reset();
    if (!needed) return {};
    auto bodies = db_.Prepare("SELECT body FROM changes ORDER BY seq");
    if (!bodies) return std::unexpected(bodies.error());
    Places places = PlacesFromLog([&]() -> std::optional<std::string> {
      auto next = (*bodies)->Step();
      if (!next || !*next) return std::nullopt;
      return (*bodies)->Text(0);
    });
    (*bodies)->Reset();
    if (auto begun = db_.Exec("BEGIN IMMEDIATE"); !begun) return std::unexpected(begun.error());
    if (auto written = WritePlaces(places); !written) {
      (void)db_.Exec("ROLLBACK");
      return written;
    }
    return db_.Exec("COMMIT");
  }

  Result<void> BeginGroup() override {
    if (auto begun = db_.Exec("BEGIN IMMEDIATE"); !begun) return begun;
    in_group_ = true;
    return {};
  }

  Result<void> EndGroup(bool commit) override {
    in_group_ = false;
    if (commit) {
      if (auto committed = db_.Exec("COMMIT"); committed) return {};
    }
    (void)db_.Exec("ROLLBACK");
    return Fail(Error::Kind::kStorage, commit ? "the group's commit failed" : "rolled back");
  }

  Result<std::vector<std::string>> StoreChanges(const std::vector<protocol::Change>& changes,
                                                const std::vector<std::string>& bodies,
                                                const Places& placed) override {
    if (auto begun = BeginBatch(); !begun) return std::unexpected(begun.error());
    auto insert =
        db_.Prepare("INSERT OR IGNORE INTO changes(change_id, area, body) VALUES (?, ?, ?)");
    if (!insert) {
      AbandonBatch();
      return std::unexpected(insert.error());
    }
    std::vector<std::string> acknowledged;
    for (size_t i = 0; i < changes.size(); ++i) {
      const protocol::Change& c = changes[i];
      auto done = (*insert)->Bind(1, c.change_id).Bind(2, c.area).Bind(3, bodies[i]).Run();
      if (!done) {
        AbandonBatch();
        return std::unexpected(done.error());
      }
      acknowledged.push_back(c.change_id);  // new or seen before: both acknowledged
    }
    if (auto written = WritePlaces(placed); !written) {
      AbandonBatch();
      return std::unexpected(written.error());
    }
    if (auto ended = EndBatch(); !ended) {
      AbandonBatch();
      return std::unexpected(ended.error());
    }
    return acknowledged;
  }

  Result<PullPage> ChangesAfter(int64_t after, const std::string& prefix, int limit) override {
    // A village (every change's area is a village code) walks changes_area in
    // seq order. A wider prefix walks seq itself: changes_area would give its
    // villages' rows to sort for every page (a kabupaten: a million).
    auto stmt = db_.Prepare(
        prefix.size() == kVillageCodeLength
            ? "SELECT seq, body FROM changes WHERE area = ?2 AND seq > ?1 ORDER BY seq LIMIT ?3"
            : "SELECT seq, body FROM changes NOT INDEXED WHERE seq > ?1 AND area >= ?2 "
              "AND area < ?2 || 'z' ORDER BY seq LIMIT ?3");
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
    auto stmt =
        db_.Prepare(prefix.size() == kVillageCodeLength
                        ? "SELECT count(*) FROM changes WHERE area = ?2 AND seq > ?1"
                        : "SELECT count(*) FROM changes NOT INDEXED WHERE seq > ?1 AND area >= ?2 "
                          "AND area < ?2 || 'z'");
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
    if (*row) user = UserAt(**stmt);
    (*stmt)->Reset();
    return user;
  }

  // name, id, role, area, password_hash, disabled in columns 0-5.
  static UserRecord UserAt(Statement& s) {
    return UserRecord{s.Text(1), s.Text(0), s.Text(2), s.Text(3), s.Text(4), s.Int(5) != 0};
  }

  Result<void> WritePlaces(const Places& places) {
    auto stmt =
        db_.Prepare("INSERT OR REPLACE INTO records(id, entity, area, born) VALUES (?, ?, ?, ?)");
    if (!stmt) return std::unexpected(stmt.error());
    for (const auto& [id, place] : places) {
      (*stmt)->Bind(1, id).Bind(2, place.entity).Bind(3, place.area).Bind(4, place.birth_date);
      if (auto done = (*stmt)->Run(); !done) return done;
    }
    return {};
  }

  // A batch's own transaction, or a savepoint inside its group's.
  Result<void> BeginBatch() { return db_.Exec(in_group_ ? "SAVEPOINT batch" : "BEGIN IMMEDIATE"); }
  Result<void> EndBatch() { return db_.Exec(in_group_ ? "RELEASE batch" : "COMMIT"); }
  void AbandonBatch() {
    if (in_group_) {
      (void)db_.Exec("ROLLBACK TO batch");
      (void)db_.Exec("RELEASE batch");
    } else {
      (void)db_.Exec("ROLLBACK");
    }
  }

  Database db_;
  bool in_group_ = false;         // between BeginGroup and EndGroup
  WalCheckpointer checkpointer_;  // after db_: stops before the database closes
};

}  // namespace

Places PlacesFromLog(const std::function<std::optional<std::string>()>& next) {
  Places places;
  while (auto body = next()) {
    auto change = protocol::ParseChange(*body);
    if (!change) continue;
    Placement placement = PlaceOf(*change, places);
    if (placement.place) places[change->record_id] = std::move(*placement.place);
  }
  return places;
}

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
  // A database from before users could be disabled.
  if (auto column = db->Prepare("SELECT disabled FROM users LIMIT 0"); !column) {
    if (auto added = db->Exec("ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0");
        !added) {
      *error = path + ": " + added.error().message;
      return nullptr;
    }
  }
  auto store = std::make_unique<SqliteServerStore>(std::move(*db), path);
  if (auto placed = store->PlaceOldChanges(); !placed) {
    *error = path + ": " + placed.error().message;
    return nullptr;
  }
  return store;
}

}  // namespace syncing::server
