// The service API's writes: validate, derive, then the record and its outbox
// entry in one transaction (WriteScope). Pulled records are validated too, by
// this tablet's clock: one that fails is set aside by the sync client. Derived caches (z-scores,
// N/T/O/B, the child's latest status, the search index) are refreshed in the same transaction but
// queue no change: every device recomputes them.
#include <algorithm>
#include <chrono>
#include <cmath>

#include "model/age.h"
#include "model/referral.h"
#include "model/validation.h"
#include "model/weight_gain.h"
#include "store/store.h"
#include "store/store_impl.h"

namespace core::store {

using model::Id;

namespace {

constexpr const char* kTableOf[] = {"",          "area",       "user",  "posyandu",
                                    "household", "person",     "child", "measurement",
                                    "visit",     "assignment", "review"};

std::string Observed(const model::VisitObservations& o) {
  std::string out;
  for (const auto& v : {o.clean_water, o.latrine, o.smoking_at_home, o.exclusive_breastfeeding,
                        o.immunisation_complete, o.anc_for_pregnant_mother}) {
    out.push_back(!v ? '?' : (*v ? 'y' : 'n'));
  }
  return out;
}

// Runs a prepared upsert whose binder fills the parameters.
template <typename Bind>
Result<void> Exec(Database& db, const char* sql, Bind&& bind) {
  auto stmt = db.Prepare(sql);
  if (!stmt) return std::unexpected(stmt.error());
  bind(**stmt);
  return (*stmt)->Run();
}

// True when a row with `id` exists in `table` (deleted or not).
Result<bool> Exists(Database& db, const char* table, const Id& id) {
  auto stmt = db.Prepare(std::string("SELECT 1 FROM ") + table + " WHERE id = ?");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->BindBlob(1, Blob(id));
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  (*stmt)->Reset();
  return *row;
}

}  // namespace

// Stamps a record for a local write: a new id if it has none, the HLC, this device.
// Applying a record pulled from the server keeps its id, HLC and device.
static void Stamp(Store::Impl& impl, model::RecordMeta& meta) {
  if (impl.applying_remote) {
    impl.clock.Observe(meta.updated_at);
    impl.write_device_n = impl.DeviceNumber(meta.device).value_or(impl.device_n);
    return;
  }
  if (meta.id.empty()) meta.id = impl.NewId();
  meta.updated_at = impl.Tick();
  meta.device = impl.device_uuid;
  impl.write_device_n = impl.device_n;
}

// Rebuilds the search row of one child (name, mother's name, NIKs, KK).
static Result<void> RefreshSearch(Database& db, const Id& child_id) {
  auto del =
      db.Prepare("DELETE FROM child_search WHERE rowid = (SELECT n FROM child WHERE id = ?)");
  if (!del) return std::unexpected(del.error());
  if (auto done = (*del)->BindBlob(1, Blob(child_id)).Run(); !done) return done;
  return Exec(
      db,
      "INSERT INTO child_search(rowid, name, mother_name, nik, kk) "
      "SELECT c.n, c.name, coalesce(p.name, ''), trim(c.nik || ' ' || coalesce(p.nik, '')), "
      "coalesce(h.kk, '') FROM child c LEFT JOIN person p ON p.id = c.mother_id "
      "LEFT JOIN household h ON h.id = c.household_id WHERE c.id = ? AND c.deleted = 0",
      [&](Statement& s) { s.BindBlob(1, Blob(child_id)); });
}

namespace {

// One measurement of a child's history, as N/T/O/B and the latest statuses need it.
struct HistoryRow {
  Id id;
  int day;
  std::optional<int> weight_g;
  bool has_length;
  int labels;
  int gain;
  bool stands;  // not sent back by a supervisor since it was last written
  std::optional<int> muac_mm;
  bool referral_closed;  // a health worker recorded a referral outcome on it
};

// A child's measurements, oldest first (same day: in the order they were made,
// ids being time-ordered). A measurement is sent back while its latest review
// says so and no edit came after that review.
Result<std::vector<HistoryRow>> History(Database& db, const Id& child_id) {
  auto list = db.Prepare(
      "SELECT m.id, m.measured_on, m.weight_g, m.length_mm IS NOT NULL, m.labels, m.gain, "
      "coalesce((SELECT r.decision = 2 AND r.hlc > m.hlc FROM review r "
      "  WHERE r.target_id = m.id AND r.deleted = 0 AND r.decision IN (1, 2) "
      "  ORDER BY r.reviewed_at DESC, r.hlc DESC LIMIT 1), 0), m.muac_mm, "
      "EXISTS (SELECT 1 FROM review r WHERE r.target_id = m.id AND r.deleted = 0 "
      "  AND r.decision = 3) "
      "FROM measurement m WHERE m.child_n = (SELECT n FROM child WHERE id = ?) "
      "AND m.deleted = 0 ORDER BY m.measured_on, m.id");
  if (!list) return std::unexpected(list.error());
  (*list)->BindBlob(1, Blob(child_id));
  std::vector<HistoryRow> rows;
  while (true) {
    auto r = (*list)->Step();
    if (!r) return std::unexpected(r.error());
    if (!*r) break;
    Statement& s = **list;
    std::optional<int> weight, muac;
    if (!s.IsNull(2)) weight = static_cast<int>(s.Int(2));
    if (!s.IsNull(7)) muac = static_cast<int>(s.Int(7));
    rows.push_back({IdAt(s, 0), static_cast<int>(s.Int(1)), weight, s.Int(3) != 0,
                    static_cast<int>(s.Int(4)), static_cast<int>(s.Int(5)), s.Int(6) == 0, muac,
                    s.Int(8) != 0});
  }
  return rows;
}

// The weighings of `rows` for MonthlyGains, and for each the row it came from.
std::vector<model::Weighing> Weighings(const std::vector<HistoryRow>& rows,
                                       std::vector<size_t>& row_of) {
  std::vector<model::Weighing> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!rows[i].weight_g) continue;
    out.push_back({rows[i].day, *rows[i].weight_g, rows[i].stands});
    row_of.push_back(i);
  }
  return out;
}

