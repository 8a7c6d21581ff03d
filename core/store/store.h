// The on-device store: one SQLite file holding everything the field users
// write, and the service API through which every write goes. Each write
// validates first (an Error of kind kInvalid with every problem, nothing
// written), then commits the record and its outbox entry in ONE transaction.
// WAL, synchronous=FULL, foreign keys on: a saved measurement survives power loss.
//
// Thread: a Store is used from one thread at a time (the UI thread, or the
// sync worker with its own Store on the same file).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/records.h"
#include "model/weight_gain.h"
#include "util/result.h"

namespace core::store {

class Database;

// What an outbox entry and a sync change name.
enum class Entity : uint8_t {
  kArea = 1,
  kUser,
  kPosyandu,
  kHousehold,
  kPerson,
  kChild,
  kMeasurement,
  kVisit,
  kAssignment,
  kReview,
};
enum class Op : uint8_t { kUpsert = 1, kTombstone = 2 };

struct StoreOptions {
  std::function<int64_t()> now_ms;  // the wall clock; default: the system clock
  uint64_t id_seed = 0;             // non-zero: deterministic ids (demo data, tests)
};

// One row of the children list.
struct ChildRow {
  model::Id id;
  std::string name;
  std::string mother_name;
  growth::Sex sex = growth::Sex::kUnknown;
  int birth_date = 0;
  std::string village_code;
  std::optional<int> last_measured_on;
  // Each from the latest measurement that has what it needs, with its day.
  growth::Status last_height_for_age = growth::Status::kNone;
  growth::Status last_weight_for_height = growth::Status::kNone;
  std::optional<int> last_height_for_age_on, last_weight_for_height_on;
  model::WeightGain last_gain = model::WeightGain::kNone;  // of the latest month weighed
};

enum class ChildListKind : uint8_t {
  kAll = 0,
  kStunted,  // latest TB/U below -2 (the latest measurement with a length)
  kWasted,   // latest BB/TB below -2 (the latest with weight and length)
  kNotMeasuredThisMonth,
  kTwoT,        // T this month (or, until weighed, last month) and the month before
  kAssignedTo,  // assigned to `user`
  kToRefer,     // a measurement calls for a referral, no outcome recorded since
};

struct ChildFilter {
  ChildListKind kind = ChildListKind::kAll;
  std::optional<model::Id> posyandu;  // else: everything within `area_prefix`
  std::string area_prefix;            // "" = all
  model::Id user;                     // for kAssignedTo
  int today = 0;                      // for kNotMeasuredThisMonth
};

struct ChildPage {
  std::vector<ChildRow> rows;
  int total = 0;  // rows matching the filter
};

// An assigned family that is due a visit: its follow-up date has passed, or
// it has not been visited for `overdue_after_days`.
struct DueFamily {
  model::Id household_id;
  std::string head_name;
  std::string address;
  std::string village_code;
  std::optional<int64_t> last_visit_at;
  std::optional<int> follow_up_on;
  int days_overdue = 0;
};

// Today's posyandu day at a glance (Beranda).
struct PosyanduDay {
  int expected = 0;         // active children under 5
  int measured = 0;         // measured this month
  int flagged_waiting = 0;  // flagged measurements without a review
  int unsent_changes = 0;
};

struct StoreStats {
  int64_t areas = 0, households = 0, children = 0, measurements = 0, visits = 0;
  int64_t pending_outbox = 0, flagged = 0;
  std::string integrity;  // "ok" or what PRAGMA integrity_check said
  int64_t file_bytes = 0;
};

// What the NIK checks found: warnings only (the impossible NIKs are refused by
// the writes themselves).
struct NikCheck {
  // warning.nik_birth_date, warning.nik_sex, warning.nik_registered
  std::vector<Problem> warnings;
  // With warning.nik_registered: the other record that has this NIK.
  model::Id other_id;
  std::string other_name;
};

// One child's month in the e-PPGBM export layout: the month's last weighing
// that stands (else its last measurement).
struct ExportRow {
  model::Child child;
  model::Measurement measurement;
  std::string mother_name;
  std::string mother_nik;  // for matching with e-PPGBM, with the household's KK
  std::string posyandu_name;
  model::Household household;
  std::string puskesmas;  // the name of the posyandu's puskesmas (empty: none recorded)
  std::string province, kabupaten, kecamatan, village;
};

class Store {
 public:
  // Opens or creates the store at `path`, running the migrations.
  static Result<std::unique_ptr<Store>> Open(const std::string& path, StoreOptions options = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // This database's device id (made when the file was created).
  const std::string& device_id() const;
  int Today() const;  // the wall clock's day number
  int64_t NowMs() const;

  // --- Writes (the service API). Saving a record with an empty id creates
  // it (the id is returned); with an id, updates it.
  Result<void> SaveArea(const model::Area& area);
  // Reference data of the district, stored and not queued (like areas).
  Result<void> SavePuskesmas(const model::Puskesmas& puskesmas);
  Result<model::Id> SaveUser(model::User user);
  Result<model::Id> SavePosyandu(model::Posyandu posyandu);
  Result<model::Id> RegisterHousehold(model::Household household);
  Result<model::Id> RegisterPerson(model::Person person);
  Result<model::Id> RegisterChild(model::Child child);
  // Saves a measurement with its derived values (age, z-scores, flags,
  // labels, N/T/O/B), which it returns. A flagged value is saved with its flag
  // and waits in the review queue.
  Result<model::Measurement> RecordMeasurement(model::Measurement measurement);
  Result<model::Id> LogVisit(model::Visit visit);
  Result<model::Id> Assign(model::Assignment assignment);
  Result<model::Id> AddReview(model::Review review);
  // Tombstones a record (kept, marked deleted) and queues the change.
  Result<void> Delete(Entity entity, const model::Id& id);

  // NIK warnings before registering (a form shows them; saving is allowed):
  // the NIK's DDMMYY or sex against the record, and a NIK already registered
  // to another child (for a mother: to another person), named so a duplicate
  // registration is caught at the door.
  Result<NikCheck> CheckChildNik(const model::Child& child);
  Result<NikCheck> CheckMotherNik(const model::Person& mother);

  // Validation and derived values without writing (the "Ukur ulang?" check).
  Result<model::Measurement> EvaluateMeasurement(model::Measurement measurement);

  // Groups many writes into one transaction (demo data, a pulled batch). Each
  // write inside still validates and queues its own outbox entry.
  Result<void> BeginBatch();
  // The same, but deferred: many reads see one snapshot and take the file
  // locks once, not once per statement; a write inside still may (rarely)
  // find the database changed since and fail as busy.
  Result<void> BeginReadBatch();
  Result<void> CommitBatch();
  void RollbackBatch();

  // --- Reads
  Result<std::optional<model::Child>> GetChild(const model::Id& id);
  Result<std::optional<model::Household>> GetHousehold(const model::Id& id);
  Result<std::optional<model::Person>> GetPerson(const model::Id& id);
  Result<std::optional<model::User>> GetUser(const model::Id& id);
  Result<std::vector<model::User>> Users();
  Result<std::vector<model::Area>> Areas(const std::string& prefix);
  Result<std::vector<model::Posyandu>> PosyanduIn(const std::string& area_prefix);
  Result<std::vector<model::Person>> PeopleOf(const model::Id& household_id);
  Result<std::vector<model::Child>> ChildrenOf(const model::Id& household_id);
  Result<std::vector<model::Measurement>> MeasurementsOf(const model::Id& child_id);
  Result<std::vector<model::Visit>> VisitsOf(const model::Id& household_id);
  Result<std::vector<model::Review>> ReviewsOf(const model::Id& target_id);

  // Search as you type over child name, mother's name, NIK and KK (prefixes).
  Result<std::vector<ChildRow>> SearchChildren(std::string_view text, int limit);
  Result<ChildPage> ListChildren(const ChildFilter& filter, int offset, int limit);
  // For long lists (a kabupaten: 100,000 children): the filter's children in
  // display order, as row numbers, once per filter change; then the rows of
  // just the visible ones. Rows for row numbers that are gone are skipped.
  Result<std::vector<int64_t>> ChildOrder(const ChildFilter& filter);
  Result<std::vector<ChildRow>> ChildRows(std::span<const int64_t> row_numbers);
  // Families assigned to `user` that are due a visit, most overdue first.
  Result<std::vector<DueFamily>> DueVisits(const model::Id& user, int today,
                                           int overdue_after_days = 30);
  // Flagged measurements no supervisor has reviewed, newest first.
  Result<std::vector<model::Measurement>> ReviewQueue(const std::string& area_prefix, int limit);
  Result<PosyanduDay> DaySummary(const std::optional<model::Id>& posyandu,
                                 const std::string& area_prefix, int today);
  // One row per child weighed or measured in the month (see ExportRow).
  Result<std::vector<ExportRow>> MonthExport(int year, int month);
  Result<StoreStats> Stats();
  Result<std::vector<model::KbmRule>> KbmRules();
  // The day of the child's latest measurement that calls for a referral to the
  // puskesmas with no referral outcome recorded since (none: nothing to refer).
  Result<std::optional<int>> ReferralDue(const model::Id& child_id);
  Result<int64_t> PendingChanges();

  Database& db();

  // Single records by id, deleted ones included (for sync).
  Result<std::optional<model::Measurement>> GetMeasurement(const model::Id& id);
  Result<std::optional<model::Visit>> GetVisit(const model::Id& id);
  Result<std::optional<model::Posyandu>> GetPosyandu(const model::Id& id);
  Result<std::optional<model::Assignment>> GetAssignment(const model::Id& id);
  Result<std::optional<model::Review>> GetReview(const model::Id& id);

  struct Impl;  // internal (store_impl.h)
  Impl& impl() { return *impl_; }

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace core::store
