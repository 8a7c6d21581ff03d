#include "store/sync_store.h"

#include "store/settings.h"
#include "store/sqlite.h"
#include "store/store_impl.h"

namespace core::store {

const char* TableOf(Entity entity) {
  static constexpr const char* kTables[] = {"",          "area",       "user",  "posyandu",
                                            "household", "person",     "child", "measurement",
                                            "visit",     "assignment", "review"};
  const int i = static_cast<int>(entity);
  return i >= 1 && i <= 10 ? kTables[i] : "";
}

Result<std::vector<OutboxEntry>> ReadOutbox(Store& store, int limit, int64_t after_seq) {
  auto stmt = store.db().Prepare(
      "SELECT seq, entity, record_id, op FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, after_seq).Bind(2, limit);
  std::vector<OutboxEntry> out;
  while (true) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    Statement& s = **stmt;
    out.push_back({s.Int(0), static_cast<Entity>(s.Int(1)), IdAt(s, 2), static_cast<Op>(s.Int(3))});
  }
  return out;
}

Result<void> Acknowledge(Store& store, std::span<const int64_t> seqs) {
  auto stmt = store.db().Prepare("DELETE FROM outbox WHERE seq = ?");
  if (!stmt) return std::unexpected(stmt.error());
  for (int64_t seq : seqs) {
    if (auto done = (*stmt)->Bind(1, seq).Run(); !done) return done;
  }
  return {};
}

Result<void> Quarantine(Store& store, int64_t seq, const std::string& reason) {
  auto move = store.db().Prepare(
      "INSERT INTO quarantine(seq, entity, record_id, op, reason, at) "
      "SELECT seq, entity, record_id, op, ?, ? FROM outbox WHERE seq = ?");
  if (!move) return std::unexpected(move.error());
  if (auto done = (*move)->Bind(1, reason).Bind(2, store.NowMs() / 1000).Bind(3, seq).Run();
      !done) {
    return done;
  }
  auto del = store.db().Prepare("DELETE FROM outbox WHERE seq = ?");
  if (!del) return std::unexpected(del.error());
  return (*del)->Bind(1, seq).Run();
}

static Result<int64_t> CountRows(Store& store, const char* sql) {
  auto stmt = store.db().Prepare(sql);
  if (!stmt) return std::unexpected(stmt.error());
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  const int64_t n = (*stmt)->Int(0);
  (*stmt)->Reset();
  return n;
}

Result<int64_t> QuarantineCount(Store& store) {
  return CountRows(store, "SELECT count(*) FROM quarantine");
}
Result<int64_t> ConflictCount(Store& store) {
  return CountRows(store, "SELECT count(*) FROM conflict_log");
}

Result<std::optional<LocalVersion>> GetLocalVersion(Store& store, Entity entity,
                                                    const model::Id& id) {
  auto stmt =
      store.db().Prepare(std::string("SELECT t.hlc, d.uuid, t.deleted FROM ") + TableOf(entity) +
                         " t JOIN device d ON d.n = t.device WHERE t.id = ?");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->BindBlob(1, Blob(id));
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  std::optional<LocalVersion> version;
  if (*row) {
    version = LocalVersion{static_cast<model::Hlc>((*stmt)->Int(0)), (*stmt)->Text(1),
                           (*stmt)->Int(2) != 0};
  }
  (*stmt)->Reset();
  if (version) return version;
  // Never held, but perhaps deleted elsewhere: that deletion is its version.
  auto gone = store.db().Prepare("SELECT hlc, device FROM remote_tombstone WHERE id = ?");
  if (!gone) return std::unexpected(gone.error());
  (*gone)->BindBlob(1, Blob(id));
  auto found = (*gone)->Step();
  if (!found) return std::unexpected(found.error());
  if (*found) {
    version = LocalVersion{static_cast<model::Hlc>((*gone)->Int(0)), (*gone)->Text(1), true};
  }
  (*gone)->Reset();
  return version;
}

Result<bool> HasPendingChange(Store& store, const model::Id& id) {
  auto stmt = store.db().Prepare("SELECT 1 FROM outbox WHERE record_id = ? LIMIT 1");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->BindBlob(1, Blob(id));
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  (*stmt)->Reset();
  return *row;
}

void BeginRemote(Store& store) {
  store.impl().applying_remote = true;
}
void EndRemote(Store& store) {
  store.impl().applying_remote = false;
}

Result<void> ApplyTombstone(Store& store, Entity entity, const model::Id& id, model::Hlc hlc,
                            const std::string& device) {
  Store::Impl& impl = store.impl();
  auto n = impl.DeviceNumber(device);
  if (!n) return std::unexpected(n.error());
  impl.clock.Observe(hlc);
  // Through Store::Delete, so the search index and the child's latest status
  // follow, with the tombstone's own HLC and device.
  const bool was_remote = impl.applying_remote;
  impl.applying_remote = true;
  impl.remote_hlc = hlc;
  impl.write_device_n = *n;
  auto deleted = store.Delete(entity, id);
  impl.applying_remote = was_remote;
  if (deleted || deleted.error().kind != Error::Kind::kNotFound) return deleted;

  // Already deleted here: take the tombstone's version so all devices agree.
  auto update = store.db().Prepare(std::string("UPDATE ") + TableOf(entity) +
                                   " SET hlc = ?, device = ? WHERE id = ?");
  if (!update) return std::unexpected(update.error());
  (*update)->Bind(1, static_cast<int64_t>(hlc)).Bind(2, *n).BindBlob(3, Blob(id));
  if (auto done = (*update)->Run(); !done) return done;
  if (store.db().Changes() > 0) return {};
  // Never held here: remember the deletion itself.
  auto keep = store.db().Prepare(
      "INSERT OR REPLACE INTO remote_tombstone(id, entity, hlc, device) VALUES (?, ?, ?, ?)");
  if (!keep) return std::unexpected(keep.error());
  (*keep)->BindBlob(1, Blob(id)).Bind(2, static_cast<int>(entity));
  (*keep)->Bind(3, static_cast<int64_t>(hlc)).Bind(4, device);
  return (*keep)->Run();
}

Result<void> LogConflict(Store& store, Entity entity, const model::Id& id, model::Hlc lost_hlc,
                         const std::string& lost_device, model::Hlc won_hlc,
                         const std::string& payload) {
  auto stmt = store.db().Prepare(
      "INSERT INTO conflict_log(entity, record_id, lost_hlc, lost_device, won_hlc, payload, at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, static_cast<int>(entity)).BindBlob(2, Blob(id));
  (*stmt)->Bind(3, static_cast<int64_t>(lost_hlc)).Bind(4, lost_device);
  (*stmt)->Bind(5, static_cast<int64_t>(won_hlc)).Bind(6, payload).Bind(7, store.NowMs() / 1000);
  return (*stmt)->Run();
}

Result<void> SetAside(Store& store, const std::string& change_id, const std::string& change,
                      const std::string& reason) {
  auto stmt = store.db().Prepare(
      "INSERT INTO pulled_set_aside(change_id, change, reason, at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT(change_id) DO UPDATE SET change = excluded.change, reason = excluded.reason");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, change_id).Bind(2, change).Bind(3, reason).Bind(4, store.NowMs() / 1000);
  return (*stmt)->Run();
}

Result<std::vector<SetAsideChange>> ReadSetAside(Store& store) {
  auto stmt = store.db().Prepare(
      "SELECT n, change_id, change, reason, at FROM pulled_set_aside ORDER BY n");
  if (!stmt) return std::unexpected(stmt.error());
  std::vector<SetAsideChange> out;
  while (true) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    Statement& s = **stmt;
    out.push_back({s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4)});
  }
  return out;
}

