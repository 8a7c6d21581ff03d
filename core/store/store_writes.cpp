// The service API's writes: validate, derive, then the record and its outbox
// entry in one transaction (WriteScope). Pulled records are validated too, by
// this tablet's clock: one that fails is set aside by the sync client. Derived caches (z-scores,
// N/T/O/B, the child's latest status, the search index) are refreshed in the same transaction but
// queue no change: every device recomputes them.
#include <chrono>
#include <cmath>

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

// Recomputes N/T/O/B for every weighing of a child (a backdated or deleted
// measurement changes the ones after it) and the child's latest-status columns.
static Result<void> RefreshChildSummary(Store::Impl& impl, const Id& child_id) {
  Database& db = impl.db;
  auto birth = db.Prepare("SELECT birth_date FROM child WHERE id = ?");
  if (!birth) return std::unexpected(birth.error());
  (*birth)->BindBlob(1, Blob(child_id));
  auto found = (*birth)->Step();
  if (!found) return std::unexpected(found.error());
  if (!*found) return Fail(Error::Kind::kNotFound, "no child " + child_id.ToString());
  const int birth_date = static_cast<int>((*birth)->Int(0));
  (*birth)->Reset();

  struct Row {
    Id id;
    int day;
    std::optional<int> weight_g;
    int labels;
    int gain;
  };
  std::vector<Row> rows;
  auto list = db.Prepare(
      "SELECT id, measured_on, weight_g, labels, gain FROM measurement "
      "WHERE child_n = (SELECT n FROM child WHERE id = ?) AND deleted = 0 "
      "ORDER BY measured_on, id");
  if (!list) return std::unexpected(list.error());
  (*list)->BindBlob(1, Blob(child_id));
  while (true) {
    auto r = (*list)->Step();
    if (!r) return std::unexpected(r.error());
    if (!*r) break;
    Statement& s = **list;
    std::optional<int> weight;
    if (!s.IsNull(2)) weight = static_cast<int>(s.Int(2));
    rows.push_back({IdAt(s, 0), static_cast<int>(s.Int(1)), weight, static_cast<int>(s.Int(3)),
                    static_cast<int>(s.Int(4))});
  }

  std::vector<model::Weighing> earlier;
  model::WeightGain last_gain = model::WeightGain::kNone, prev_gain = model::WeightGain::kNone;
  std::optional<int> last_weight;
  for (Row& row : rows) {
    model::WeightGain gain = model::WeightGain::kNone;
    if (row.weight_g) {
      const model::Weighing current{row.day, *row.weight_g};
      gain = model::ClassifyGain(earlier, current, model::CompletedMonths(birth_date, row.day),
                                 impl.kbm);
      earlier.push_back(current);
      prev_gain = last_gain;
      last_gain = gain;
      last_weight = row.weight_g;
    }
    if (static_cast<int>(gain) != row.gain) {
      auto done = Exec(db, "UPDATE measurement SET gain = ? WHERE id = ?", [&](Statement& s) {
        s.Bind(1, static_cast<int>(gain)).BindBlob(2, Blob(row.id));
      });
      if (!done) return done;
    }
  }
  return Exec(db,
              "UPDATE child SET last_measured_on = ?, last_tbu = ?, last_bbu = ?, last_bbtb = ?, "
              "last_gain = ?, prev_gain = ?, last_weight_g = ? WHERE id = ?",
              [&](Statement& s) {
                if (rows.empty()) {
                  for (int i = 1; i <= 4; ++i) s.BindNull(i);
                } else {
                  const Row& last = rows.back();
                  s.Bind(1, last.day).Bind(2, last.labels & 15).Bind(3, (last.labels >> 4) & 15);
                  s.Bind(4, (last.labels >> 8) & 15);
                }
                s.Bind(5, static_cast<int>(last_gain)).Bind(6, static_cast<int>(prev_gain));
                s.Bind(7, last_weight).BindBlob(8, Blob(child_id));
              });
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
                   "INSERT INTO posyandu(id, name, village_code, cadre_ids, hlc, device) "
                   "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
                   "village_code = excluded.village_code, cadre_ids = excluded.cadre_ids, "
                   "hlc = excluded.hlc, device = excluded.device",
                   [&](Statement& s) {
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
  std::vector<Problem> problems = model::ValidateChild(c, impl_->Today());
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
      "consent_at, consent_purpose, hlc, device) VALUES "
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
      "name = excluded.name, sex = excluded.sex, birth_date = excluded.birth_date, "
      "nik = excluded.nik, birth_weight_g = excluded.birth_weight_g, "
      "birth_length_mm = excluded.birth_length_mm, child_order = excluded.child_order, "
      "mother_id = excluded.mother_id, household_id = excluded.household_id, "
      "posyandu_id = excluded.posyandu_id, village_code = excluded.village_code, "
      "status = excluded.status, consent_by = excluded.consent_by, "
      "consent_at = excluded.consent_at, consent_purpose = excluded.consent_purpose, "
      "hlc = excluded.hlc, device = excluded.device",
      [&](Statement& s) {
        s.BindBlob(1, Blob(c.meta.id)).Bind(2, c.name).Bind(3, static_cast<int>(c.sex));
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

  // N/T/O/B needs only the last weighing before this month.
  m.gain = model::WeightGain::kNone;
  if (m.weight_g) {
    auto last = impl_->db.Prepare(
        "SELECT measured_on, weight_g FROM measurement "
        "WHERE child_n = (SELECT n FROM child WHERE id = ?) AND deleted = 0 "
        "AND weight_g IS NOT NULL AND measured_on < ? AND id != ? "
        "ORDER BY measured_on DESC LIMIT 1");
    if (!last) return std::unexpected(last.error());
    const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{m.measured_on}}};
    const int month_start = static_cast<int>(
        std::chrono::sys_days{ymd.year() / ymd.month() / 1}.time_since_epoch().count());
    (*last)->BindBlob(1, Blob(m.child_id)).Bind(2, month_start).BindBlob(3, Blob(m.meta.id));
    std::vector<model::Weighing> earlier;
    auto row = (*last)->Step();
    if (!row) return std::unexpected(row.error());
    if (*row) {
      earlier.push_back({static_cast<int>((*last)->Int(0)), static_cast<int>((*last)->Int(1))});
    }
    (*last)->Reset();
    m.gain = model::ClassifyGain(earlier, {m.measured_on, *m.weight_g},
                                 model::CompletedMonths(c.birth_date, m.measured_on), impl_->kbm);
  }
  return m;
}

