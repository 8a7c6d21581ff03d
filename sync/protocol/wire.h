// The sync protocol's wire types (version 1, JSON over HTTP, gzip bodies) and
// (The namespace is `syncing`: `sync` is taken by POSIX sync() in <unistd.h>.)
// their (de)serialisation with cereal. docs/sync-protocol.md describes them.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "model/records.h"
#include "util/result.h"

namespace syncing::protocol {

inline constexpr int kVersion = 1;

// A record as it travels: one of the synced entities.
using Record = std::variant<std::monostate, core::model::Posyandu, core::model::Household,
                            core::model::Person, core::model::Child, core::model::Measurement,
                            core::model::Visit, core::model::Assignment, core::model::Review>;

// One change: a record's new state (upsert) or its deletion (tombstone).
struct Change {
  std::string change_id;  // "<device id>:<outbox seq>": unique forever
  std::string record_id;
  std::string entity;  // "child", "measurement", ...
  std::string op;      // "upsert" or "tombstone"
  uint64_t hlc = 0;    // hybrid logical clock of the record's version
  std::string device;  // the device that wrote this version
  std::string area;    // the record's village code (scoping)
  int64_t seq = 0;     // the server's sequence number (pulls only)
  Record record;       // monostate for tombstones
};

struct EnrolRequest {
  std::string user;
  std::string password;
  std::string device;
};
struct Profile {
  std::string user_id;
  std::string name;
  std::string role;  // kader, bidan, tpk, babinsa, bhabinkamtibmas, supervisor, admin
  std::string area;
};
struct EnrolResponse {
  std::string token;
  Profile profile;
};
struct PushRequest {
  std::vector<Change> changes;
};
struct Refusal {
  std::string change_id;
  std::string reason;
};
struct PushResponse {
  std::vector<std::string> acknowledged;
  std::vector<Refusal> refused;
};
struct PullResponse {
  std::vector<Change> changes;
  int64_t next = 0;   // the cursor to ask after next time
  bool more = false;  // more changes wait beyond this page
  // How many changes of the area wait after `next`, when the request asked
  // (count=1); -1 when not counted.
  int64_t remaining = -1;
};
struct ErrorBody {
  std::string error;
};

std::string ToJson(const EnrolRequest& v);
std::string ToJson(const EnrolResponse& v);
std::string ToJson(const Profile& v);
std::string ToJson(const PushRequest& v);
std::string ToJson(const PushResponse& v);
std::string ToJson(const PullResponse& v);
std::string ToJson(const ErrorBody& v);
std::string ToJson(const Change& v);
// A record alone (the conflict log keeps losing versions this way).
std::string RecordJson(const Record& record);

// Parses; a broken or ill-typed body is an Error of kind kInvalid with the reason.
core::Result<EnrolRequest> ParseEnrolRequest(const std::string& json);
core::Result<EnrolResponse> ParseEnrolResponse(const std::string& json);
core::Result<Profile> ParseProfile(const std::string& json);
core::Result<PushRequest> ParsePushRequest(const std::string& json);
core::Result<PushResponse> ParsePushResponse(const std::string& json);
core::Result<PullResponse> ParsePullResponse(const std::string& json);
core::Result<Change> ParseChange(const std::string& json);
std::string ParseErrorMessage(const std::string& json);

// Entity names on the wire.
const char* EntityName(int entity);
int EntityFromName(const std::string& name);  // 0 when unknown
const char* RoleName(core::model::Role role);
std::optional<core::model::Role> RoleFromName(const std::string& name);

}  // namespace syncing::protocol
