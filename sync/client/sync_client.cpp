// Push: the outbox in order, in batches; each change carries the record as it
// is now (so two entries of one record send the same, newest version). Pull:
// by cursor; each batch applied in one transaction together with the new
// cursor. Conflicts: last writer wins by (HLC, device id); the loser goes to
// the conflict log; a pulled version never silently overwrites an unsent edit.
#include "sync_client.h"

#include <httplib.h>

#include <chrono>
#include <ctime>
#include <future>
#include <map>
#include <random>
#include <thread>
#include <unordered_map>

#include "gzip.h"
#include "store/sync_store.h"

namespace syncing::client {
namespace {

using core::store::Entity;
using core::store::Store;
using protocol::Change;

constexpr int kPushBatch = 5000;
constexpr int kPullBatch = 1000;

// "https://host:port" -> a client; the token rides in every request.
std::unique_ptr<httplib::Client> Connect(const std::string& url, const std::string& token) {
  auto client = std::make_unique<httplib::Client>(url);
  client->set_connection_timeout(10);
  client->set_read_timeout(60);
  client->set_write_timeout(60);
  // One connection for the whole sync: no new TCP (or TLS) handshake per batch.
  client->set_keep_alive(true);
  client->set_compress(false);   // bodies are gzipped faster than httplib does (gzip.h)
  client->set_decompress(true);  // and accept gzip answers
  if (!token.empty()) client->set_bearer_token_auth(token);
  return client;
}

httplib::Result PostGzipped(httplib::Client& http, const char* path, const std::string& body) {
  return http.Post(path, {{"Content-Encoding", "gzip"}}, body, "application/json");
}

// No connection, or the server dropped it before a whole answer: worth trying
// again (a push is idempotent by change id, a pull is a read). Not a TLS or
// certificate error, which a second try does not mend.
bool ConnectionFailed(httplib::Error error) {
  return error == httplib::Error::Connection || error == httplib::Error::ConnectionTimeout ||
         error == httplib::Error::Read || error == httplib::Error::Write;
}

// Makes a request, and again after a short, doubling, jittered wait while
// the connection fails, within the policy's attempts and time budget.
template <typename Request>
httplib::Result WithRetry(const ConnectRetry& retry, Request&& request) {
  thread_local std::mt19937 rng(std::random_device{}());
  const auto started = std::chrono::steady_clock::now();
  auto wait = retry.first_wait;
  for (int attempt = 1;; ++attempt) {
    httplib::Result res = request();
    if (res || !ConnectionFailed(res.error()) || attempt >= retry.attempts) return res;
    const auto pause = wait + std::chrono::milliseconds(rng() % (wait.count() / 2 + 1));
    if (std::chrono::steady_clock::now() - started + pause > retry.budget) return res;
    std::this_thread::sleep_for(pause);
    wait *= 2;
  }
}

std::string Plain(const httplib::Result& res, SyncProblem* problem) {
  *problem = !res                 ? SyncProblem::kUnreachable
             : res->status == 401 ? SyncProblem::kUnauthorized
                                  : SyncProblem::kServer;
  if (!res) {
    return "cannot reach the server (" + httplib::to_string(res.error()) +
           "): no signal or wrong address; nothing is lost, try again later";
  }
  if (res->status == 401) return "the server does not know this tablet: enrol it again";
  if (res->status == 413) return "the server refused a too large batch";
  return "the server answered " + std::to_string(res->status) + ": " +
         protocol::ParseErrorMessage(res->body);
}

// Village codes of children and families, each read once per push: a
// child's monthly measurements all ask for the same one. (A child moved during
// the push sends its move as a change of its own, after these.)
class AreaCache {
 public:
  explicit AreaCache(Store& store) : store_(store) {}

  const std::string& OfChild(const core::model::Id& id) {
    return Cached(children_, id, [&] { return store_.GetChild(id); });
  }
  const std::string& OfHousehold(const core::model::Id& id) {
    return Cached(households_, id, [&] { return store_.GetHousehold(id); });
  }

 private:
  template <typename Read>
  static const std::string& Cached(std::map<core::model::Id, std::string>& codes,
                                   const core::model::Id& id, Read read) {
    auto [it, added] = codes.try_emplace(id);
    if (added) {
      auto record = read().value_or(std::nullopt);
      if (record) it->second = record->village_code;
    }
    return it->second;
  }

