// Internals shared by the store's source files (not part of the API).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/hlc.h"
#include "model/id.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace core::store {

struct Store::Impl {
  Database db;
  StoreOptions options;
  model::IdGenerator ids;
  model::HybridClock clock;
  int64_t device_n = 0;
  std::string device_uuid;
  bool in_batch = false;
  // Set while applying pulled records: keep their meta, skip the outbox
  // (store/sync_store.cpp). They are validated like local writes.
  bool applying_remote = false;
  int64_t write_device_n = 0;  // the device number the current write records
  model::Hlc remote_hlc = 0;   // the HLC of a pulled tombstone being applied
  std::vector<model::KbmRule> kbm;
  std::string path;

  explicit Impl(Database database, StoreOptions opts, uint64_t seed)
      : db(std::move(database)), options(std::move(opts)), ids(seed) {}

  int64_t NowMs() const { return options.now_ms(); }
  int Today() const { return static_cast<int>(NowMs() / 86'400'000); }
  model::Id NewId() { return ids.Make(NowMs()); }
  // A new HLC for a local write, persisted with the write's transaction.
  model::Hlc Tick();
  Result<void> SaveClock();
  // Appends the outbox entry of a change (inside the write's transaction).
  Result<void> Enqueue(Entity entity, const model::Id& id, Op op);
  // The local number of a device id (added on first sight).
  Result<int64_t> DeviceNumber(const std::string& uuid);
  Result<std::string> DeviceUuid(int64_t n);
};

// Begins a transaction unless a batch is open; commits on Commit().
class WriteScope {
 public:
  static Result<WriteScope> Begin(Store::Impl& impl);
  WriteScope(WriteScope&& other) noexcept : impl_(other.impl_), own_(other.own_) {
    other.own_ = false;
  }
  ~WriteScope();
  Result<void> Commit();

 private:
  WriteScope(Store::Impl& impl, bool own) : impl_(impl), own_(own) {}
  Store::Impl& impl_;
  bool own_;
};

inline std::span<const uint8_t> Blob(const model::Id& id) {
  return {id.bytes.data(), 16};
}
inline model::Id IdAt(const Statement& s, int column) {
  auto b = s.Blob(column);
  return model::Id::FromBytes(b.data(), b.size());
}
// Binds an id, or NULL for an empty one.
inline void BindId(Statement& s, int index, const model::Id& id) {
  if (id.empty()) {
    s.BindNull(index);
  } else {
    s.BindBlob(index, Blob(id));
  }
}
// Several ids in one blob (16 bytes each).
std::vector<uint8_t> PackIds(const std::vector<model::Id>& ids);
std::vector<model::Id> UnpackIds(std::span<const uint8_t> blob);

// Recomputes one child's derived caches from its raw measurements: N/T/O/B of
// every weighing (a month's last standing weighing carries the month) and the
// child's latest-status columns. Called by every write that can change them
// (a measurement saved or pulled, a review, a deletion, the birth date).
Result<void> RefreshChildSummary(Store::Impl& impl, const model::Id& child_id);
// The same for every child, in one transaction (after a migration asks for it).
Result<void> RecomputeDerived(Store::Impl& impl);

// An invalid-input error with its problems.
std::unexpected<Error> Invalid(std::vector<Problem> problems);

// z-scores are stored in integer hundredths; labels packed 4 bits each.
std::optional<int> ZHundredths(const growth::Score& score);
int PackLabels(const growth::Assessment& a);
void UnpackLabels(int packed, growth::Assessment& a);
int PackFlags(const growth::Assessment& a);

}  // namespace core::store
