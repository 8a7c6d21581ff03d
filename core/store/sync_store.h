// What the sync client needs from the store: the outbox in order, removing
// only acknowledged entries, setting refused ones aside, the local version of
// a record, applying pulled records without queueing them, setting aside the
// pulled changes it cannot apply, the conflict log, and the sync state
// (server, token, cursor). The conflict rule itself (last
// writer wins by HLC, device id breaks ties) lives in sync/client.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "store/store.h"

namespace core::store {

struct OutboxEntry {
  int64_t seq;
  Entity entity;
  model::Id record_id;
  Op op;
};

// The version of a record this device holds.
struct LocalVersion {
  model::Hlc hlc;
  std::string device;
  bool deleted;
};

// The outbox, oldest first (at most `limit`).
Result<std::vector<OutboxEntry>> ReadOutbox(Store& store, int limit, int64_t after_seq = 0);
// Removes the entries the server acknowledged (and only those).
Result<void> Acknowledge(Store& store, std::span<const int64_t> seqs);
// Moves a refused entry to the quarantine with the server's reason.
Result<void> Quarantine(Store& store, int64_t seq, const std::string& reason);
Result<int64_t> QuarantineCount(Store& store);

Result<std::optional<LocalVersion>> GetLocalVersion(Store& store, Entity entity,
                                                    const model::Id& id);
// True while a local change of the record waits in the outbox.
Result<bool> HasPendingChange(Store& store, const model::Id& id);

// Applies pulled records through the normal writers, keeping their id, HLC and
// device, without outbox entries. They are validated like local writes, by this
// tablet's clock (the pulling tablet checks again). Use inside a batch;
// EndRemote() always.
void BeginRemote(Store& store);
void EndRemote(Store& store);
// A record this device never held is remembered as deleted (GetLocalVersion
// then reports that deletion), so an older version arriving later loses.
Result<void> ApplyTombstone(Store& store, Entity entity, const model::Id& id, model::Hlc hlc,
                            const std::string& device);

// Keeps a losing version (as its wire text) for a supervisor to see.
Result<void> LogConflict(Store& store, Entity entity, const model::Id& id, model::Hlc lost_hlc,
                         const std::string& lost_device, model::Hlc won_hlc,
                         const std::string& payload);
Result<int64_t> ConflictCount(Store& store);

// A pulled change this tablet cannot apply yet, as it came (wire JSON, opaque
// here) with the reason; the rest of the pull goes on without it.
struct SetAsideChange {
  int64_t n = 0;  // arrival order
  std::string change_id;
  std::string change;
  std::string reason;
  int64_t at = 0;  // when first set aside (seconds)
};
// Keeps a pulled change aside; one already kept (pulled again) gets the new reason.
Result<void> SetAside(Store& store, const std::string& change_id, const std::string& change,
                      const std::string& reason);
// Every change set aside, in arrival order (for the retry after a pull).
Result<std::vector<SetAsideChange>> ReadSetAside(Store& store);
// Removes a set-aside change once it has been applied (or lost to a newer version).
Result<void> ForgetSetAside(Store& store, int64_t n);
Result<int64_t> SetAsideCount(Store& store);

// One savepoint inside a batch: a pulled change that fails half-way leaves nothing.
Result<void> BeginChange(Store& store);
Result<void> KeepChange(Store& store);
Result<void> UndoChange(Store& store);

Result<std::optional<std::string>> GetSyncState(Store& store, const std::string& key);
Result<void> PutSyncState(Store& store, const std::string& key, const std::string& value);

// The record's table name for an entity ("measurement").
const char* TableOf(Entity entity);

}  // namespace core::store