// The child a measurement is of.
Result<Id> ChildOfMeasurement(Database& db, const Id& measurement_id) {
  auto child =
      db.Prepare("SELECT c.id FROM measurement m JOIN child c ON c.n = m.child_n WHERE m.id = ?");
  if (!child) return std::unexpected(child.error());
  (*child)->BindBlob(1, Blob(measurement_id));
  auto row = (*child)->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return Fail(Error::Kind::kNotFound, "no measurement " + measurement_id.ToString());
  const Id child_id = IdAt(**child, 0);
  (*child)->Reset();
  return child_id;
}

Result<int> BirthDate(Database& db, const Id& child_id) {
  auto birth = db.Prepare("SELECT birth_date FROM child WHERE id = ?");
  if (!birth) return std::unexpected(birth.error());
  (*birth)->BindBlob(1, Blob(child_id));
  auto found = (*birth)->Step();
  if (!found) return std::unexpected(found.error());
  if (!*found) return Fail(Error::Kind::kNotFound, "no child " + child_id.ToString());
  const int birth_date = static_cast<int>((*birth)->Int(0));
  (*birth)->Reset();
  return birth_date;
}

}  // namespace

Result<void> RefreshChildSummary(Store::Impl& impl, const Id& child_id) {
  Database& db = impl.db;
  auto birth_date = BirthDate(db, child_id);
  if (!birth_date) return std::unexpected(birth_date.error());
  auto history = History(db, child_id);
  if (!history) return std::unexpected(history.error());
  const std::vector<HistoryRow>& rows = *history;

  std::vector<size_t> row_of;
  const std::vector<model::Weighing> weighings = Weighings(rows, row_of);
  const std::vector<model::WeightGain> gains =
      model::MonthlyGains(*birth_date, weighings, impl.kbm);
  std::vector<model::WeightGain> row_gain(rows.size(), model::WeightGain::kNone);
  for (size_t k = 0; k < gains.size(); ++k) row_gain[row_of[k]] = gains[k];

  // The latest month weight's result, the one before it, and each indicator's
  // latest status from the latest standing measurement that has what it needs.
  model::WeightGain last_gain = model::WeightGain::kNone, prev_gain = model::WeightGain::kNone;
  std::optional<int> last_weight, last_weighed_on, last_measured_on;
  std::optional<int> tbu, tbu_on, bbu, bbu_on, bbtb, bbtb_on;
  int refer_on = -1;  // none
  for (size_t i = 0; i < rows.size(); ++i) {
    const HistoryRow& row = rows[i];
    last_measured_on = row.day;
    if (row.referral_closed) refer_on = -1;  // an outcome closes this and what came before
    if (row_gain[i] != model::WeightGain::kNone) {
      prev_gain = last_gain;
      last_gain = row_gain[i];
      last_weighed_on = row.day;
    }
    if (!row.stands) continue;
    growth::Assessment statuses;
    UnpackLabels(row.labels, statuses);
    const model::WeightGain before =
        row_gain[i] != model::WeightGain::kNone ? prev_gain : model::WeightGain::kNone;
    if (!row.referral_closed &&
        model::ReferralReasons(statuses, row.muac_mm, model::CompletedMonths(*birth_date, row.day),
                               row_gain[i], before) != 0) {
      refer_on = row.day;
    }
    if (row.weight_g) last_weight = row.weight_g, bbu = (row.labels >> 4) & 15, bbu_on = row.day;
    if (row.has_length) tbu = row.labels & 15, tbu_on = row.day;
    if (row.has_length && row.weight_g) bbtb = (row.labels >> 8) & 15, bbtb_on = row.day;
    if (static_cast<int>(row_gain[i]) != row.gain) {
      auto done = Exec(db, "UPDATE measurement SET gain = ? WHERE id = ?", [&](Statement& s) {
        s.Bind(1, static_cast<int>(row_gain[i])).BindBlob(2, Blob(row.id));
      });
      if (!done) return done;
    }
  }
  for (size_t i = 0; i < rows.size(); ++i) {  // sent-back rows lose their result
    if (!rows[i].stands && rows[i].gain != 0) {
      auto done = Exec(db, "UPDATE measurement SET gain = 0 WHERE id = ?",
                       [&](Statement& s) { s.BindBlob(1, Blob(rows[i].id)); });
      if (!done) return done;
    }
  }
  return Exec(db,
              "UPDATE child SET last_measured_on = ?, last_tbu = ?, last_bbu = ?, last_bbtb = ?, "
              "last_gain = ?, prev_gain = ?, last_weight_g = ?, last_tbu_on = ?, "
              "last_bbu_on = ?, last_bbtb_on = ?, last_weighed_on = ?, refer_on = ? WHERE id = ?",
              [&](Statement& s) {
                s.Bind(1, last_measured_on).Bind(2, tbu).Bind(3, bbu).Bind(4, bbtb);
                s.Bind(5, static_cast<int>(last_gain)).Bind(6, static_cast<int>(prev_gain));
                s.Bind(7, last_weight).Bind(8, tbu_on).Bind(9, bbu_on).Bind(10, bbtb_on);
                s.Bind(11, last_weighed_on).BindBlob(13, Blob(child_id));
                if (refer_on < 0) {
                  s.BindNull(12);
                } else {
                  s.Bind(12, refer_on);
                }
              });
}