  Store& store_;
  std::map<core::model::Id, std::string> children_;
  std::map<core::model::Id, std::string> households_;
};

// The village a record belongs to (its own, or its child's or family's).
std::string AreaOf(Store& store, AreaCache& areas, Entity entity, const protocol::Record& record) {
  switch (entity) {
    case Entity::kPosyandu:
      return std::get<core::model::Posyandu>(record).village_code;
    case Entity::kHousehold:
      return std::get<core::model::Household>(record).village_code;
    case Entity::kPerson:
      return areas.OfHousehold(std::get<core::model::Person>(record).household_id);
    case Entity::kChild:
      return std::get<core::model::Child>(record).village_code;
    case Entity::kMeasurement:
      return areas.OfChild(std::get<core::model::Measurement>(record).child_id);
    case Entity::kVisit:
      return areas.OfHousehold(std::get<core::model::Visit>(record).household_id);
    case Entity::kAssignment: {
      const auto& a = std::get<core::model::Assignment>(record);
      return a.child_id.empty() ? areas.OfHousehold(a.household_id) : areas.OfChild(a.child_id);
    }
    case Entity::kReview: {
      const auto& r = std::get<core::model::Review>(record);
      if (r.target == core::model::ReviewTarget::kVisit) {
        auto v = store.GetVisit(r.target_id).value_or(std::nullopt);
        return v ? areas.OfHousehold(v->household_id) : std::string();
      }
      auto m = store.GetMeasurement(r.target_id).value_or(std::nullopt);
      return m ? areas.OfChild(m->child_id) : std::string();
    }
    default:
      return "";
  }
}

// The record as this device holds it now, with its meta; monostate if gone.
protocol::Record LoadRecord(Store& store, Entity entity, const core::model::Id& id,
                            core::model::RecordMeta* meta) {
  auto take = [&](auto&& found) -> protocol::Record {
    if (!found || !*found) return std::monostate{};
    *meta = (*found)->meta;
    return **found;
  };
  switch (entity) {
    case Entity::kPosyandu:
      return take(store.GetPosyandu(id));
    case Entity::kHousehold:
      return take(store.GetHousehold(id));
    case Entity::kPerson:
      return take(store.GetPerson(id));
    case Entity::kChild:
      return take(store.GetChild(id));
    case Entity::kMeasurement:
      return take(store.GetMeasurement(id));
    case Entity::kVisit:
      return take(store.GetVisit(id));
    case Entity::kAssignment:
      return take(store.GetAssignment(id));
    case Entity::kReview:
      return take(store.GetReview(id));
    default:
      return std::monostate{};
  }
}

template <typename T>
core::Result<void> Void(const core::Result<T>& result) {
  if (!result) return std::unexpected(result.error());
  return {};
}

// Writes a pulled record through the store's normal writer (remote mode).
core::Result<void> ApplyRecord(Store& store, protocol::Record& record, const Change& c) {
  core::Result<void> result;
  std::visit(
      [&](auto& r) {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          result = core::Fail(core::Error::Kind::kInvalid, "an upsert without a record");
        } else {
          r.meta.updated_at = c.hlc;
          r.meta.device = c.device;
          auto done = [&]() {
            if constexpr (std::is_same_v<T, core::model::Posyandu>)
              return Void(store.SavePosyandu(r));
            if constexpr (std::is_same_v<T, core::model::Household>)
              return Void(store.RegisterHousehold(r));
            if constexpr (std::is_same_v<T, core::model::Person>)
              return Void(store.RegisterPerson(r));
            if constexpr (std::is_same_v<T, core::model::Child>)
              return Void(store.RegisterChild(r));
            if constexpr (std::is_same_v<T, core::model::Measurement>)
              return Void(store.RecordMeasurement(r));
            if constexpr (std::is_same_v<T, core::model::Visit>) return Void(store.LogVisit(r));
            if constexpr (std::is_same_v<T, core::model::Assignment>) return Void(store.Assign(r));
            if constexpr (std::is_same_v<T, core::model::Review>) return Void(store.AddReview(r));
          }();
          result = done;
        }
      },
      record);
  return result;
}

// (hlc, device): the later version wins; the device id breaks ties.
bool Wins(uint64_t hlc, const std::string& device, uint64_t other_hlc,
          const std::string& other_device) {
  return hlc != other_hlc ? hlc > other_hlc : device > other_device;
}

std::string Now(Store& store) {
  const std::time_t t = store.NowMs() / 1000;
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", std::localtime(&t));
  return buf;
}

// Counts what is left as batches go, so the outbox is counted once per sync.
struct ProgressTracker {
  const std::function<void(const SyncProgress&)>& report;
  SyncProgress now;
  void Tell() const {
    if (report) report(now);
  }
};

// A batch of the outbox, read and encoded, ready to send.
struct OutboxBatch {
  std::string body;                                 // the PushRequest's JSON, gzipped
  std::unordered_map<std::string, int64_t> seq_of;  // change id -> outbox entry
  int64_t last_seq = 0;                             // the last entry read
  bool empty() const { return seq_of.empty(); }
};

// Reads the outbox entries after batch.last_seq into `request` (empty when
// none are left). An entry whose record is no longer here is set aside.
std::string ReadChanges(Store& store, AreaCache& areas, SyncReport& report, OutboxBatch& batch,
                        protocol::PushRequest& request) {
  request.changes.reserve(kPushBatch);
  while (request.changes.empty()) {
    auto entries = core::store::ReadOutbox(store, kPushBatch, batch.last_seq);
    if (!entries) return entries.error().message;
    if (entries->empty()) return "";
    for (const auto& e : *entries) {
      batch.last_seq = e.seq;
      Change c;
      c.change_id = store.device_id() + ":" + std::to_string(e.seq);
      c.record_id = e.record_id.ToString();
      c.entity = protocol::EntityName(static_cast<int>(e.entity));
      core::model::RecordMeta meta;
      c.record = LoadRecord(store, e.entity, e.record_id, &meta);
      if (std::holds_alternative<std::monostate>(c.record)) {
        auto set_aside =
            core::store::Quarantine(store, e.seq, "the record is no longer on this tablet");
        if (!set_aside) {
          report.problem = SyncProblem::kStorage;
          return set_aside.error().message;
        }
        continue;
      }
      c.area = AreaOf(store, areas, e.entity, c.record);
      c.hlc = meta.updated_at;
      c.device = meta.device;
      // The record as it is now: deleted since -> a tombstone, whatever the entry.
      c.op = meta.deleted || e.op == core::store::Op::kTombstone ? "tombstone" : "upsert";
      if (c.op == "tombstone") c.record = std::monostate{};
      batch.seq_of[c.change_id] = e.seq;
      request.changes.push_back(std::move(c));
    }
  }
  return "";
}

// Reads and encodes the batch after `after_seq`. The reads share one snapshot
// (one read transaction, not one per record: a third of the tablet's push
// time went to taking and dropping SQLite's file locks).
std::string ReadBatch(Store& store, AreaCache& areas, int64_t after_seq, SyncReport& report,
                      OutboxBatch& batch) {
  batch = OutboxBatch{{}, {}, after_seq};
  protocol::PushRequest request;
  if (auto begun = store.BeginReadBatch(); !begun) return begun.error().message;
  std::string failed = ReadChanges(store, areas, report, batch, request);
  if (!failed.empty()) {
    store.RollbackBatch();
    return failed;
  }
  if (auto ended = store.CommitBatch(); !ended) return ended.error().message;
  if (!request.changes.empty()) batch.body = protocol::GzipFast(protocol::ToJson(request));
  return "";
}

// Sends batches in outbox order, one on the wire at a time. While the server
// stores one, the tablet reads and encodes the next; when the answer says all
// of it was stored, the next goes out before the answer is recorded. Only
// acknowledged entries leave the outbox; after a refusal the rest of that
// batch goes again, ahead of the one read meanwhile.
std::string Push(Store& store, httplib::Client& http, const ConnectRetry& retry, SyncReport& report,
                 ProgressTracker& progress) {
  progress.now.pending_up = store.PendingChanges().value_or(0);
  progress.Tell();
  auto send = [&http, &retry](OutboxBatch& batch) {  // the body moves to the sending thread
    return std::async(std::launch::async, [&http, &retry, body = std::move(batch.body)] {
      return WithRetry(retry, [&] { return PostGzipped(http, "/v1/push", body); });
    });
  };
  AreaCache areas(store);
  OutboxBatch batch;
  if (std::string failed = ReadBatch(store, areas, 0, report, batch); !failed.empty())
    return failed;
  if (batch.empty()) return "";
  auto sending = send(batch);
  while (true) {
    OutboxBatch next;
    const std::string next_failed = ReadBatch(store, areas, batch.last_seq, report, next);
    const auto res = sending.get();
    if (!res || (res->status != 200 && res->status != 403 && res->status != 422))
      return Plain(res, &report.problem);
    auto response = protocol::ParsePushResponse(res->body);
    if (!response) return "the server's answer cannot be read: " + response.error().message;
    std::vector<int64_t> done;
    for (const std::string& id : response->acknowledged) {
      if (auto it = batch.seq_of.find(id); it != batch.seq_of.end()) done.push_back(it->second);
    }
    const bool all_stored = done.size() == batch.seq_of.size();
    const bool next_sent = all_stored && next_failed.empty() && !next.empty();
    if (next_sent) sending = send(next);
    // One transaction for the whole answer (one fsync, not one per entry).
    if (auto begun = store.BeginBatch(); !begun) return begun.error().message;
    if (auto acked = core::store::Acknowledge(store, done); !acked) {
      store.RollbackBatch();
      return acked.error().message;
    }
    // Refused changes are set aside with the reason; the rest goes again.
    int refused = 0;
    for (const protocol::Refusal& r : response->refused) {
      if (auto it = batch.seq_of.find(r.change_id); it != batch.seq_of.end()) {
        if (auto q = core::store::Quarantine(store, it->second, r.reason); !q) {
          store.RollbackBatch();
          return q.error().message;
        }
        ++refused;
      }
    }
    if (auto committed = store.CommitBatch(); !committed) return committed.error().message;
    report.pushed += static_cast<int>(done.size());
    report.refused += refused;
    progress.now.pending_up =
        std::max<int64_t>(0, progress.now.pending_up - static_cast<int64_t>(done.size()) - refused);
    progress.Tell();
    if (!next_failed.empty()) return next_failed;
    if (!all_stored) {  // some of this batch is still to go: first
      if (std::string failed = ReadBatch(store, areas, 0, report, next); !failed.empty())
        return failed;
    }
    if (next.empty()) return "";
    if (!next_sent) sending = send(next);
    batch = std::move(next);
  }
}

// Why a pulled change cannot be applied whatever this tablet holds (its ids,
// entity, operation or record do not fit together), or "" when they do.
std::string ShapeProblem(const Change& c) {
  if (c.change_id.empty() || c.change_id.size() > 200)
    return "the change id is missing or too long";
  if (c.device.empty() || c.device.size() > 100) return "the device id is missing or too long";
  const int entity = protocol::EntityFromName(c.entity);
  if (entity == 0) return "an entity this version does not know: '" + c.entity.substr(0, 40) + "'";
  const auto id = core::model::Id::Parse(c.record_id);
  if (!id) return "the record id is not an id";
  if (c.op == "tombstone") return "";
  if (c.op != "upsert") return "an operation this version does not know: " + c.op.substr(0, 40);
  if (c.record.index() != static_cast<size_t>(entity - 2)) return "the record is not a " + c.entity;
  const bool same_id = std::visit(
      [&](const auto& r) {
        if constexpr (std::is_same_v<std::decay_t<decltype(r)>, std::monostate>) {
          return false;
        } else {
          return r.meta.id == *id;
        }
      },
      c.record);
  return same_id ? "" : "the record's own id is not the change's record id";
}

// A failure of one change that setting it aside answers (a reference this
// tablet lacks, a refused value); anything else (the disk) stops the pull.
bool CannotApply(const core::Error& error) {
  return error.kind == core::Error::Kind::kInvalid || error.kind == core::Error::Kind::kNotFound ||
         error.kind == core::Error::Kind::kConflict;
}

// What applying one pulled change did.
struct Applied {
  bool stored = false;    // this version won and was written
  bool conflict = false;  // a losing version went to the conflict log
};

// Applies one pulled change (ShapeProblem() == "") under the conflict rule.
core::Result<Applied> ApplyChange(Store& store, Change& c) {
  const auto entity = static_cast<Entity>(protocol::EntityFromName(c.entity));
  const auto id = *core::model::Id::Parse(c.record_id);
  Applied applied;
  auto local = core::store::GetLocalVersion(store, entity, id);
  if (!local) return std::unexpected(local.error());
  if (*local) {
    const auto& mine = **local;
    if (mine.hlc == c.hlc && mine.device == c.device) return applied;  // already have it
    if (!Wins(c.hlc, c.device, mine.hlc, mine.device)) {
      if (mine.device != c.device) {  // a concurrent edit lost: keep it in the log
        auto logged = core::store::LogConflict(store, entity, id, c.hlc, c.device, mine.hlc,
                                               protocol::RecordJson(c.record));
        if (!logged) return std::unexpected(logged.error());
        applied.conflict = true;
      }
      return applied;
    }
    auto pending = core::store::HasPendingChange(store, id);
    if (!pending) return std::unexpected(pending.error());
    if (*pending && mine.device != c.device) {  // our unsent edit loses: log it first
      core::model::RecordMeta meta;
      const protocol::Record ours = LoadRecord(store, entity, id, &meta);
      auto logged = core::store::LogConflict(store, entity, id, mine.hlc, mine.device, c.hlc,
                                             protocol::RecordJson(ours));
      if (!logged) return std::unexpected(logged.error());
      applied.conflict = true;
    }
  }
  // A tombstone also for records never held: remembered as deleted.
  auto written = c.op == "tombstone"
                     ? core::store::ApplyTombstone(store, entity, id, c.hlc, c.device)
                     : ApplyRecord(store, c.record, c);
  if (!written) return std::unexpected(written.error());
  applied.stored = true;
  return applied;
}

// What a pass over pulled (or set-aside) changes did, counted only once its
// transaction commits.
struct Tally {
  int applied = 0, conflicts = 0, set_aside = 0;
  void Add(const Applied& a) {
    applied += a.stored ? 1 : 0;
    conflicts += a.conflict ? 1 : 0;
  }
};

// Applies one change under its own savepoint: applied whole, or undone and
// `*why` says why it cannot be applied. An error only for what stops the pull.
core::Result<Applied> ApplyCarefully(Store& store, Change& c, std::string* why) {
  if (std::string shape = ShapeProblem(c); !shape.empty()) {
    *why = std::move(shape);
    return Applied{};
  }
  if (auto begun = core::store::BeginChange(store); !begun) return std::unexpected(begun.error());
  auto applied = ApplyChange(store, c);
  if (applied) {
    if (auto kept = core::store::KeepChange(store); !kept) return std::unexpected(kept.error());
    return applied;
  }
  if (!CannotApply(applied.error())) return applied;
  if (auto undone = core::store::UndoChange(store); !undone) return std::unexpected(undone.error());
  *why = applied.error().message;
  return Applied{};
}

// Applies a page's changes inside the open batch. Fast: no savepoints, and
// the first change that fails to apply stops the pass (`*stopped`; the caller
// rolls back). Careful: each change under a savepoint, one that cannot be
// applied set aside with its reason. Returns an error that stops the pull.
std::string ApplyChanges(Store& store, std::vector<Change>& changes, bool careful, Tally& tally,
                         bool* stopped) {
  for (Change& c : changes) {
    std::string why;
    core::Result<Applied> applied = Applied{};
    if (careful) {
      applied = ApplyCarefully(store, c, &why);
    } else if (why = ShapeProblem(c); why.empty()) {  // nothing written before this check
      applied = ApplyChange(store, c);
      if (!applied && CannotApply(applied.error())) {
        *stopped = true;
        return "";
      }
    }
    if (!applied) return "change " + c.change_id + ": " + applied.error().message;
    if (why.empty()) {
      tally.Add(*applied);
      continue;
    }
    if (auto kept = core::store::SetAside(store, c.change_id, protocol::ToJson(c), why); !kept) {
      return kept.error().message;
    }
    ++tally.set_aside;
  }
  return "";
}

// Applies a page and moves the cursor past it, in one transaction. A page
// whose changes all apply goes through once, without savepoints (the common
// case keeps its speed); one with a change that cannot be applied is rolled
// back and applied again change by change, that change set aside.
std::string ApplyPage(Store& store, protocol::PullResponse& page, Tally& tally) {
  for (const bool careful : {false, true}) {
    tally = {};
    if (auto begun = store.BeginBatch(); !begun) return begun.error().message;
    core::store::BeginRemote(store);
    bool stopped = false;
    std::string failure = ApplyChanges(store, page.changes, careful, tally, &stopped);
    core::store::EndRemote(store);
    if (failure.empty() && !stopped) {
      // The cursor moves in the same transaction as the records it covers.
      auto saved = core::store::PutSyncState(store, "cursor", std::to_string(page.next));
      if (!saved) failure = saved.error().message;
    }
    if (!failure.empty() || stopped) {
      store.RollbackBatch();
      if (!failure.empty()) return failure;
      continue;
    }
    if (auto committed = store.CommitBatch(); !committed) return committed.error().message;
    return "";
  }
  return "";  // not reached: the careful pass never stops
}

// One pass over the set-aside changes, in arrival order, inside the open
// batch: those that apply now leave the table; the rest stay with the newer reason.
std::string RetrySetAsideOnce(Store& store, std::vector<core::store::SetAsideChange>& waiting,
                              Tally& tally, int* recovered) {
  std::vector<core::store::SetAsideChange> still;
  for (core::store::SetAsideChange& kept : waiting) {
    auto change = protocol::ParseChange(kept.change);
    std::string why = change ? "" : "cannot be read: " + change.error().message;
    core::Result<Applied> applied = Applied{};
    if (change) applied = ApplyCarefully(store, *change, &why);
    if (!applied) return "change " + kept.change_id + ": " + applied.error().message;
    if (why.empty()) {  // applied, or lost to a newer version: nothing left to wait for
      tally.Add(*applied);
      ++*recovered;
      if (auto forgotten = core::store::ForgetSetAside(store, kept.n); !forgotten) {
        return forgotten.error().message;
      }
      continue;
    }
    if (why != kept.reason) {
      if (auto updated = core::store::SetAside(store, kept.change_id, kept.change, why); !updated) {
        return updated.error().message;
      }
    }
    still.push_back(std::move(kept));
  }
  waiting = std::move(still);
  return "";
}

// Changes set aside by this or earlier pulls are tried again once the pull is
// done: what they lacked may have arrived. Passes repeat while they make
// progress (a child set aside after its measurement frees it on the next
// pass). With nothing set aside this is one empty read.
std::string RetrySetAside(Store& store, SyncReport& report) {
  auto waiting = core::store::ReadSetAside(store);
  if (!waiting) return waiting.error().message;
  if (waiting->empty()) return "";
  Tally tally;
  int recovered = 0;
  if (auto begun = store.BeginBatch(); !begun) return begun.error().message;
  core::store::BeginRemote(store);
  std::string failure;
  for (size_t before = 0; failure.empty() && !waiting->empty() && waiting->size() != before;) {
    before = waiting->size();
    failure = RetrySetAsideOnce(store, *waiting, tally, &recovered);
  }
  core::store::EndRemote(store);
  if (!failure.empty()) {
    store.RollbackBatch();
    return failure;
  }
  if (auto committed = store.CommitBatch(); !committed) return committed.error().message;
  report.applied += tally.applied;
  report.conflicts += tally.conflicts;
  report.from_set_aside += recovered;
  return "";
}

// A user whose area changed (moved, or given a wider one) needs the new
// area's history too, not only what comes after the cursor: the pull starts
// again from 0. Pulled versions go through last writer wins, so what the
// tablet holds already stays as it is.
std::string FollowAreaChange(Store& store, httplib::Client& http, const ConnectRetry& retry,
                             SyncReport& report) {
  auto res = WithRetry(retry, [&] { return http.Get("/v1/profile"); });
  if (!res || res->status != 200) return Plain(res, &report.problem);
  auto profile = protocol::ParseProfile(res->body);
  if (!profile) return "the server's answer cannot be read: " + profile.error().message;
  const auto area = core::store::GetSyncState(store, "area").value_or(std::nullopt);
  if (area == profile->area) return "";
  if (auto begun = store.BeginBatch(); !begun) return begun.error().message;
  for (const auto& [key, value] :
       {std::pair<std::string, std::string>{"area", profile->area}, {"cursor", "0"}}) {
    if (auto saved = core::store::PutSyncState(store, key, value); !saved) {
      store.RollbackBatch();
      return saved.error().message;
    }
  }
  if (auto committed = store.CommitBatch(); !committed) return committed.error().message;
  return "";
}

// One page of a pull as it came back: the page, or why there is none.
struct PulledPage {
  std::string error;
  SyncProblem problem = SyncProblem::kNone;
  protocol::PullResponse page;
};

// Asks for the page after `after` on another thread and reads the answer there.
std::future<PulledPage> FetchPage(httplib::Client& http, const std::string& after, bool count,
                                  const ConnectRetry& retry) {
  // The first page asks the server to count what follows; later pages count down.
  std::string path = "/v1/pull?after=" + after + "&limit=" + std::to_string(kPullBatch) +
                     (count ? "&count=1" : "");
  return std::async(std::launch::async, [&http, &retry, path = std::move(path)] {
    PulledPage pulled;
    auto res = WithRetry(retry, [&] { return http.Get(path.c_str()); });
    if (!res || res->status != 200) {
      pulled.error = Plain(res, &pulled.problem);
      return pulled;
    }
    auto page = protocol::ParsePullResponse(res->body);
    if (!page) {
      pulled.error = "the server's answer cannot be read: " + page.error().message;
    } else {
      pulled.page = std::move(*page);
    }
    return pulled;
  });
}

// Pages in cursor order. While the tablet applies one, the server reads and
// encodes the next and the tablet parses it (a page's records are only
// written, and the cursor moved, once the page before is committed).
std::string Pull(Store& store, httplib::Client& http, const ConnectRetry& retry, SyncReport& report,
                 ProgressTracker& progress) {
  if (std::string changed = FollowAreaChange(store, http, retry, report); !changed.empty()) {
    return changed;
  }
  const auto cursor = core::store::GetSyncState(store, "cursor").value_or(std::nullopt);
  std::future<PulledPage> fetching = FetchPage(http, cursor ? *cursor : "0", true, retry);
  for (bool first = true;; first = false) {
    PulledPage pulled = fetching.get();
    if (!pulled.error.empty()) {
      report.problem = pulled.problem;
      return pulled.error;
    }
    protocol::PullResponse& page = pulled.page;
    if (page.more) fetching = FetchPage(http, std::to_string(page.next), false, retry);
    Tally tally;
    if (std::string failure = ApplyPage(store, page, tally); !failure.empty()) {
      report.problem = SyncProblem::kStorage;
      return failure;
    }
    report.pulled += static_cast<int>(page.changes.size());
    report.applied += tally.applied;
    report.conflicts += tally.conflicts;
    report.set_aside += tally.set_aside;
    if (first) {
      progress.now.pending_down = page.remaining;
    } else if (progress.now.pending_down >= 0) {
      progress.now.pending_down = std::max<int64_t>(
          0, progress.now.pending_down - static_cast<int64_t>(page.changes.size()));
    }
    if (!page.more) progress.now.pending_down = 0;
    progress.Tell();
    if (page.more) continue;
    std::string retried = RetrySetAside(store, report);
    if (!retried.empty()) report.problem = SyncProblem::kStorage;
    return retried;
  }
}

}  // namespace

