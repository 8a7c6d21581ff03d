// Schema steps. Never edit a step that has shipped: add a new one.
//
// Ids are 16-byte UUIDv7 blobs; `hlc` is the hybrid logical clock of the last
// write; `device` is a small integer into `device`; `deleted` is the tombstone.
// Weights in grams, lengths in millimetres, dates as day numbers, z-scores as
// integer hundredths (the cache of what the growth engine computes).
#include "store/migrations.h"

#include <string>

namespace core::store {
namespace {

struct Step {
  const char* name;
  const char* sql;
};

constexpr Step kSteps[] = {
    {"initial schema", R"sql(
CREATE TABLE device (
  n INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE
);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value ANY
) WITHOUT ROWID;

CREATE TABLE area (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  level INTEGER NOT NULL,
  parent TEXT NOT NULL DEFAULT '',
  hlc INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE user (
  id BLOB PRIMARY KEY,
  name TEXT NOT NULL,
  role INTEGER NOT NULL,
  area_code TEXT NOT NULL,
  unit TEXT NOT NULL DEFAULT '',
  hlc INTEGER NOT NULL, device INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE posyandu (
  id BLOB PRIMARY KEY,
  name TEXT NOT NULL,
  village_code TEXT NOT NULL,
  cadre_ids BLOB NOT NULL DEFAULT x'',
  hlc INTEGER NOT NULL, device INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX posyandu_by_village ON posyandu(village_code);

CREATE TABLE household (
  id BLOB PRIMARY KEY,
  kk TEXT NOT NULL,
  head_name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  rt TEXT NOT NULL DEFAULT '', rw TEXT NOT NULL DEFAULT '',
  village_code TEXT NOT NULL,
  water INTEGER NOT NULL DEFAULT 0,
  latrine INTEGER NOT NULL DEFAULT 0,
  terlalu INTEGER NOT NULL DEFAULT 0,
  smoker INTEGER,
  welfare_decile INTEGER,
  at_risk INTEGER NOT NULL DEFAULT 0,
  hlc INTEGER NOT NULL, device INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX household_by_village ON household(village_code);
CREATE INDEX household_by_kk ON household(kk);

CREATE TABLE person (
  id BLOB PRIMARY KEY,
  name TEXT NOT NULL,
  nik TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  birth_date INTEGER,
  household_id BLOB NOT NULL REFERENCES household(id),
  hlc INTEGER NOT NULL, device INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX person_by_household ON person(household_id);

-- A rowid table: the search index refers to children by rowid.
CREATE TABLE child (
  n INTEGER PRIMARY KEY,
  id BLOB NOT NULL UNIQUE,
  name TEXT NOT NULL,
  sex INTEGER NOT NULL,
  birth_date INTEGER NOT NULL,
  nik TEXT NOT NULL DEFAULT '',
  birth_weight_g INTEGER, birth_length_mm INTEGER, child_order INTEGER,
  mother_id BLOB REFERENCES person(id),
  household_id BLOB NOT NULL REFERENCES household(id),
  posyandu_id BLOB REFERENCES posyandu(id),
  village_code TEXT NOT NULL,
  status INTEGER NOT NULL DEFAULT 1,
  consent_by TEXT NOT NULL, consent_at INTEGER NOT NULL, consent_purpose TEXT NOT NULL,
  -- the latest measurement, kept for fast lists and filters
  last_measured_on INTEGER, last_tbu INTEGER, last_bbu INTEGER, last_bbtb INTEGER,
  last_gain INTEGER, prev_gain INTEGER, last_weight_g INTEGER,
  hlc INTEGER NOT NULL, device INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX child_by_posyandu ON child(posyandu_id, name);
CREATE INDEX child_by_name ON child(name, village_code, status, deleted);  -- area-wide lists
CREATE INDEX child_by_village ON child(village_code, name);
CREATE INDEX child_by_household ON child(household_id);
CREATE INDEX child_by_mother ON child(mother_id);

CREATE VIRTUAL TABLE child_search USING fts5(
  name, mother_name, nik, kk,
  prefix = '1 2 3 4', tokenize = 'unicode61 remove_diacritics 2');

-- Small local numbers for the ids that measurements refer to (who measured),
-- so each row carries 2-3 bytes instead of a 16-byte id.
CREATE TABLE local_ref (
  n INTEGER PRIMARY KEY,
  id BLOB NOT NULL UNIQUE
);

-- The child is referred to by its row number (child.n), not its 16-byte id:
-- a measurement is the most numerous record, and every byte counts on a tablet.
CREATE TABLE measurement (
  id BLOB PRIMARY KEY,
  child_n INTEGER NOT NULL REFERENCES child(n),
  measured_on INTEGER NOT NULL,
  weight_g INTEGER, length_mm INTEGER, posture INTEGER NOT NULL DEFAULT 0,
  head_mm INTEGER, muac_mm INTEGER,
  oedema INTEGER NOT NULL DEFAULT 0, vitamin_a INTEGER NOT NULL DEFAULT 0,
  pmt_g INTEGER, notes TEXT NOT NULL DEFAULT '', measured_by INTEGER,  -- local_ref.n
  age_days INTEGER NOT NULL,
  z_len INTEGER, z_wei INTEGER, z_wfl INTEGER, z_bmi INTEGER, z_hc INTEGER, z_ac INTEGER,
  flags INTEGER NOT NULL DEFAULT 0,
  labels INTEGER NOT NULL DEFAULT 0,
  gain INTEGER NOT NULL DEFAULT 0,
  hlc INTEGER NOT NULL, device INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX measurement_by_child ON measurement(child_n, measured_on);
CREATE INDEX measurement_flagged ON measurement(measured_on) WHERE flags != 0;

CREATE TABLE visit (
  id BLOB PRIMARY KEY,
  household_id BLOB NOT NULL REFERENCES household(id),
  visited_at INTEGER NOT NULL,
  visitor_id BLOB, visitor_name TEXT NOT NULL, visitor_role INTEGER NOT NULL,
  visitor_unit TEXT NOT NULL DEFAULT '',
  people_seen BLOB NOT NULL DEFAULT x'',
  purpose INTEGER NOT NULL,
  observed TEXT NOT NULL DEFAULT '',
  child_ate_aid INTEGER,
  follow_up_on INTEGER,
  referral TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  hlc INTEGER NOT NULL, device INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX visit_by_household ON visit(household_id, visited_at);

CREATE TABLE aid_item (
  visit_id BLOB NOT NULL REFERENCES visit(id),
  n INTEGER NOT NULL,
  type TEXT NOT NULL, quantity REAL NOT NULL, unit TEXT NOT NULL, source INTEGER NOT NULL,
  PRIMARY KEY (visit_id, n)
) WITHOUT ROWID;

CREATE TABLE assignment (
  id BLOB PRIMARY KEY,
  child_id BLOB REFERENCES child(id), household_id BLOB REFERENCES household(id),
  assignee_id BLOB, organisation TEXT NOT NULL DEFAULT '',
  from_day INTEGER NOT NULL, to_day INTEGER,
  hlc INTEGER NOT NULL, device INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX assignment_by_assignee ON assignment(assignee_id);

CREATE TABLE review (
  id BLOB PRIMARY KEY,
  target INTEGER NOT NULL, target_id BLOB NOT NULL,
  reviewer_id BLOB NOT NULL, decision INTEGER NOT NULL, comment TEXT NOT NULL DEFAULT '',
  reviewed_at INTEGER NOT NULL,
  hlc INTEGER NOT NULL, device INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX review_by_target ON review(target_id);

-- Every local change, written in the transaction that makes it; removed only
-- when the server has acknowledged it. AUTOINCREMENT: a seq is never reused,
-- so (device, seq) is a change id unique forever.
-- The change carries the record as it is when pushed (its hlc included).
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  entity INTEGER NOT NULL,
  record_id BLOB NOT NULL,
  op INTEGER NOT NULL
);

-- Minimum monthly weight gain (KBM) by age in completed months: data, so a
-- programme officer can correct it without a release (domain.md).
CREATE TABLE kbm_rule (
  from_month INTEGER PRIMARY KEY,
  min_gain_g INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO kbm_rule VALUES (1, 800), (2, 900), (3, 800), (4, 600), (5, 500), (6, 400),
  (8, 300), (11, 200);
)sql"},

    {"sync state, quarantine and conflict log", R"sql(
CREATE TABLE sync_state (
  key TEXT PRIMARY KEY,
  value ANY
) WITHOUT ROWID;
-- Changes the server refused, set aside with the reason; never deleted unasked.
CREATE TABLE quarantine (
  seq INTEGER PRIMARY KEY,
  entity INTEGER NOT NULL, record_id BLOB NOT NULL, op INTEGER NOT NULL,
  reason TEXT NOT NULL, at INTEGER NOT NULL
);
-- The losing versions of conflicts (last writer wins), for a supervisor to see.
CREATE TABLE conflict_log (
  n INTEGER PRIMARY KEY,
  entity INTEGER NOT NULL, record_id BLOB NOT NULL,
  lost_hlc INTEGER NOT NULL, lost_device TEXT NOT NULL, won_hlc INTEGER NOT NULL,
  payload TEXT NOT NULL, at INTEGER NOT NULL
);
)sql"},

    {"deletions of records never held", R"sql(
-- A pulled tombstone for a record this device never had: kept, so that an
-- older version of the record pulled later loses to it instead of reviving it.
CREATE TABLE remote_tombstone (
  id BLOB PRIMARY KEY,
  entity INTEGER NOT NULL,
  hlc INTEGER NOT NULL,
  device TEXT NOT NULL
) WITHOUT ROWID;
)sql"},

    {"pulled changes set aside", R"sql(
-- Pulled changes this tablet could not apply (a reference it does not hold
-- yet, a value it refuses), kept as they came with the reason, so the rest of
-- the pull goes on; retried after every pull, removed once applied.
CREATE TABLE pulled_set_aside (
  n INTEGER PRIMARY KEY,           -- arrival order: retried in it
  change_id TEXT NOT NULL UNIQUE,  -- pulled again (a cursor reset): kept once
  change TEXT NOT NULL,            -- the change as it came (wire JSON)
  reason TEXT NOT NULL,
  at INTEGER NOT NULL              -- when first set aside (seconds)
);
)sql"},

    {"SKDN rules: KMS columns, month weights, each indicator's latest status", R"sql(
-- The KBM is read by KMS column (calendar months since the birth month), not
-- by completed months (domain.md, SKDN).
ALTER TABLE kbm_rule RENAME COLUMN from_month TO from_column;
-- Each indicator's latest status comes from the latest measurement that has
-- what it needs (length for TB/U, weight for BB/U, both for BB/TB): its date.
ALTER TABLE child ADD COLUMN last_tbu_on INTEGER;
ALTER TABLE child ADD COLUMN last_bbu_on INTEGER;
ALTER TABLE child ADD COLUMN last_bbtb_on INTEGER;
-- The day of the month weight (the month's last standing weighing) that
-- last_gain is of; prev_gain is the month before it.
ALTER TABLE child ADD COLUMN last_weighed_on INTEGER;
-- The day of the latest measurement that calls for a referral to the
-- puskesmas (T, 2T, BB/U, TB/U or BB/TB below -3, low MUAC) with no referral
-- outcome recorded since: the "to refer" list.
ALTER TABLE child ADD COLUMN refer_on INTEGER;
-- The child has a KIA/KMS book (the K of SKDN).
ALTER TABLE child ADD COLUMN kia INTEGER NOT NULL DEFAULT 0;
-- Puskesmas: the district's reference data, like areas; a posyandu reports to one.
CREATE TABLE puskesmas (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kecamatan TEXT NOT NULL
) WITHOUT ROWID;
ALTER TABLE posyandu ADD COLUMN puskesmas TEXT NOT NULL DEFAULT '';
-- The derived caches follow the new rules: recomputed when the store opens.
INSERT OR REPLACE INTO settings(key, value) VALUES ('recompute_derived', 1);
)sql"},
};

constexpr int kStepCount = sizeof(kSteps) / sizeof(kSteps[0]);

Result<int> UserVersion(Database& db) {
  auto stmt = db.Prepare("PRAGMA user_version");
  if (!stmt) return std::unexpected(stmt.error());
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  const int version = static_cast<int>((*stmt)->Int(0));
  (*stmt)->Reset();
  return version;
}

}  // namespace

int LatestSchemaVersion() {
  return kStepCount;
}

Result<void> Migrate(Database& db, int target) {
  if (target < 0) target = kStepCount;
  auto version = UserVersion(db);
  if (!version) return std::unexpected(version.error());
  if (*version > kStepCount) {
    return Fail(Error::Kind::kTooNew, "the database has schema " + std::to_string(*version) +
                                          "; this Tumbuh knows up to " +
                                          std::to_string(kStepCount) + ": update the app");
  }
  for (int step = *version; step < target; ++step) {
    auto tx = Transaction::Begin(db);
    if (!tx) return std::unexpected(tx.error());
    if (auto done = db.Exec(kSteps[step].sql); !done) {
      return Fail(Error::Kind::kStorage, std::string("migration ") + std::to_string(step + 1) +
                                             " (" + kSteps[step].name +
                                             ") failed: " + done.error().message);
    }
    if (auto done = db.Exec("PRAGMA user_version = " + std::to_string(step + 1)); !done) {
      return done;
    }
    if (auto done = tx->Commit(); !done) return done;
  }
  return {};
}

}  // namespace core::store