Result<void> RecomputeDerived(Store::Impl& impl) {
  auto tx = Transaction::Begin(impl.db);
  if (!tx) return std::unexpected(tx.error());
  auto ids = impl.db.Prepare("SELECT id FROM child");
  if (!ids) return std::unexpected(ids.error());
  std::vector<Id> children;
  while (true) {
    auto r = (*ids)->Step();
    if (!r) return std::unexpected(r.error());
    if (!*r) break;
    children.push_back(IdAt(**ids, 0));
  }
  for (const Id& child : children) {
    if (auto done = RefreshChildSummary(impl, child); !done) return done;
  }
  if (auto done = impl.db.Exec("DELETE FROM settings WHERE key = 'recompute_derived'"); !done) {
    return done;
  }
  return tx->Commit();
}

Result<void> Store::SaveArea(const model::Area& area) {
  if (auto problems = impl_->applying_remote ? std::vector<Problem>{} : model::ValidateArea(area);
      !problems.empty())
    return Invalid(problems);
  auto scope = WriteScope::Begin(*impl_);
  if (!scope) return std::unexpected(scope.error());
  // Areas are reference data from the district: stored, not queued for upload.
  auto done = Exec(impl_->db,
                   "INSERT INTO area(code, name, level, parent, hlc) VALUES (?, ?, ?, ?, ?) "
                   "ON CONFLICT(code) DO UPDATE SET name = excluded.name, level = excluded.level, "
                   "parent = excluded.parent, hlc = excluded.hlc",
                   [&](Statement& s) {
                     s.Bind(1, area.code).Bind(2, area.name).Bind(3, static_cast<int>(area.level));
                     s.Bind(4, area.parent_code).Bind(5, static_cast<int64_t>(impl_->Tick()));
                   });
  if (!done) return done;
  return scope->Commit();
}

Result<void> Store::SavePuskesmas(const model::Puskesmas& p) {
  if (auto problems = model::ValidatePuskesmas(p); !problems.empty()) return Invalid(problems);
  auto scope = WriteScope::Begin(*impl_);
  if (!scope) return std::unexpected(scope.error());
  auto done =
      Exec(impl_->db,
           "INSERT INTO puskesmas(code, name, kecamatan) VALUES (?, ?, ?) "
           "ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
           "kecamatan = excluded.kecamatan",
           [&](Statement& s) { s.Bind(1, p.code).Bind(2, p.name).Bind(3, p.kecamatan_code); });
  if (!done) return done;
  return scope->Commit();
}

Result<Id> Store::SaveUser(model::User user) {
  if (auto problems = impl_->applying_remote ? std::vector<Problem>{} : model::ValidateUser(user);
      !problems.empty())
    return Invalid(problems);
  auto scope = WriteScope::Begin(*impl_);
  if (!scope) return std::unexpected(scope.error());
  Stamp(*impl_, user.meta);
  // The people using this tablet: local profiles, managed on the server, not uploaded.
  auto done =
      Exec(impl_->db,
           "INSERT INTO user(id, name, role, area_code, unit, hlc, device) "
           "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
           "role = excluded.role, area_code = excluded.area_code, unit = excluded.unit, "
           "hlc = excluded.hlc, device = excluded.device",
           [&](Statement& s) {
             s.BindBlob(1, Blob(user.meta.id)).Bind(2, user.name);
             s.Bind(3, static_cast<int>(user.role)).Bind(4, user.area_code);
             s.Bind(5, user.unit).Bind(6, static_cast<int64_t>(user.meta.updated_at));
             s.Bind(7, impl_->write_device_n);
           });
  if (!done) return std::unexpected(done.error());
  if (auto saved = impl_->SaveClock(); !saved) return std::unexpected(saved.error());
  if (auto committed = scope->Commit(); !committed) return std::unexpected(committed.error());
  return user.meta.id;
}

Result<Id> Store::SavePosyandu(model::Posyandu p) {
  if (auto problems = model::ValidatePosyandu(p); !problems.empty()) return Invalid(problems);
  auto scope = WriteScope::Begin(*impl_);
  if (!scope) return std::unexpected(scope.error());
  Stamp(*impl_, p.meta);
  const std::vector<uint8_t> cadres = PackIds(p.cadre_ids);
  auto done = Exec(impl_->db,
                   "INSERT INTO posyandu(id, name, village_code, cadre_ids, hlc, device, "
                   "puskesmas) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                   "name = excluded.name, village_code = excluded.village_code, "
                   "cadre_ids = excluded.cadre_ids, hlc = excluded.hlc, device = excluded.device, "
                   "puskesmas = excluded.puskesmas",
                   [&](Statement& s) {
                     s.Bind(7, p.puskesmas_code);
                     s.BindBlob(1, Blob(p.meta.id)).Bind(2, p.name).Bind(3, p.village_code);
                     s.BindBlob(4, cadres).Bind(5, static_cast<int64_t>(p.meta.updated_at));
                     s.Bind(6, impl_->write_device_n);
                   });
  if (!done) return std::unexpected(done.error());
  if (auto q = impl_->Enqueue(Entity::kPosyandu, p.meta.id, Op::kUpsert); !q) {
    return std::unexpected(q.error());
  }
  if (auto committed = scope->Commit(); !committed) return std::unexpected(committed.error());
  return p.meta.id;
}

