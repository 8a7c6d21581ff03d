// The server's central store behind one interface: users and device tokens,
// and the change log every device pushes to and pulls from. SQLite
// (OpenSqliteServerStore) or PostgreSQL (OpenPostgresServerStore).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/result.h"
#include "wire.h"

namespace syncing::server {

struct UserRecord {
  std::string id;  // UUID text
  std::string name;
  std::string role;
  std::string area;
  std::string password_hash;  // argon2id (libsodium crypto_pwhash_str)
};

struct PullPage {
  std::vector<protocol::Change> changes;
  int64_t next = 0;
  bool more = false;
};

class ServerStore {
 public:
  virtual ~ServerStore() = default;
  virtual core::Result<void> AddUser(const UserRecord& user) = 0;
  virtual core::Result<std::optional<UserRecord>> FindUser(const std::string& name) = 0;
  // Revokes every device token of the user (the user stays).
  virtual core::Result<int> RevokeTokens(const std::string& name) = 0;
  virtual core::Result<void> AddToken(const std::string& token_hash, const std::string& user,
                                      const std::string& device) = 0;
  virtual core::Result<std::optional<UserRecord>> UserForToken(const std::string& token_hash) = 0;
  // Stores the batch whole or not at all, each change with its JSON
  // (`bodies[i]`, a protocol::Change document: what pulls send back). A change
  // id seen before is acknowledged and not stored again. Returns the
  // acknowledged change ids.
  virtual core::Result<std::vector<std::string>> StoreChanges(
      const std::vector<protocol::Change>& changes, const std::vector<std::string>& bodies) = 0;
  // Changes after `after` (in commit order) whose area lies inside `area_prefix`.
  virtual core::Result<PullPage> ChangesAfter(int64_t after, const std::string& area_prefix,
                                              int limit) = 0;
  // How many changes after `after` lie inside `area_prefix` (one index scan).
  virtual core::Result<int64_t> CountAfter(int64_t after, const std::string& area_prefix) = 0;
  virtual core::Result<int64_t> ChangeCount() = 0;
};

// Opens (creating) a SQLite server store. nullptr and `error` on failure.
std::unique_ptr<ServerStore> OpenSqliteServerStore(const std::string& path, std::string* error);
// Connects to PostgreSQL ("postgresql://user@host:port/db"), creating the
// schema if needed; several servers may share it. nullptr and `error` on failure.
std::unique_ptr<ServerStore> OpenPostgresServerStore(const std::string& url, std::string* error);
// Either, by the form of `db`: a postgresql:// URL or a SQLite file path.
std::unique_ptr<ServerStore> OpenServerStore(const std::string& db, std::string* error);

}  // namespace syncing::server