Result<model::Measurement> Store::RecordMeasurement(model::Measurement input) {
  auto evaluated = EvaluateMeasurement(std::move(input));
  if (!evaluated) return evaluated;
  model::Measurement& m = *evaluated;
  auto scope = WriteScope::Begin(*impl_);
  if (!scope) return std::unexpected(scope.error());
  const bool is_new = m.meta.id.empty();
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
  // The common case, a new latest measurement, changes no other weighing's
  // N/T/O/B: update the child's summary directly. Otherwise recompute it all.
  auto latest =
      Exec(impl_->db,
           "UPDATE child SET last_measured_on = ?1, last_tbu = ?2, last_bbu = ?3, last_bbtb = ?4, "
           "prev_gain = CASE WHEN ?5 > 0 THEN last_gain ELSE prev_gain END, "
           "last_gain = CASE WHEN ?5 > 0 THEN ?5 ELSE last_gain END, "
           "last_weight_g = coalesce(?6, last_weight_g) "
           "WHERE id = ?7 AND ?8 AND (last_measured_on IS NULL OR last_measured_on < ?1)",
           [&](Statement& s) {
             const int labels = PackLabels(a);
             s.Bind(1, m.measured_on).Bind(2, labels & 15).Bind(3, (labels >> 4) & 15);
             s.Bind(4, (labels >> 8) & 15).Bind(5, static_cast<int>(m.gain)).Bind(6, m.weight_g);
             s.BindBlob(7, Blob(m.child_id)).Bind(8, is_new ? 1 : 0);
           });
  if (!latest) return std::unexpected(latest.error());
  if (impl_->db.Changes() == 0) {
    if (auto r = RefreshChildSummary(*impl_, m.child_id); !r) return std::unexpected(r.error());
  }
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
  if (entity == Entity::kMeasurement) {
    auto child = impl_->db.Prepare(
        "SELECT c.id FROM measurement m JOIN child c ON c.n = m.child_n WHERE m.id = ?");
    if (!child) return std::unexpected(child.error());
    (*child)->BindBlob(1, Blob(id));
    auto row = (*child)->Step();
    if (!row) return std::unexpected(row.error());
    const Id child_id = IdAt(**child, 0);
    (*child)->Reset();
    if (auto r = RefreshChildSummary(*impl_, child_id); !r) return r;
  }
  if (auto q = impl_->Enqueue(entity, id, Op::kTombstone); !q) return q;
  return scope->Commit();
}

}  // namespace core::store