Result<Id> Store::RegisterHousehold(model::Household h) {
  if (auto problems = model::ValidateHousehold(h); !problems.empty()) return Invalid(problems);
  auto scope = WriteScope::Begin(*impl_);
  if (!scope) return std::unexpected(scope.error());
  const bool existed = !h.meta.id.empty();
  Stamp(*impl_, h.meta);
  const int terlalu = h.mother_too_young | h.mother_too_old << 1 | h.births_too_close << 2 |
                      h.too_many_children << 3;
  auto done = Exec(
      impl_->db,
      "INSERT INTO household(id, kk, head_name, address, rt, rw, village_code, water, latrine, "
      "terlalu, smoker, welfare_decile, at_risk, hlc, device) VALUES "
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
      "kk = excluded.kk, head_name = excluded.head_name, address = excluded.address, "
      "rt = excluded.rt, rw = excluded.rw, village_code = excluded.village_code, "
      "water = excluded.water, latrine = excluded.latrine, terlalu = excluded.terlalu, "
      "smoker = excluded.smoker, welfare_decile = excluded.welfare_decile, "
      "at_risk = excluded.at_risk, hlc = excluded.hlc, device = excluded.device",
      [&](Statement& s) {
        s.BindBlob(1, Blob(h.meta.id)).Bind(2, h.kk).Bind(3, h.head_name).Bind(4, h.address);
        s.Bind(5, h.rt).Bind(6, h.rw).Bind(7, h.village_code);
        s.Bind(8, static_cast<int>(h.water)).Bind(9, static_cast<int>(h.latrine));
        s.Bind(10, terlalu);
        if (h.smoker_in_house) {
          s.Bind(11, *h.smoker_in_house ? 1 : 0);
        } else {
          s.BindNull(11);
        }
        s.Bind(12, h.welfare_decile).Bind(13, h.AtRiskOfStunting() ? 1 : 0);
        s.Bind(14, static_cast<int64_t>(h.meta.updated_at)).Bind(15, impl_->write_device_n);
      });
  if (!done) return std::unexpected(done.error());
  if (existed) {  // the KK is in the children's search rows
    for (const auto& child : ChildrenOf(h.meta.id).value_or(std::vector<model::Child>{})) {
      if (auto r = RefreshSearch(impl_->db, child.meta.id); !r) return std::unexpected(r.error());
    }
  }
  if (auto q = impl_->Enqueue(Entity::kHousehold, h.meta.id, Op::kUpsert); !q) {
    return std::unexpected(q.error());
  }
  if (auto committed = scope->Commit(); !committed) return std::unexpected(committed.error());
  return h.meta.id;
}

Result<Id> Store::RegisterPerson(model::Person p) {
  if (auto problems = model::ValidatePerson(p, impl_->Today()); !problems.empty()) {
    return Invalid(problems);
  }
  auto household = Exists(impl_->db, "household", p.household_id);
  if (!household) return std::unexpected(household.error());
  if (!*household) return Invalid({{"household", "error.unknown_household"}});
  auto scope = WriteScope::Begin(*impl_);
  if (!scope) return std::unexpected(scope.error());
  const bool existed = !p.meta.id.empty();
  Stamp(*impl_, p.meta);
  auto done =
      Exec(impl_->db,
           "INSERT INTO person(id, name, nik, phone, birth_date, household_id, hlc, device) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
           "name = excluded.name, nik = excluded.nik, phone = excluded.phone, "
           "birth_date = excluded.birth_date, household_id = excluded.household_id, "
           "hlc = excluded.hlc, device = excluded.device",
           [&](Statement& s) {
             s.BindBlob(1, Blob(p.meta.id)).Bind(2, p.name).Bind(3, p.nik).Bind(4, p.phone);
             s.Bind(5, p.birth_date).BindBlob(6, Blob(p.household_id));
             s.Bind(7, static_cast<int64_t>(p.meta.updated_at)).Bind(8, impl_->write_device_n);
           });
  if (!done) return std::unexpected(done.error());
  if (existed) {  // the mother's name and NIK are in her children's search rows
    auto ids = impl_->db.Prepare("SELECT id FROM child WHERE mother_id = ?");
    if (!ids) return std::unexpected(ids.error());
    (*ids)->BindBlob(1, Blob(p.meta.id));
    std::vector<Id> children;
    while (true) {
      auto r = (*ids)->Step();
      if (!r) return std::unexpected(r.error());
      if (!*r) break;
      children.push_back(IdAt(**ids, 0));
    }
    for (const Id& child : children) {
      if (auto r = RefreshSearch(impl_->db, child); !r) return std::unexpected(r.error());
    }
  }
  if (auto q = impl_->Enqueue(Entity::kPerson, p.meta.id, Op::kUpsert); !q) {
    return std::unexpected(q.error());
  }
  if (auto committed = scope->Commit(); !committed) return std::unexpected(committed.error());
  return p.meta.id;
}