namespace {
constexpr const char* kDemoNeverSyncs = "this is a demo database: it never enrols or syncs";
// The app's demo (tumbuh --demo) marks its database so its made-up records
// never reach a real server.
bool IsDemo(Store& store) {
  return core::store::GetSyncState(store, "demo").value_or(std::nullopt) ==
         std::optional<std::string>("1");
}
}  // namespace

core::Result<protocol::Profile> Enrol(Store& store, const std::string& server_url,
                                      const std::string& user, const std::string& password) {
  if (IsDemo(store)) return core::Fail(core::Error::Kind::kInvalid, kDemoNeverSyncs);
  auto http = Connect(server_url, "");
  protocol::EnrolRequest request{user, password, store.device_id()};
  auto res = PostGzipped(*http, "/v1/enrol", protocol::GzipFast(protocol::ToJson(request)));
  if (!res || res->status != 200) {
    SyncProblem ignored;
    // kConflict: refused by the server (wrong password); kStorage: no answer.
    return core::Fail(
        res ? core::Error::Kind::kConflict : core::Error::Kind::kStorage,
        res && res->status == 401 ? "wrong user name or password" : Plain(res, &ignored));
  }
  auto response = protocol::ParseEnrolResponse(res->body);
  if (!response) return std::unexpected(response.error());
  for (const auto& [key, value] : {std::pair<std::string, std::string>{"server", server_url},
                                   {"token", response->token},
                                   {"user", response->profile.name},
                                   {"area", response->profile.area}}) {
    if (auto saved = core::store::PutSyncState(store, key, value); !saved) {
      return std::unexpected(saved.error());
    }
  }
  return response->profile;
}

