// PostgresServerStore: the server store in PostgreSQL through libpq, so several
// tumbuh-server processes can share one database. The change sequence is
// commit-ordered: a push takes the one counter row FOR UPDATE, numbers its
// changes from it and commits, so no change becomes visible below a cursor a
// device has already read past (a bigserial would allow exactly that).
#include <libpq-fe.h>

#include <algorithm>
#include <memory>

#include "server_store.h"

namespace syncing::server {
namespace {

using core::Error;
using core::Fail;
using core::Result;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS users (
  name TEXT PRIMARY KEY, id TEXT NOT NULL, role TEXT NOT NULL, area TEXT NOT NULL,
  password_hash TEXT NOT NULL);
ALTER TABLE users ADD COLUMN IF NOT EXISTS disabled BOOLEAN NOT NULL DEFAULT FALSE;
CREATE TABLE IF NOT EXISTS tokens (
  hash TEXT PRIMARY KEY, username TEXT NOT NULL, device TEXT NOT NULL,
  revoked BOOLEAN NOT NULL DEFAULT FALSE);
CREATE TABLE IF NOT EXISTS changes (
  seq BIGINT PRIMARY KEY,
  change_id TEXT NOT NULL UNIQUE,
  area TEXT NOT NULL,
  body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS changes_area ON changes (area text_pattern_ops, seq);
CREATE TABLE IF NOT EXISTS change_counter (one INT PRIMARY KEY CHECK (one = 1), n BIGINT NOT NULL);
INSERT INTO change_counter VALUES (1, 0) ON CONFLICT DO NOTHING;
CREATE INDEX IF NOT EXISTS tokens_device ON tokens (device);
-- Where each record belongs, derived by the server (change_checks.h).
CREATE TABLE IF NOT EXISTS records (
  id TEXT PRIMARY KEY, entity TEXT NOT NULL, area TEXT NOT NULL, born INTEGER);
)sql";

struct ResultFree {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultFree>;

// Appends `text` as one element of a PostgreSQL array literal, and a comma.
void AppendArrayItem(std::string& array, const std::string& text) {
  array.push_back('"');
  for (const char ch : text) {
    if (ch == '"' || ch == '\\') array.push_back('\\');
    array.push_back(ch);
  }
  array += "\",";
}

class PostgresServerStore final : public ServerStore {
 public:
  explicit PostgresServerStore(PGconn* conn) : conn_(conn) {}
  ~PostgresServerStore() override { PQfinish(conn_); }

  // Runs `sql` with text parameters; a failed status is an Error.
  Result<PgResult> Run(const char* sql, std::initializer_list<std::string> params) {
    std::vector<const char*> values;
    for (const std::string& p : params) values.push_back(p.c_str());
    PgResult r(PQexecParams(conn_, sql, static_cast<int>(values.size()), nullptr, values.data(),
                            nullptr, nullptr, 0));
    const auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return Fail(Error::Kind::kStorage, std::string("PostgreSQL: ") + PQerrorMessage(conn_));
    }
    return r;
  }

  Result<void> AddUser(const UserRecord& u) override {
    auto r =
        Run("INSERT INTO users(name, id, role, area, password_hash) VALUES ($1, $2, $3, $4, $5) "
            "ON CONFLICT (name) DO UPDATE SET role = excluded.role, area = excluded.area, "
            "password_hash = excluded.password_hash",
            {u.name, u.id, u.role, u.area, u.password_hash});
    if (!r) return std::unexpected(r.error());
    return {};
  }

  Result<std::optional<UserRecord>> FindUser(const std::string& name) override {
    return OneUser(
        "SELECT name, id, role, area, password_hash, disabled FROM users WHERE name = $1", name);
  }

  Result<int> RevokeTokens(const std::string& name) override {
    auto r = Run("UPDATE tokens SET revoked = TRUE WHERE username = $1 AND NOT revoked", {name});
    if (!r) return std::unexpected(r.error());
    return std::atoi(PQcmdTuples(r->get()));
  }

  Result<bool> SetUserDisabled(const std::string& name, bool disabled) override {
    auto r = Run("UPDATE users SET disabled = $1 WHERE name = $2", {disabled ? "t" : "f", name});
    if (!r) return std::unexpected(r.error());
    return std::atoi(PQcmdTuples(r->get())) > 0;
  }

  Result<void> AddToken(const std::string& hash, const std::string& user,
                        const std::string& device) override {
    // The device's first user keeps it, whichever server of the cluster answers.
    auto r =
        Run("INSERT INTO tokens(hash, username, device) SELECT $1, $2, $3 WHERE NOT EXISTS "
            "(SELECT 1 FROM tokens WHERE device = $3 AND username <> $2)",
            {hash, user, device});
    if (!r) return std::unexpected(r.error());
    if (std::atoi(PQcmdTuples(r->get())) == 0) {
      return Fail(Error::Kind::kConflict, "this device is enrolled to another user");
    }
    return {};
  }