Result<Id> Store::RegisterChild(model::Child c) {
  // A new registration is a balita; an existing child (an edit, or a pulled
  // version) keeps the wider limit the server applies too.
  std::vector<Problem> problems = c.meta.id.empty() ? model::ValidateNewChild(c, impl_->Today())
                                                    : model::ValidateChild(c, impl_->Today());
  if (!c.household_id.empty()) {
    auto household = Exists(impl_->db, "household", c.household_id);
    if (!household) return std::unexpected(household.error());
    if (!*household) problems.push_back({"household", "error.unknown_household"});
  }
  if (!c.mother_id.empty()) {
    auto mother = Exists(impl_->db, "person", c.mother_id);
    if (!mother) return std::unexpected(mother.error());
    if (!*mother) problems.push_back({"mother", "error.unknown_mother"});
  }
  if (!c.posyandu_id.empty()) {
    auto posyandu = Exists(impl_->db, "posyandu", c.posyandu_id);
    if (!posyandu) return std::unexpected(posyandu.error());
    if (!*posyandu) problems.push_back({"posyandu", "error.unknown_posyandu"});
  }
  if (!problems.empty()) return Invalid(problems);
  auto scope = WriteScope::Begin(*impl_);
  if (!scope) return std::unexpected(scope.error());
  Stamp(*impl_, c.meta);
  auto done = Exec(
      impl_->db,
      "INSERT INTO child(id, name, sex, birth_date, nik, birth_weight_g, birth_length_mm, "
      "child_order, mother_id, household_id, posyandu_id, village_code, status, consent_by, "
      "consent_at, consent_purpose, hlc, device, kia) VALUES "
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
      "name = excluded.name, sex = excluded.sex, birth_date = excluded.birth_date, "
      "nik = excluded.nik, birth_weight_g = excluded.birth_weight_g, "
      "birth_length_mm = excluded.birth_length_mm, child_order = excluded.child_order, "
      "mother_id = excluded.mother_id, household_id = excluded.household_id, "
      "posyandu_id = excluded.posyandu_id, village_code = excluded.village_code, "
      "status = excluded.status, consent_by = excluded.consent_by, "
      "consent_at = excluded.consent_at, consent_purpose = excluded.consent_purpose, "
      "hlc = excluded.hlc, device = excluded.device, kia = excluded.kia",
      [&](Statement& s) {
        s.BindBlob(1, Blob(c.meta.id)).Bind(2, c.name).Bind(3, static_cast<int>(c.sex));
        s.Bind(19, c.has_kia_book ? 1 : 0);
        s.Bind(4, c.birth_date).Bind(5, c.nik).Bind(6, c.birth_weight_g);
        s.Bind(7, c.birth_length_mm).Bind(8, c.child_order);
        BindId(s, 9, c.mother_id);
        s.BindBlob(10, Blob(c.household_id));
        BindId(s, 11, c.posyandu_id);
        s.Bind(12, c.village_code).Bind(13, static_cast<int>(c.status));
        s.Bind(14, c.consent.given_by).Bind(15, c.consent.given_at).Bind(16, c.consent.purpose);
        s.Bind(17, static_cast<int64_t>(c.meta.updated_at)).Bind(18, impl_->write_device_n);
      });
  if (!done) return std::unexpected(done.error());
  if (auto r = RefreshSearch(impl_->db, c.meta.id); !r) return std::unexpected(r.error());
  if (auto r = RefreshChildSummary(*impl_, c.meta.id); !r) return std::unexpected(r.error());
  if (auto q = impl_->Enqueue(Entity::kChild, c.meta.id, Op::kUpsert); !q) {
    return std::unexpected(q.error());
  }
  if (auto committed = scope->Commit(); !committed) return std::unexpected(committed.error());
  return c.meta.id;
}

