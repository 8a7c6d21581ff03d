// The server's central store behind one interface: users and device tokens,
// and the change log every device pushes to and pulls from. SQLite
// (OpenSqliteServerStore) or PostgreSQL (OpenPostgresServerStore).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "change_checks.h"
#include "util/result.h"
#include "wire.h"

namespace syncing::server {

struct UserRecord {
  std::string id;  // UUID text
  std::string name;
  std::string role;
  std::string area;
  std::string password_hash;  // argon2id (libsodium crypto_pwhash_str)
  bool disabled = false;      // revoked: cannot enrol until an admin enables the user again
};

// Who a device token speaks for: the user, and the device it was given to.
struct Session {
  UserRecord user;
  std::string device;
};

struct PullPage {
  std::vector<protocol::Change> changes;
  int64_t next = 0;
  bool more = false;
};

class ServerStore {
 public:
  virtual ~ServerStore() = default;
  // Adds the user, or changes an existing one's role, area and password (its
  // disabled flag stays as it is).
  virtual core::Result<void> AddUser(const UserRecord& user) = 0;
  virtual core::Result<std::optional<UserRecord>> FindUser(const std::string& name) = 0;
  // Revokes every device token of the user (the user stays).
  virtual core::Result<int> RevokeTokens(const std::string& name) = 0;
  // A disabled user cannot enrol; false when there is no such user.
  virtual core::Result<bool> SetUserDisabled(const std::string& name, bool disabled) = 0;
  // Binds a new token to the user and device. A device enrolled by another
  // user is an Error of kind kConflict: its change ids are that user's.
  virtual core::Result<void> AddToken(const std::string& token_hash, const std::string& user,
                                      const std::string& device) = 0;
  virtual core::Result<std::optional<Session>> SessionForToken(const std::string& token_hash) = 0;
  // The places of those of `ids` the server holds.
  virtual core::Result<Places> FindPlaces(const std::vector<std::string>& ids) = 0;
  // Stores the batch whole or not at all, each change with its JSON
  // (`bodies[i]`, a protocol::Change document: what pulls send back), and the
  // places of the records it writes. A change id seen before is acknowledged
  // and not stored again. Returns the acknowledged change ids.
  virtual core::Result<std::vector<std::string>> StoreChanges(
      const std::vector<protocol::Change>& changes, const std::vector<std::string>& bodies,
      const Places& placed) = 0;
  // A group of pushes in one transaction, so the pushes that arrive together
  // share one commit (one fsync) instead of queueing for one each. Inside a
  // group, each StoreChanges is a savepoint: a batch is still stored whole or
  // not at all, and FindPlaces sees the batches stored before it. EndGroup
  // commits (or, with false or on failure, rolls back every batch of the group).
  virtual core::Result<void> BeginGroup() = 0;
  virtual core::Result<void> EndGroup(bool commit) = 0;
  // Changes after `after` (in commit order) whose area lies inside `area_prefix`.
  virtual core::Result<PullPage> ChangesAfter(int64_t after, const std::string& area_prefix,
                                              int limit) = 0;
  // How many changes after `after` lie inside `area_prefix` (one index scan).
  virtual core::Result<int64_t> CountAfter(int64_t after, const std::string& area_prefix) = 0;
  virtual core::Result<int64_t> ChangeCount() = 0;
};

// The places of every record in a change log written before the server kept
// them (one pass in sequence order); `next` gives each stored body in turn,
// nullopt at the end.
Places PlacesFromLog(const std::function<std::optional<std::string>()>& next);

// Opens (creating) a SQLite server store. nullptr and `error` on failure.
std::unique_ptr<ServerStore> OpenSqliteServerStore(const std::string& path, std::string* error);
// Connects to PostgreSQL ("postgresql://user@host:port/db"), creating the
// schema if needed; several servers may share it. nullptr and `error` on failure.
std::unique_ptr<ServerStore> OpenPostgresServerStore(const std::string& url, std::string* error);
// Either, by the form of `db`: a postgresql:// URL or a SQLite file path.
std::unique_ptr<ServerStore> OpenServerStore(const std::string& db, std::string* error);

}  // namespace syncing::server