SyncReport SyncOnce(Store& store, const std::function<void(const SyncProgress&)>& on_progress,
                    const ConnectRetry& retry) {
  SyncReport report;
  ProgressTracker progress{on_progress, {}};
  if (IsDemo(store)) {
    report.error = kDemoNeverSyncs;
    report.problem = SyncProblem::kNotEnrolled;
    return report;
  }
  const auto server = core::store::GetSyncState(store, "server").value_or(std::nullopt);
  const auto token = core::store::GetSyncState(store, "token").value_or(std::nullopt);
  if (!server || !token) {
    report.error = "this tablet is not enrolled with a server yet";
    report.problem = SyncProblem::kNotEnrolled;
    return report;
  }
  auto http = Connect(*server, *token);
  const auto started = std::chrono::steady_clock::now();
  report.error = Push(store, *http, retry, report, progress);
  const auto pushed = std::chrono::steady_clock::now();
  report.push_seconds = std::chrono::duration<double>(pushed - started).count();
  if (report.error.empty()) report.error = Pull(store, *http, retry, report, progress);
  report.waiting_set_aside = core::store::SetAsideCount(store).value_or(-1);
  report.pull_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - pushed).count();
  if (report.ok()) (void)core::store::PutSyncState(store, "last_success", Now(store));
  return report;
}