Result<model::Measurement> Store::EvaluateMeasurement(model::Measurement m) {
  auto child = GetChild(m.child_id);
  if (!child) return std::unexpected(child.error());
  if (!*child || (*child)->meta.deleted) return Invalid({{"child", "error.unknown_child"}});
  const model::Child& c = **child;
  if (auto problems = model::ValidateMeasurement(m, c.birth_date, impl_->Today());
      !problems.empty()) {
    return Invalid(problems);
  }
  growth::Measurement g;
  g.sex = c.sex;
  m.age_days = m.measured_on - c.birth_date;
  g.age = growth::Age::FromDays(m.age_days);
  auto to = [](const std::optional<int>& v, double unit) {
    return v ? *v / unit : growth::kMissing;
  };
  g.weight_kg = to(m.weight_g, 1000.0);
  g.length_height_cm = to(m.length_mm, 10.0);
  g.posture = m.posture;
  g.head_circumference_cm = to(m.head_mm, 10.0);
  g.arm_circumference_cm = to(m.muac_mm, 10.0);
  g.oedema = m.oedema;
  m.assessment = growth::Assess(g);

  // N/T/O/B of this weighing within the child's history (a later weighing in
  // the same month takes the month, and this one has none).
  m.gain = model::WeightGain::kNone;
  if (m.weight_g) {
    auto history = History(impl_->db, m.child_id);
    if (!history) return std::unexpected(history.error());
    std::erase_if(*history, [&](const HistoryRow& row) { return row.id == m.meta.id; });
    // A new measurement's id comes last among its day's; an edited one keeps its place.
    auto after = std::find_if(history->begin(), history->end(), [&](const HistoryRow& row) {
      return row.day > m.measured_on ||
             (row.day == m.measured_on && !m.meta.id.empty() && m.meta.id < row.id);
    });
    const size_t at = static_cast<size_t>(after - history->begin());
    history->insert(after,
                    {m.meta.id, m.measured_on, m.weight_g, false, 0, 0, true, m.muac_mm, false});
    std::vector<size_t> row_of;
    const std::vector<model::Weighing> weighings = Weighings(*history, row_of);
    const std::vector<model::WeightGain> gains =
        model::MonthlyGains(c.birth_date, weighings, impl_->kbm);
    // 2T: the month weight before this one is last month's and was T too.
    model::WeightGain previous = model::WeightGain::kNone, before_this = model::WeightGain::kNone;
    for (size_t k = 0; k < gains.size(); ++k) {
      if (row_of[k] == at) {
        m.gain = gains[k];
        before_this = previous;
      }
      if (gains[k] != model::WeightGain::kNone) previous = gains[k];
    }
    m.referral = model::ReferralReasons(
        m.assessment, m.muac_mm, model::CompletedMonths(c.birth_date, m.measured_on), m.gain,
        m.gain == model::WeightGain::kNone ? model::WeightGain::kNone : before_this);
  } else {
    m.referral = model::ReferralReasons(m.assessment, m.muac_mm,
                                        model::CompletedMonths(c.birth_date, m.measured_on), m.gain,
                                        model::WeightGain::kNone);
  }
  return m;
}

Result<model::Measurement> Store::RecordMeasurement(model::Measurement input) {
  auto evaluated = EvaluateMeasurement(std::move(input));
  if (!evaluated) return evaluated;
  model::Measurement& m = *evaluated;
  auto scope = WriteScope::Begin(*impl_);
  if (!scope) return std::unexpected(scope.error());
  Stamp(*impl_, m.meta);
  const growth::Assessment& a = m.assessment;
  if (!m.measured_by.empty()) {
    auto ref = Exec(impl_->db, "INSERT OR IGNORE INTO local_ref(id) VALUES (?)",
                    [&](Statement& s) { s.BindBlob(1, Blob(m.measured_by)); });
    if (!ref) return std::unexpected(ref.error());
  }
  using growth::Indicator;
  auto done = Exec(
      impl_->db,
      "INSERT INTO measurement(id, child_n, measured_on, weight_g, length_mm, posture, head_mm, "
      "muac_mm, oedema, vitamin_a, pmt_g, notes, measured_by, age_days, z_len, z_wei, z_wfl, "
      "z_bmi, z_hc, z_ac, flags, labels, gain, hlc, device) VALUES "
      "(?1, (SELECT n FROM child WHERE id = ?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
      "(SELECT n FROM local_ref WHERE id = ?13), ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, "
      "?23, ?24, ?25) "
      "ON CONFLICT(id) DO UPDATE SET child_n = excluded.child_n, "
      "measured_on = excluded.measured_on, weight_g = excluded.weight_g, "
      "length_mm = excluded.length_mm, posture = excluded.posture, head_mm = excluded.head_mm, "
      "muac_mm = excluded.muac_mm, oedema = excluded.oedema, vitamin_a = excluded.vitamin_a, "
      "pmt_g = excluded.pmt_g, notes = excluded.notes, measured_by = excluded.measured_by, "
      "age_days = excluded.age_days, z_len = excluded.z_len, z_wei = excluded.z_wei, "
      "z_wfl = excluded.z_wfl, z_bmi = excluded.z_bmi, z_hc = excluded.z_hc, "
      "z_ac = excluded.z_ac, flags = excluded.flags, labels = excluded.labels, "
      "gain = excluded.gain, hlc = excluded.hlc, device = excluded.device",
      [&](Statement& s) {
        s.BindBlob(1, Blob(m.meta.id)).BindBlob(2, Blob(m.child_id)).Bind(3, m.measured_on);
        s.Bind(4, m.weight_g).Bind(5, m.length_mm).Bind(6, static_cast<int>(m.posture));
        s.Bind(7, m.head_mm).Bind(8, m.muac_mm).Bind(9, m.oedema ? 1 : 0);
        s.Bind(10, m.vitamin_a ? 1 : 0).Bind(11, m.supplementary_food_g).Bind(12, m.notes);
        BindId(s, 13, m.measured_by);
        s.Bind(14, m.age_days);
        s.Bind(15, ZHundredths(a.score(Indicator::kLengthForAge)));
        s.Bind(16, ZHundredths(a.score(Indicator::kWeightForAge)));
        s.Bind(17, ZHundredths(a.score(Indicator::kWeightForLength)));
        s.Bind(18, ZHundredths(a.score(Indicator::kBmiForAge)));
        s.Bind(19, ZHundredths(a.score(Indicator::kHeadCircumferenceForAge)));
        s.Bind(20, ZHundredths(a.score(Indicator::kArmCircumferenceForAge)));
        s.Bind(21, PackFlags(a)).Bind(22, PackLabels(a)).Bind(23, static_cast<int>(m.gain));
        s.Bind(24, static_cast<int64_t>(m.meta.updated_at)).Bind(25, impl_->write_device_n);
      });
  if (!done) return std::unexpected(done.error());
  // A weighing can change its month's and the next month's N/T/O/B, and the
  // child's latest statuses: recompute the child's caches (a few dozen rows).
  if (auto r = RefreshChildSummary(*impl_, m.child_id); !r) return std::unexpected(r.error());
  if (auto q = impl_->Enqueue(Entity::kMeasurement, m.meta.id, Op::kUpsert); !q) {
    return std::unexpected(q.error());
  }
  if (auto committed = scope->Commit(); !committed) return std::unexpected(committed.error());
  return m;
}