  Result<std::optional<Session>> SessionForToken(const std::string& hash) override {
    auto r = Run(
        "SELECT u.name, u.id, u.role, u.area, u.password_hash, u.disabled, t.device FROM tokens t "
        "JOIN users u ON u.name = t.username WHERE t.hash = $1 AND NOT t.revoked",
        {hash});
    if (!r) return std::unexpected(r.error());
    std::optional<Session> session;
    if (PQntuples(r->get()) == 1) session = Session{UserAt(r->get()), PQgetvalue(r->get(), 0, 6)};
    return session;
  }

  Result<Places> FindPlaces(const std::vector<std::string>& ids) override {
    std::string array = "{";
    for (const std::string& id : ids) AppendArrayItem(array, id);
    if (array.size() > 1) array.pop_back();
    array.push_back('}');
    auto r = Run("SELECT id, entity, area, born FROM records WHERE id = ANY($1::text[])", {array});
    if (!r) return std::unexpected(r.error());
    Places places;
    for (int i = 0; i < PQntuples(r->get()); ++i) {
      places[PQgetvalue(r->get(), i, 0)] = RecordPlace{
          PQgetvalue(r->get(), i, 1), PQgetvalue(r->get(), i, 2),
          PQgetisnull(r->get(), i, 3) ? std::nullopt
                                      : std::optional<int>(std::atoi(PQgetvalue(r->get(), i, 3)))};
    }
    return places;
  }

  // Fills the records table from the change log when an older server's
  // database has changes but no places yet.
  Result<void> PlaceOldChanges() {
    auto counted = Run("SELECT (SELECT count(*) FROM records), (SELECT count(*) FROM changes)", {});
    if (!counted) return std::unexpected(counted.error());
    if (std::atoll(PQgetvalue(counted->get(), 0, 0)) != 0 ||
        std::atoll(PQgetvalue(counted->get(), 0, 1)) == 0) {
      return {};
    }
    auto bodies = Run("SELECT body FROM changes ORDER BY seq", {});
    if (!bodies) return std::unexpected(bodies.error());
    int row = 0;
    Places places = PlacesFromLog([&]() -> std::optional<std::string> {
      if (row == PQntuples(bodies->get())) return std::nullopt;
      return PQgetvalue(bodies->get(), row++, 0);
    });
    if (auto begun = Run("BEGIN", {}); !begun) return std::unexpected(begun.error());
    if (auto written = WritePlaces(places); !written) {
      (void)Run("ROLLBACK", {});
      return written;
    }
    if (auto committed = Run("COMMIT", {}); !committed) return std::unexpected(committed.error());
    return {};
  }

  Result<void> BeginGroup() override {
    if (auto begun = Run("BEGIN", {}); !begun) return std::unexpected(begun.error());
    in_group_ = true;
    return {};
  }

  Result<void> EndGroup(bool commit) override {
    in_group_ = false;
    if (commit) {
      if (auto committed = Run("COMMIT", {}); committed) return {};
    }
    (void)Run("ROLLBACK", {});
    return Fail(Error::Kind::kStorage, commit ? "the group's commit failed" : "rolled back");
  }

  Result<std::vector<std::string>> StoreChanges(const std::vector<protocol::Change>& changes,
                                                const std::vector<std::string>& bodies,
                                                const Places& placed) override {
    // A batch's own transaction, or a savepoint inside its group's.
    if (auto begun = Run(in_group_ ? "SAVEPOINT batch" : "BEGIN", {}); !begun) {
      return std::unexpected(begun.error());
    }
    auto fail = [this](const Error& e) -> Result<std::vector<std::string>> {
      if (in_group_) {
        (void)Run("ROLLBACK TO SAVEPOINT batch", {});
        (void)Run("RELEASE SAVEPOINT batch", {});
      } else {
        (void)Run("ROLLBACK", {});
      }
      return std::unexpected(e);
    };
    // The counter row's lock orders the storing transactions: seqs commit in order.
    auto counter = Run("SELECT n FROM change_counter WHERE one = 1 FOR UPDATE", {});
    if (!counter) return fail(counter.error());
    int64_t n = std::atoll(PQgetvalue(counter->get(), 0, 0));
    // One statement for the batch: the changes not seen before, numbered from the counter.
    std::string ids = "{", areas = "{", body_array = "{";
    std::vector<std::string> acknowledged;
    for (size_t i = 0; i < changes.size(); ++i) {
      const protocol::Change& c = changes[i];
      AppendArrayItem(ids, c.change_id);
      AppendArrayItem(areas, c.area);
      AppendArrayItem(body_array, bodies[i]);
      acknowledged.push_back(c.change_id);  // new or seen before: both acknowledged
    }
    for (std::string* array : {&ids, &areas, &body_array}) {
      if (array->size() > 1) array->pop_back();  // the last comma
      array->push_back('}');
    }
    auto inserted =
        Run("INSERT INTO changes(seq, change_id, area, body) "
            "SELECT $4::bigint + row_number() OVER (ORDER BY i), change_id, area, body "
            "FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(change_id, area, "
            "body, i) WHERE NOT EXISTS (SELECT 1 FROM changes c WHERE c.change_id = t.change_id) "
            "ON CONFLICT (change_id) DO NOTHING RETURNING seq",
            {ids, areas, body_array, std::to_string(n)});
    if (!inserted) return fail(inserted.error());
    for (int i = 0; i < PQntuples(inserted->get()); ++i) {
      n = std::max<int64_t>(n, std::atoll(PQgetvalue(inserted->get(), i, 0)));
    }
    if (auto saved = Run("UPDATE change_counter SET n = $1 WHERE one = 1", {std::to_string(n)});
        !saved) {
      return fail(saved.error());
    }
    if (auto written = WritePlaces(placed); !written) return fail(written.error());
    if (auto ended = Run(in_group_ ? "RELEASE SAVEPOINT batch" : "COMMIT", {}); !ended) {
      return fail(ended.error());
    }
    return acknowledged;
  }