SyncWorker::SyncWorker(std::string db_path) : db_path_(std::move(db_path)) {
  thread_ = std::thread([this] { Run(); });
}

SyncWorker::~SyncWorker() {
  {
    std::lock_guard guard(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void SyncWorker::SyncNow() {
  {
    std::lock_guard guard(mutex_);
    now_ = true;
  }
  wake_.notify_all();
}

void SyncWorker::Enrol(std::string server_url, std::string user, std::string password) {
  {
    std::lock_guard guard(mutex_);
    enrol_ = EnrolRequest{std::move(server_url), std::move(user), std::move(password)};
  }
  wake_.notify_all();
}

SyncStatus SyncWorker::status() const {
  std::lock_guard guard(mutex_);
  return status_;
}

void SyncWorker::Run() {
  auto opened = Store::Open(db_path_);  // its own connection: the UI never waits
  std::mt19937 rng(std::random_device{}());
  std::chrono::seconds backoff{5};
  while (true) {
    bool configured = false;
    int64_t pending = 0;
    if (opened) {
      configured = core::store::GetSyncState(**opened, "token").value_or(std::nullopt).has_value();
      pending = (*opened)->PendingChanges().value_or(0);
    }
    {
      std::unique_lock guard(mutex_);
      status_.configured = configured;
      status_.pending_up = pending;
      // Wait for "sync now"; with changes waiting, retry after the backoff.
      const auto wait = configured && pending > 0 ? backoff : std::chrono::seconds(3600);
      wake_.wait_for(guard, wait, [this] { return now_ || stop_ || enrol_; });
      if (stop_) return;
      if (enrol_ && opened) {
        const EnrolRequest request = *enrol_;
        enrol_.reset();
        status_.running = true;
        guard.unlock();
        auto profile = client::Enrol(**opened, request.url, request.user, request.password);
        guard.lock();
        status_.running = false;
        status_.last_error = profile ? "" : profile.error().message;
        status_.problem = profile ? SyncProblem::kNone
                          : profile.error().kind == core::Error::Kind::kConflict
                              ? SyncProblem::kUnauthorized
                              : SyncProblem::kUnreachable;
        if (!profile) continue;
        configured = true;  // and sync at once
      }
      enrol_.reset();
      now_ = false;
      if (!configured || !opened) continue;
      status_.running = true;
    }
    const SyncReport report = SyncOnce(**opened, [this](const SyncProgress& now) {
      std::lock_guard guard(mutex_);
      status_.pending_up = now.pending_up;
      status_.pending_down = now.pending_down;
    });
    std::lock_guard guard(mutex_);
    status_.running = false;
    if (report.ok()) status_.pending_down = 0;
    status_.pending_up = (*opened)->PendingChanges().value_or(0);
    status_.refused = report.refused;
    status_.set_aside = report.waiting_set_aside;
    if (report.ok()) {
      status_.last_error.clear();
      status_.problem = SyncProblem::kNone;
      status_.last_success =
          core::store::GetSyncState(**opened, "last_success").value_or(std::nullopt).value_or("");
      backoff = std::chrono::seconds(5);
    } else {
      status_.last_error = report.error;
      status_.problem =
          report.problem == SyncProblem::kNone ? SyncProblem::kStorage : report.problem;
      // Exponential backoff with jitter, up to 15 minutes.
      backoff = std::min(std::chrono::seconds(900), backoff * 2);
      backoff += std::chrono::seconds(rng() % (backoff.count() / 2 + 1));
    }
  }
}

}  // namespace syncing::client
