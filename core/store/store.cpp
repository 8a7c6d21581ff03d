// Store: opening (pragmas, migrations, device id, clock), batches, stats.
#include "store/store.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>

#include "store/migrations.h"
#include "store/store_impl.h"

namespace core::store {

std::vector<uint8_t> PackIds(const std::vector<model::Id>& ids) {
  std::vector<uint8_t> blob;
  blob.reserve(ids.size() * 16);
  for (const model::Id& id : ids) blob.insert(blob.end(), id.bytes.begin(), id.bytes.end());
  return blob;
}

std::vector<model::Id> UnpackIds(std::span<const uint8_t> blob) {
  std::vector<model::Id> ids;
  for (size_t i = 0; i + 16 <= blob.size(); i += 16) {
    ids.push_back(model::Id::FromBytes(blob.data() + i, 16));
  }
  return ids;
}

std::unexpected<Error> Invalid(std::vector<Problem> problems) {
  std::string message = "refused:";
  for (const Problem& p : problems) message += " " + p.field + " (" + p.key + ")";
  return std::unexpected<Error>(Error{Error::Kind::kInvalid, message, std::move(problems)});
}

std::optional<int> ZHundredths(const growth::Score& score) {
  if (!score.exists()) return std::nullopt;
  return static_cast<int>(std::lround(growth::RoundZ2(score.z) * 100));
}

int PackLabels(const growth::Assessment& a) {
  return static_cast<int>(a.height_for_age) | static_cast<int>(a.weight_for_age) << 4 |
         static_cast<int>(a.weight_for_height) << 8 | static_cast<int>(a.bmi_for_age) << 12;
}

void UnpackLabels(int packed, growth::Assessment& a) {
  a.height_for_age = static_cast<growth::Status>(packed & 15);
  a.weight_for_age = static_cast<growth::Status>((packed >> 4) & 15);
  a.weight_for_height = static_cast<growth::Status>((packed >> 8) & 15);
  a.bmi_for_age = static_cast<growth::Status>((packed >> 12) & 15);
}

int PackFlags(const growth::Assessment& a) {
  int flags = 0;
  for (int i = 0; i < growth::kIndicatorCount; ++i) {
    if (a.scores[i].exists() && a.scores[i].flagged) flags |= 1 << i;
  }
  return flags;
}

model::Hlc Store::Impl::Tick() {
  return clock.Tick(NowMs());
}

Result<void> Store::Impl::SaveClock() {
  auto stmt = db.Prepare("INSERT OR REPLACE INTO settings(key, value) VALUES ('hlc', ?)");
  if (!stmt) return std::unexpected(stmt.error());
  return (*stmt)->Bind(1, static_cast<int64_t>(clock.last())).Run();
}

Result<void> Store::Impl::Enqueue(Entity entity, const model::Id& id, Op op) {
  if (applying_remote) return {};  // a pulled record is not a local change
  auto stmt = db.Prepare("INSERT INTO outbox(entity, record_id, op) VALUES (?, ?, ?)");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, static_cast<int>(entity)).BindBlob(2, Blob(id));
  (*stmt)->Bind(3, static_cast<int>(op));
  if (auto done = (*stmt)->Run(); !done) return done;
  return SaveClock();
}

Result<int64_t> Store::Impl::DeviceNumber(const std::string& uuid) {
  auto find = db.Prepare("SELECT n FROM device WHERE uuid = ?");
  if (!find) return std::unexpected(find.error());
  (*find)->Bind(1, uuid);
  auto row = (*find)->Step();
  if (!row) return std::unexpected(row.error());
  if (*row) {
    const int64_t n = (*find)->Int(0);
    (*find)->Reset();
    return n;
  }
  auto add = db.Prepare("INSERT INTO device(uuid) VALUES (?)");
  if (!add) return std::unexpected(add.error());
  if (auto done = (*add)->Bind(1, uuid).Run(); !done) return std::unexpected(done.error());
  return db.LastInsertRowid();
}

Result<std::string> Store::Impl::DeviceUuid(int64_t n) {
  if (n == device_n) return device_uuid;
  auto find = db.Prepare("SELECT uuid FROM device WHERE n = ?");
  if (!find) return std::unexpected(find.error());
  (*find)->Bind(1, n);
  auto row = (*find)->Step();
  if (!row) return std::unexpected(row.error());
  std::string uuid = *row ? (*find)->Text(0) : std::string();
  (*find)->Reset();
  return uuid;
}