Result<Id> Store::LogVisit(model::Visit v) {
  if (auto problems = model::ValidateVisit(v, impl_->NowMs() / 1000); !problems.empty()) {
    return Invalid(problems);
  }
  auto household = Exists(impl_->db, "household", v.household_id);
  if (!household) return std::unexpected(household.error());
  if (!*household) return Invalid({{"household", "error.unknown_household"}});
  auto scope = WriteScope::Begin(*impl_);
  if (!scope) return std::unexpected(scope.error());
  Stamp(*impl_, v.meta);
  const std::vector<uint8_t> seen = PackIds(v.people_seen);
  auto done = Exec(
      impl_->db,
      "INSERT INTO visit(id, household_id, visited_at, visitor_id, visitor_name, visitor_role, "
      "visitor_unit, people_seen, purpose, observed, child_ate_aid, follow_up_on, referral, "
      "notes, hlc, device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT(id) DO UPDATE SET household_id = excluded.household_id, "
      "visited_at = excluded.visited_at, visitor_id = excluded.visitor_id, "
      "visitor_name = excluded.visitor_name, visitor_role = excluded.visitor_role, "
      "visitor_unit = excluded.visitor_unit, people_seen = excluded.people_seen, "
      "purpose = excluded.purpose, observed = excluded.observed, "
      "child_ate_aid = excluded.child_ate_aid, follow_up_on = excluded.follow_up_on, "
      "referral = excluded.referral, notes = excluded.notes, hlc = excluded.hlc, "
      "device = excluded.device",
      [&](Statement& s) {
        s.BindBlob(1, Blob(v.meta.id)).BindBlob(2, Blob(v.household_id)).Bind(3, v.visited_at);
        BindId(s, 4, v.visitor_id);
        s.Bind(5, v.visitor_name).Bind(6, static_cast<int>(v.visitor_role));
        s.Bind(7, v.visitor_unit).BindBlob(8, seen).Bind(9, static_cast<int>(v.purpose));
        s.Bind(10, Observed(v.observed));
        if (v.child_ate_aid) {
          s.Bind(11, *v.child_ate_aid ? 1 : 0);
        } else {
          s.BindNull(11);
        }
        s.Bind(12, v.follow_up_on).Bind(13, v.referral).Bind(14, v.notes);
        s.Bind(15, static_cast<int64_t>(v.meta.updated_at)).Bind(16, impl_->write_device_n);
      });
  if (!done) return std::unexpected(done.error());
  auto clear = Exec(impl_->db, "DELETE FROM aid_item WHERE visit_id = ?",
                    [&](Statement& s) { s.BindBlob(1, Blob(v.meta.id)); });
  if (!clear) return std::unexpected(clear.error());
  for (size_t i = 0; i < v.aid.size(); ++i) {
    const model::AidItem& item = v.aid[i];
    auto added = Exec(impl_->db,
                      "INSERT INTO aid_item(visit_id, n, type, quantity, unit, source) "
                      "VALUES (?, ?, ?, ?, ?, ?)",
                      [&](Statement& s) {
                        s.BindBlob(1, Blob(v.meta.id)).Bind(2, static_cast<int>(i));
                        s.Bind(3, item.type).Bind(4, item.quantity).Bind(5, item.unit);
                        s.Bind(6, static_cast<int>(item.source));
                      });
    if (!added) return std::unexpected(added.error());
  }
  if (auto q = impl_->Enqueue(Entity::kVisit, v.meta.id, Op::kUpsert); !q) {
    return std::unexpected(q.error());
  }
  if (auto committed = scope->Commit(); !committed) return std::unexpected(committed.error());
  return v.meta.id;
}

Result<Id> Store::Assign(model::Assignment a) {
  if (auto problems = model::ValidateAssignment(a); !problems.empty()) return Invalid(problems);
  auto scope = WriteScope::Begin(*impl_);
  if (!scope) return std::unexpected(scope.error());
  Stamp(*impl_, a.meta);
  auto done =
      Exec(impl_->db,
           "INSERT INTO assignment(id, child_id, household_id, assignee_id, organisation, "
           "from_day, to_day, hlc, device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
           "ON CONFLICT(id) DO UPDATE SET child_id = excluded.child_id, "
           "household_id = excluded.household_id, assignee_id = excluded.assignee_id, "
           "organisation = excluded.organisation, from_day = excluded.from_day, "
           "to_day = excluded.to_day, hlc = excluded.hlc, device = excluded.device",
           [&](Statement& s) {
             s.BindBlob(1, Blob(a.meta.id));
             BindId(s, 2, a.child_id);
             BindId(s, 3, a.household_id);
             BindId(s, 4, a.assignee_id);
             s.Bind(5, a.organisation).Bind(6, a.from_day).Bind(7, a.to_day);
             s.Bind(8, static_cast<int64_t>(a.meta.updated_at)).Bind(9, impl_->write_device_n);
           });
  if (!done) {
    if (done.error().kind == Error::Kind::kConflict) {
      return Invalid({{"subject", "error.assignment_subject"}});  // no such child/household
    }
    return std::unexpected(done.error());
  }
  if (auto q = impl_->Enqueue(Entity::kAssignment, a.meta.id, Op::kUpsert); !q) {
    return std::unexpected(q.error());
  }
  if (auto committed = scope->Commit(); !committed) return std::unexpected(committed.error());
  return a.meta.id;
}

