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
    return OneUser("SELECT name, id, role, area, password_hash FROM users WHERE name = $1", name);
  }

  Result<int> RevokeTokens(const std::string& name) override {
    auto r = Run("UPDATE tokens SET revoked = TRUE WHERE username = $1 AND NOT revoked", {name});
    if (!r) return std::unexpected(r.error());
    return std::atoi(PQcmdTuples(r->get()));
  }

  Result<void> AddToken(const std::string& hash, const std::string& user,
                        const std::string& device) override {
    auto r =
        Run("INSERT INTO tokens(hash, username, device) VALUES ($1, $2, $3)", {hash, user, device});
    if (!r) return std::unexpected(r.error());
    return {};
  }

  Result<std::optional<UserRecord>> UserForToken(const std::string& hash) override {
    return OneUser(
        "SELECT u.name, u.id, u.role, u.area, u.password_hash FROM tokens t "
        "JOIN users u ON u.name = t.username WHERE t.hash = $1 AND NOT t.revoked",
        hash);
  }

  Result<std::vector<std::string>> StoreChanges(const std::vector<protocol::Change>& changes,
                                                const std::vector<std::string>& bodies) override {
    if (auto begun = Run("BEGIN", {}); !begun) return std::unexpected(begun.error());
    auto fail = [this](const Error& e) -> Result<std::vector<std::string>> {
      (void)Run("ROLLBACK", {});
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
    if (auto committed = Run("COMMIT", {}); !committed) return fail(committed.error());
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
    if (PQntuples(r->get()) == 1) {
      auto at = [&](int column) { return std::string(PQgetvalue(r->get(), 0, column)); };
      user = UserRecord{at(1), at(0), at(2), at(3), at(4)};
    }
    return user;
  }

  PGconn* conn_;
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
  return std::make_unique<PostgresServerStore>(conn);
}

std::unique_ptr<ServerStore> OpenServerStore(const std::string& db, std::string* error) {
  if (db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0) {
    return OpenPostgresServerStore(db, error);
  }
  return OpenSqliteServerStore(db, error);
}

}  // namespace syncing::server