Result<void> ForgetSetAside(Store& store, int64_t n) {
  auto stmt = store.db().Prepare("DELETE FROM pulled_set_aside WHERE n = ?");
  if (!stmt) return std::unexpected(stmt.error());
  return (*stmt)->Bind(1, n).Run();
}

Result<int64_t> SetAsideCount(Store& store) {
  return CountRows(store, "SELECT count(*) FROM pulled_set_aside");
}

static Result<void> RunPrepared(Store& store, const char* sql) {
  auto stmt = store.db().Prepare(sql);
  if (!stmt) return std::unexpected(stmt.error());
  return (*stmt)->Run();
}
Result<void> BeginChange(Store& store) {
  return RunPrepared(store, "SAVEPOINT pulled_change");
}
Result<void> KeepChange(Store& store) {
  return RunPrepared(store, "RELEASE pulled_change");
}
Result<void> UndoChange(Store& store) {
  if (auto undone = RunPrepared(store, "ROLLBACK TO pulled_change"); !undone) return undone;
  return KeepChange(store);  // ROLLBACK TO leaves the savepoint open
}

Result<std::optional<std::string>> GetSyncState(Store& store, const std::string& key) {
  return GetKeyValue(store, "sync_state", key);
}

Result<void> PutSyncState(Store& store, const std::string& key, const std::string& value) {
  return PutKeyValue(store, "sync_state", key, value);
}

}  // namespace core::store