Result<Id> Store::AddReview(model::Review r) {
  if (auto problems = model::ValidateReview(r); !problems.empty()) return Invalid(problems);
  auto target = Exists(impl_->db, r.target == model::ReviewTarget::kVisit ? "visit" : "measurement",
                       r.target_id);
  if (!target) return std::unexpected(target.error());
  if (!*target) return Invalid({{"target", "error.review_target"}});
  auto scope = WriteScope::Begin(*impl_);
  if (!scope) return std::unexpected(scope.error());
  Stamp(*impl_, r.meta);
  if (r.reviewed_at == 0) r.reviewed_at = impl_->NowMs() / 1000;
  auto done = Exec(impl_->db,
                   "INSERT INTO review(id, target, target_id, reviewer_id, decision, comment, "
                   "reviewed_at, hlc, device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                   "ON CONFLICT(id) DO UPDATE SET decision = excluded.decision, "
                   "comment = excluded.comment, reviewed_at = excluded.reviewed_at, "
                   "hlc = excluded.hlc, device = excluded.device",
                   [&](Statement& s) {
                     s.BindBlob(1, Blob(r.meta.id)).Bind(2, static_cast<int>(r.target));
                     s.BindBlob(3, Blob(r.target_id)).BindBlob(4, Blob(r.reviewer_id));
                     s.Bind(5, static_cast<int>(r.decision)).Bind(6, r.comment);
                     s.Bind(7, r.reviewed_at).Bind(8, static_cast<int64_t>(r.meta.updated_at));
                     s.Bind(9, impl_->write_device_n);
                   });
  if (!done) return std::unexpected(done.error());
  // A measurement sent back (or verified again) changes N/T/O/B and the lists.
  if (r.target == model::ReviewTarget::kMeasurement) {
    auto child = ChildOfMeasurement(impl_->db, r.target_id);
    if (!child) return std::unexpected(child.error());
    if (auto refreshed = RefreshChildSummary(*impl_, *child); !refreshed) {
      return std::unexpected(refreshed.error());
    }
  }
  if (auto q = impl_->Enqueue(Entity::kReview, r.meta.id, Op::kUpsert); !q) {
    return std::unexpected(q.error());
  }
  if (auto committed = scope->Commit(); !committed) return std::unexpected(committed.error());
  return r.meta.id;
}

Result<void> Store::Delete(Entity entity, const Id& id) {
  if (entity == Entity::kArea || entity == Entity::kUser) {
    return Fail(Error::Kind::kConflict, "areas and users are managed on the server");
  }
  auto scope = WriteScope::Begin(*impl_);
  if (!scope) return std::unexpected(scope.error());
  // A local delete takes a new HLC and this device; a pulled one keeps its own.
  const bool remote = impl_->applying_remote;
  const model::Hlc hlc = remote ? impl_->remote_hlc : impl_->Tick();
  const int64_t device = remote ? impl_->write_device_n : impl_->device_n;
  auto done = Exec(impl_->db,
                   (std::string("UPDATE ") + kTableOf[static_cast<int>(entity)] +
                    " SET deleted = 1, hlc = ?, device = ? WHERE id = ? AND deleted = 0")
                       .c_str(),
                   [&](Statement& s) {
                     s.Bind(1, static_cast<int64_t>(hlc)).Bind(2, device);
                     s.BindBlob(3, Blob(id));
                   });
  if (!done) return done;
  if (impl_->db.Changes() == 0) return Fail(Error::Kind::kNotFound, "nothing to delete");
  if (entity == Entity::kChild) {
    if (auto r = RefreshSearch(impl_->db, id); !r) return r;
  }
  if (entity == Entity::kMeasurement || entity == Entity::kReview) {
    Id measurement = id;
    if (entity == Entity::kReview) {  // a deleted review may let a measurement stand again
      auto target = impl_->db.Prepare("SELECT target_id FROM review WHERE id = ? AND target = 1");
      if (!target) return std::unexpected(target.error());
      (*target)->BindBlob(1, Blob(id));
      auto row = (*target)->Step();
      if (!row) return std::unexpected(row.error());
      measurement = *row ? IdAt(**target, 0) : Id{};
      (*target)->Reset();
    }
    if (!measurement.empty()) {
      auto child = ChildOfMeasurement(impl_->db, measurement);
      if (!child) return std::unexpected(child.error());
      if (auto r = RefreshChildSummary(*impl_, *child); !r) return r;
    }
  }
  if (auto q = impl_->Enqueue(entity, id, Op::kTombstone); !q) return q;
  return scope->Commit();
}

}  // namespace core::store