Result<WriteScope> WriteScope::Begin(Store::Impl& impl) {
  if (impl.in_batch) return WriteScope(impl, false);
  if (auto done = impl.db.Exec("BEGIN IMMEDIATE"); !done) return std::unexpected(done.error());
  return WriteScope(impl, true);
}

WriteScope::~WriteScope() {
  if (own_) (void)impl_.db.Exec("ROLLBACK");
}

Result<void> WriteScope::Commit() {
  if (!own_) return {};
  auto done = impl_.db.Exec("COMMIT");
  if (done) own_ = false;
  return done;
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() {
  if (impl_ && impl_->in_batch) RollbackBatch();
}

namespace {

// A path that names a file on disk (not ":memory:" or a "file:" URI).
bool IsPlainFile(const std::string& path) {
  return !path.empty() && path.front() != ':' && path.rfind("file:", 0) != 0;
}

// Children's names, NIK and health data: the database is the app user's
// alone. Creates the file with mode 0600 before SQLite opens it, and tightens
// an existing one (an older file, or one copied in with a wider mode).
Result<void> MakePrivate(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return Fail(Error::Kind::kStorage, "cannot open " + path + ": " + std::strerror(errno));
  const int tightened = ::fchmod(fd, 0600) == 0 ? 0 : errno;
  ::close(fd);
  if (tightened != 0) {
    return Fail(Error::Kind::kStorage,
                "cannot make " + path + " private: " + std::strerror(tightened));
  }
  return {};
}

// The WAL and its index hold the same data: the same mode (SQLite copies the
// database's mode when it makes them; this also fixes ones left wider).
Result<void> MakeWalPrivate(const std::string& path) {
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::string file = path + suffix;
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) continue;  // not made yet: made later with the db's mode
    if ((st.st_mode & 0777) != 0600 && ::chmod(file.c_str(), 0600) != 0) {
      return Fail(Error::Kind::kStorage,
                  "cannot make " + file + " private: " + std::strerror(errno));
    }
  }
  return {};
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, StoreOptions options) {
  if (!options.now_ms) {
    options.now_ms = [] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
  }
  const bool on_disk = IsPlainFile(path);
  if (on_disk) {
    if (auto done = MakePrivate(path); !done) return std::unexpected(done.error());
  }
  auto db = Database::Open(path);
  if (!db) return std::unexpected(db.error());
  // WAL + FULL: a committed write survives a crash or a flat battery.
  for (const char* pragma :
       {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"}) {
    if (auto done = db->Exec(pragma); !done) {
      return Fail(Error::Kind::kStorage, path + ": " + done.error().message);
    }
  }
  if (on_disk) {
    if (auto done = MakeWalPrivate(path); !done) return std::unexpected(done.error());
  }
  if (auto done = Migrate(*db); !done) return std::unexpected(done.error());

  const uint64_t seed = options.id_seed;
  auto impl = std::make_unique<Impl>(std::move(*db), std::move(options), seed);
  impl->path = path;

  // The device id and the clock live in `settings`; made on first open.
  auto get = impl->db.Prepare("SELECT value FROM settings WHERE key = ?");
  if (!get) return std::unexpected(get.error());
  (*get)->Bind(1, "device_id");
  auto row = (*get)->Step();
  if (!row) return std::unexpected(row.error());
  if (*row) {
    impl->device_uuid = (*get)->Text(0);
  }
  (*get)->Reset();
  if (impl->device_uuid.empty()) {
    impl->device_uuid =
        model::IdGenerator(seed ? seed ^ 0x9e3779b97f4a7c15ULL : 0).Make(impl->NowMs()).ToString();
    auto put = impl->db.Prepare("INSERT INTO settings(key, value) VALUES ('device_id', ?)");
    if (!put) return std::unexpected(put.error());
    if (auto done = (*put)->Bind(1, impl->device_uuid).Run(); !done) {
      return std::unexpected(done.error());
    }
  }
  auto n = impl->DeviceNumber(impl->device_uuid);
  if (!n) return std::unexpected(n.error());
  impl->device_n = *n;
  impl->write_device_n = *n;

  (*get)->Bind(1, "hlc");
  row = (*get)->Step();
  if (!row) return std::unexpected(row.error());
  if (*row) impl->clock = model::HybridClock(static_cast<model::Hlc>((*get)->Int(0)));
  (*get)->Reset();

  auto kbm = impl->db.Prepare("SELECT from_column, min_gain_g FROM kbm_rule ORDER BY from_column");
  if (!kbm) return std::unexpected(kbm.error());
  while (true) {
    auto r = (*kbm)->Step();
    if (!r) return std::unexpected(r.error());
    if (!*r) break;
    impl->kbm.push_back({static_cast<int>((*kbm)->Int(0)), static_cast<int>((*kbm)->Int(1))});
  }
  // A migration that changed how derived values are computed asks for them
  // again (they are a cache of the raw measurements).
  (*get)->Bind(1, "recompute_derived");
  row = (*get)->Step();
  if (!row) return std::unexpected(row.error());
  const bool recompute = *row;
  (*get)->Reset();
  if (recompute) {
    if (auto done = RecomputeDerived(*impl); !done) return std::unexpected(done.error());
  }
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

const std::string& Store::device_id() const {
  return impl_->device_uuid;
}
int Store::Today() const {
  return impl_->Today();
}
int64_t Store::NowMs() const {
  return impl_->NowMs();
}
Database& Store::db() {
  return impl_->db;
}

Result<void> Store::BeginBatch() {
  if (impl_->in_batch) return Fail(Error::Kind::kConflict, "a batch is already open");
  if (auto done = impl_->db.Exec("BEGIN IMMEDIATE"); !done) return done;
  impl_->in_batch = true;
  return {};
}

Result<void> Store::BeginReadBatch() {
  if (impl_->in_batch) return Fail(Error::Kind::kConflict, "a batch is already open");
  if (auto done = impl_->db.Exec("BEGIN DEFERRED"); !done) return done;
  impl_->in_batch = true;
  return {};
}

Result<void> Store::CommitBatch() {
  if (!impl_->in_batch) return Fail(Error::Kind::kConflict, "no batch is open");
  auto done = impl_->db.Exec("COMMIT");
  if (done) impl_->in_batch = false;
  return done;
}

void Store::RollbackBatch() {
  if (!impl_->in_batch) return;
  (void)impl_->db.Exec("ROLLBACK");
  impl_->in_batch = false;
}

Result<std::vector<model::KbmRule>> Store::KbmRules() {
  return impl_->kbm;
}

Result<int64_t> Store::PendingChanges() {
  auto stmt = impl_->db.Prepare("SELECT count(*) FROM outbox");
  if (!stmt) return std::unexpected(stmt.error());
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  const int64_t n = (*stmt)->Int(0);
  (*stmt)->Reset();
  return n;
}

Result<StoreStats> Store::Stats() {
  StoreStats stats;
  struct Count {
    const char* sql;
    int64_t* out;
  };
  const Count counts[] = {
      {"SELECT count(*) FROM area", &stats.areas},
      {"SELECT count(*) FROM household WHERE deleted = 0", &stats.households},
      {"SELECT count(*) FROM child WHERE deleted = 0", &stats.children},
      {"SELECT count(*) FROM measurement WHERE deleted = 0", &stats.measurements},
      {"SELECT count(*) FROM visit WHERE deleted = 0", &stats.visits},
      {"SELECT count(*) FROM outbox", &stats.pending_outbox},
      {"SELECT count(*) FROM measurement WHERE flags != 0 AND deleted = 0", &stats.flagged},
  };
  for (const Count& c : counts) {
    auto stmt = impl_->db.Prepare(c.sql);
    if (!stmt) return std::unexpected(stmt.error());
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    *c.out = (*stmt)->Int(0);
    (*stmt)->Reset();
  }
  auto check = impl_->db.Prepare("PRAGMA integrity_check");
  if (!check) return std::unexpected(check.error());
  while (true) {
    auto row = (*check)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    if (!stats.integrity.empty()) stats.integrity += "; ";
    stats.integrity += (*check)->Text(0);
  }
  struct stat st {};
  if (::stat(impl_->path.c_str(), &st) == 0) stats.file_bytes = st.st_size;
  return stats;
}

}  // namespace core::store