  Result<PullPage> ChangesAfter(int64_t after, const std::string& prefix, int limit) override {
    auto r =
        Run("SELECT seq, body FROM changes WHERE seq > $1 AND area LIKE $2 || '%' "
            "ORDER BY seq LIMIT $3",
            {std::to_string(after), prefix, std::to_string(limit + 1)});
    if (!r) return std::unexpected(r.error());
    PullPage page;
    page.next = after;
    const int rows = PQntuples(r->get());
    for (int i = 0; i < rows; ++i) {
      if (i == limit) {
        page.more = true;
        break;
      }
      auto parsed = protocol::ParseChange(PQgetvalue(r->get(), i, 1));
      if (!parsed) return Fail(Error::Kind::kStorage, "a stored change cannot be read back");
      parsed->seq = std::atoll(PQgetvalue(r->get(), i, 0));
      page.next = parsed->seq;
      page.changes.push_back(std::move(*parsed));
    }
    return page;
  }

  Result<int64_t> CountAfter(int64_t after, const std::string& prefix) override {
    auto r = Run("SELECT count(*) FROM changes WHERE seq > $1 AND area LIKE $2 || '%'",
                 {std::to_string(after), prefix});
    if (!r) return std::unexpected(r.error());
    return std::atoll(PQgetvalue(r->get(), 0, 0));
  }

  Result<int64_t> ChangeCount() override {
    auto r = Run("SELECT count(*) FROM changes", {});
    if (!r) return std::unexpected(r.error());
    return std::atoll(PQgetvalue(r->get(), 0, 0));
  }

 private:
  Result<std::optional<UserRecord>> OneUser(const char* sql, const std::string& key) {
    auto r = Run(sql, {key});
    if (!r) return std::unexpected(r.error());
    std::optional<UserRecord> user;
    if (PQntuples(r->get()) == 1) user = UserAt(r->get());
    return user;
  }

  // name, id, role, area, password_hash, disabled in columns 0-5 of row 0.
  static UserRecord UserAt(const PGresult* r) {
    auto at = [r](int column) { return std::string(PQgetvalue(r, 0, column)); };
    return UserRecord{at(1), at(0), at(2), at(3), at(4), at(5) == "t"};
  }

  // One statement for all the places a batch writes.
  Result<void> WritePlaces(const Places& places) {
    if (places.empty()) return {};
    std::string ids = "{", entities = "{", areas = "{", born = "{";
    for (const auto& [id, place] : places) {
      AppendArrayItem(ids, id);
      AppendArrayItem(entities, place.entity);
      AppendArrayItem(areas, place.area);
      born += place.birth_date ? std::to_string(*place.birth_date) + "," : "NULL,";
    }
    for (std::string* array : {&ids, &entities, &areas, &born}) {
      array->back() = '}';
    }
    auto r =
        Run("INSERT INTO records(id, entity, area, born) "
            "SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) "
            "ON CONFLICT (id) DO UPDATE SET entity = excluded.entity, area = excluded.area, "
            "born = excluded.born",
            {ids, entities, areas, born});
    if (!r) return std::unexpected(r.error());
    return {};
  }

  PGconn* conn_;
  bool in_group_ = false;  // between BeginGroup and EndGroup
};

}  // namespace

std::unique_ptr<ServerStore> OpenPostgresServerStore(const std::string& url, std::string* error) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    *error = std::string("cannot connect to PostgreSQL: ") + PQerrorMessage(conn);
    PQfinish(conn);
    return nullptr;
  }
  // Several servers may start at once: the schema is made under a lock.
  for (const char* sql : {"SET client_min_messages = warning", "BEGIN",
                          "SELECT pg_advisory_xact_lock(6403011001)", kSchema, "COMMIT"}) {
    PgResult r(PQexec(conn, sql));
    const auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      *error = std::string("PostgreSQL schema: ") + PQerrorMessage(conn);
      PQfinish(conn);
      return nullptr;
    }
  }
  auto store = std::make_unique<PostgresServerStore>(conn);
  if (auto placed = store->PlaceOldChanges(); !placed) {
    *error = placed.error().message;
    return nullptr;
  }
  return store;
}

std::unique_ptr<ServerStore> OpenServerStore(const std::string& db, std::string* error) {
  if (db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0) {
    return OpenPostgresServerStore(db, error);
  }
  return OpenSqliteServerStore(db, error);
}

}  // namespace syncing::server
