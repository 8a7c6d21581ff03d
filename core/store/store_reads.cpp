// The store's reads: records by id, the lists the screens need (paged), search
// as you type (FTS5 prefixes), due visits, the review queue, the month export.
#include <algorithm>
#include <cctype>
#include <chrono>

#include "model/validation.h"
#include "store/store.h"
#include "store/store_impl.h"

namespace core::store {

using model::Id;

namespace {

constexpr const char* kChildColumns =
    "c.id, c.name, c.sex, c.birth_date, c.nik, c.birth_weight_g, c.birth_length_mm, "
    "c.child_order, c.mother_id, c.household_id, c.posyandu_id, c.village_code, c.status, "
    "c.consent_by, c.consent_at, c.consent_purpose, c.hlc, c.device, c.deleted, c.kia";

constexpr const char* kMeasurementColumns =
    "m.id, (SELECT id FROM child WHERE n = m.child_n), m.measured_on, m.weight_g, m.length_mm, "
    "m.posture, m.head_mm, m.muac_mm, m.oedema, m.vitamin_a, m.pmt_g, m.notes, "
    "(SELECT id FROM local_ref WHERE n = m.measured_by), m.age_days, m.z_len, m.z_wei, "
    "m.z_wfl, m.z_bmi, m.z_hc, m.z_ac, m.flags, m.labels, m.gain, m.hlc, m.device, m.deleted";

constexpr const char* kRowColumns =
    "c.id, c.name, coalesce(p.name, ''), c.sex, c.birth_date, c.village_code, "
    "c.last_measured_on, c.last_tbu, c.last_bbtb, c.last_gain, c.last_tbu_on, c.last_bbtb_on";

std::optional<int> OptIntAt(const Statement& s, int c) {
  if (s.IsNull(c)) return std::nullopt;
  return static_cast<int>(s.Int(c));
}

Id OptIdAt(const Statement& s, int c) {
  return s.IsNull(c) ? Id{} : IdAt(s, c);
}

// Reads every row of a prepared statement with `read`.
template <typename T, typename Read>
Result<std::vector<T>> All(Statement& s, Read&& read) {
  std::vector<T> out;
  while (true) {
    auto row = s.Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back(read(s));
  }
  return out;
}

// The first of `rows`, or none: for reads by id.
template <typename T>
Result<std::optional<T>> First(Result<std::vector<T>> rows) {
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::nullopt;
  return std::move(rows->front());
}

template <typename Bind>
Result<Statement*> Query(Database& db, const std::string& sql, Bind&& bind) {
  auto stmt = db.Prepare(sql);
  if (!stmt) return stmt;
  bind(**stmt);
  return stmt;
}

model::RecordMeta Meta(Store::Impl& impl, const Statement& s, int first) {
  model::RecordMeta meta;
  meta.updated_at = static_cast<model::Hlc>(s.Int(first));
  meta.device = impl.DeviceUuid(s.Int(first + 1)).value_or("");
  meta.deleted = s.Int(first + 2) != 0;
  return meta;
}

model::Child ReadChild(Store::Impl& impl, const Statement& s) {
  model::Child c;
  c.meta = Meta(impl, s, 16);
  c.meta.id = IdAt(s, 0);
  c.name = s.Text(1);
  c.sex = static_cast<growth::Sex>(s.Int(2));
  c.birth_date = static_cast<int>(s.Int(3));
  c.nik = s.Text(4);
  c.birth_weight_g = OptIntAt(s, 5);
  c.birth_length_mm = OptIntAt(s, 6);
  c.child_order = OptIntAt(s, 7);
  c.mother_id = OptIdAt(s, 8);
  c.household_id = IdAt(s, 9);
  c.posyandu_id = OptIdAt(s, 10);
  c.village_code = s.Text(11);
  c.status = static_cast<model::ChildStatus>(s.Int(12));
  c.consent = {s.Text(13), s.Int(14), s.Text(15)};
  c.has_kia_book = s.Int(19) != 0;
  return c;
}

// Rebuilds the stored part of an assessment: z in hundredths, flags, labels.
model::Measurement ReadMeasurement(Store::Impl& impl, const Statement& s) {
  model::Measurement m;
  m.meta = Meta(impl, s, 23);
  m.meta.id = IdAt(s, 0);
  m.child_id = IdAt(s, 1);
  m.measured_on = static_cast<int>(s.Int(2));
  m.weight_g = OptIntAt(s, 3);
  m.length_mm = OptIntAt(s, 4);
  m.posture = static_cast<growth::Posture>(s.Int(5));
  m.head_mm = OptIntAt(s, 6);
  m.muac_mm = OptIntAt(s, 7);
  m.oedema = s.Int(8) != 0;
  m.vitamin_a = s.Int(9) != 0;
  m.supplementary_food_g = OptIntAt(s, 10);
  m.notes = s.Text(11);
  m.measured_by = OptIdAt(s, 12);
  m.age_days = static_cast<int>(s.Int(13));
  const int flags = static_cast<int>(s.Int(20));
  for (int i = 0; i < 6; ++i) {
    growth::Score& score = m.assessment.scores[i];
    if (s.IsNull(14 + i)) {
      score = {growth::kMissing, growth::NoScore::kMissingMeasurement, false};
    } else {
      score = {s.Int(14 + i) / 100.0, growth::NoScore::kNone, (flags >> i & 1) != 0};
    }
  }
  m.assessment.age_days = m.age_days;
  UnpackLabels(static_cast<int>(s.Int(21)), m.assessment);
  m.gain = static_cast<model::WeightGain>(s.Int(22));
  return m;
}

// Reads the kRowColumns starting at column `at`.
ChildRow ReadRowAt(const Statement& s, int at) {
  ChildRow r;
  r.id = IdAt(s, at);
  r.name = s.Text(at + 1);
  r.mother_name = s.Text(at + 2);
  r.sex = static_cast<growth::Sex>(s.Int(at + 3));
  r.birth_date = static_cast<int>(s.Int(at + 4));
  r.village_code = s.Text(at + 5);
  r.last_measured_on = OptIntAt(s, at + 6);
  r.last_height_for_age = static_cast<growth::Status>(s.Int(at + 7));
  r.last_weight_for_height = static_cast<growth::Status>(s.Int(at + 8));
  r.last_gain = static_cast<model::WeightGain>(s.Int(at + 9));
  r.last_height_for_age_on = OptIntAt(s, at + 10);
  r.last_weight_for_height_on = OptIntAt(s, at + 11);
  return r;
}

ChildRow ReadRow(const Statement& s) {
  return ReadRowAt(s, 0);
}

int FirstDayOfMonth(int day) {
  using namespace std::chrono;
  const year_month_day ymd{sys_days{days{day}}};
  return static_cast<int>(sys_days{ymd.year() / ymd.month() / 1}.time_since_epoch().count());
}

// Turns what a user types into an FTS5 query: every word a quoted prefix.
std::string PrefixQuery(std::string_view text) {
  std::string query;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !std::isalnum(static_cast<unsigned char>(text[i])) &&
           static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
    }
    size_t j = i;
    while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) ||
                               static_cast<unsigned char>(text[j]) >= 0x80)) {
      ++j;
    }
    if (j > i) {
      if (!query.empty()) query += " AND ";
      query += "\"" + std::string(text.substr(i, j - i)) + "\"*";
    }
    i = j;
  }
  return query;
}

}  // namespace

Result<std::optional<model::Child>> Store::GetChild(const Id& id) {
  auto stmt =
      Query(impl_->db, std::string("SELECT ") + kChildColumns + " FROM child c WHERE id = ?",
            [&](Statement& s) { s.BindBlob(1, Blob(id)); });
  if (!stmt) return std::unexpected(stmt.error());
  return First(All<model::Child>(**stmt, [&](Statement& s) { return ReadChild(*impl_, s); }));
}

Result<std::vector<model::Child>> Store::ChildrenOf(const Id& household_id) {
  auto stmt = Query(impl_->db,
                    std::string("SELECT ") + kChildColumns +
                        " FROM child c WHERE household_id = ? AND deleted = 0 ORDER BY birth_date",
                    [&](Statement& s) { s.BindBlob(1, Blob(household_id)); });
  if (!stmt) return std::unexpected(stmt.error());
  return All<model::Child>(**stmt, [&](Statement& s) { return ReadChild(*impl_, s); });
}

static model::Household ReadHousehold(Store::Impl& impl, const Statement& s) {
  model::Household h;
  h.meta = Meta(impl, s, 13);
  h.meta.id = IdAt(s, 0);
  h.kk = s.Text(1);
  h.head_name = s.Text(2);
  h.address = s.Text(3);
  h.rt = s.Text(4);
  h.rw = s.Text(5);
  h.village_code = s.Text(6);
  h.water = static_cast<model::WaterSource>(s.Int(7));
  h.latrine = static_cast<model::Latrine>(s.Int(8));
  const int terlalu = static_cast<int>(s.Int(9));
  h.mother_too_young = terlalu & 1;
  h.mother_too_old = terlalu & 2;
  h.births_too_close = terlalu & 4;
  h.too_many_children = terlalu & 8;
  if (!s.IsNull(10)) h.smoker_in_house = s.Int(10) != 0;
  h.welfare_decile = OptIntAt(s, 11);
  return h;
}

static constexpr const char* kHouseholdColumns =
    "id, kk, head_name, address, rt, rw, village_code, water, latrine, terlalu, smoker, "
    "welfare_decile, at_risk, hlc, device, deleted";

Result<std::optional<model::Household>> Store::GetHousehold(const Id& id) {
  auto stmt =
      Query(impl_->db, std::string("SELECT ") + kHouseholdColumns + " FROM household WHERE id = ?",
            [&](Statement& s) { s.BindBlob(1, Blob(id)); });
  if (!stmt) return std::unexpected(stmt.error());
  return First(
      All<model::Household>(**stmt, [&](Statement& s) { return ReadHousehold(*impl_, s); }));
}

static model::Person ReadPerson(Store::Impl& impl, const Statement& s) {
  model::Person p;
  p.meta = Meta(impl, s, 6);
  p.meta.id = IdAt(s, 0);
  p.name = s.Text(1);
  p.nik = s.Text(2);
  p.phone = s.Text(3);
  p.birth_date = OptIntAt(s, 4);
  p.household_id = IdAt(s, 5);
  return p;
}

Result<std::optional<model::Person>> Store::GetPerson(const Id& id) {
  auto stmt = Query(impl_->db,
                    "SELECT id, name, nik, phone, birth_date, household_id, hlc, device, deleted "
                    "FROM person WHERE id = ?",
                    [&](Statement& s) { s.BindBlob(1, Blob(id)); });
  if (!stmt) return std::unexpected(stmt.error());
  return First(All<model::Person>(**stmt, [&](Statement& s) { return ReadPerson(*impl_, s); }));
}

Result<std::vector<model::Person>> Store::PeopleOf(const Id& household_id) {
  auto stmt = Query(impl_->db,
                    "SELECT id, name, nik, phone, birth_date, household_id, hlc, device, deleted "
                    "FROM person WHERE household_id = ? AND deleted = 0 ORDER BY name",
                    [&](Statement& s) { s.BindBlob(1, Blob(household_id)); });
  if (!stmt) return std::unexpected(stmt.error());
  return All<model::Person>(**stmt, [&](Statement& s) { return ReadPerson(*impl_, s); });
}

static model::Review ReadReview(Store::Impl& impl, const Statement& s) {
  model::Review r;
  r.meta = Meta(impl, s, 7);
  r.meta.id = IdAt(s, 0);
  r.target = static_cast<model::ReviewTarget>(s.Int(1));
  r.target_id = IdAt(s, 2);
  r.reviewer_id = IdAt(s, 3);
  r.decision = static_cast<model::ReviewDecision>(s.Int(4));
  r.comment = s.Text(5);
  r.reviewed_at = s.Int(6);
  return r;
}

static model::User ReadUser(Store::Impl& impl, const Statement& s) {
  model::User u;
  u.meta = Meta(impl, s, 5);
  u.meta.id = IdAt(s, 0);
  u.name = s.Text(1);
  u.role = static_cast<model::Role>(s.Int(2));
  u.area_code = s.Text(3);
  u.unit = s.Text(4);
  return u;
}

Result<std::optional<model::User>> Store::GetUser(const Id& id) {
  auto stmt = Query(impl_->db,
                    "SELECT id, name, role, area_code, unit, hlc, device, deleted FROM user "
                    "WHERE id = ?",
                    [&](Statement& s) { s.BindBlob(1, Blob(id)); });
  if (!stmt) return std::unexpected(stmt.error());
  return First(All<model::User>(**stmt, [&](Statement& s) { return ReadUser(*impl_, s); }));
}

Result<std::vector<model::User>> Store::Users() {
  auto stmt = impl_->db.Prepare(
      "SELECT id, name, role, area_code, unit, hlc, device, deleted FROM user WHERE deleted = 0 "
      "ORDER BY name");
  if (!stmt) return std::unexpected(stmt.error());
  return All<model::User>(**stmt, [&](Statement& s) { return ReadUser(*impl_, s); });
}

Result<std::vector<model::Area>> Store::Areas(const std::string& prefix) {
  auto stmt = Query(impl_->db,
                    "SELECT code, name, level, parent, hlc FROM area WHERE code >= ?1 AND "
                    "code < ?1 || 'z' ORDER BY code",
                    [&](Statement& s) { s.Bind(1, prefix); });
  if (!stmt) return std::unexpected(stmt.error());
  return All<model::Area>(**stmt, [](Statement& s) {
    return model::Area{s.Text(0), s.Text(1), static_cast<model::AreaLevel>(s.Int(2)), s.Text(3),
                       static_cast<model::Hlc>(s.Int(4))};
  });
}

Result<std::vector<model::Posyandu>> Store::PosyanduIn(const std::string& prefix) {
  auto stmt = Query(
      impl_->db,
      "SELECT id, name, village_code, cadre_ids, hlc, device, deleted, puskesmas FROM posyandu "
      "WHERE village_code >= ?1 AND village_code < ?1 || 'z' AND deleted = 0 "
      "ORDER BY village_code, name",
      [&](Statement& s) { s.Bind(1, prefix); });
  if (!stmt) return std::unexpected(stmt.error());
  return All<model::Posyandu>(**stmt, [&](Statement& s) {
    model::Posyandu p;
    p.meta = Meta(*impl_, s, 4);
    p.meta.id = IdAt(s, 0);
    p.name = s.Text(1);
    p.village_code = s.Text(2);
    p.cadre_ids = UnpackIds(s.Blob(3));
    p.puskesmas_code = s.Text(7);
    return p;
  });
}

Result<std::vector<model::Measurement>> Store::MeasurementsOf(const Id& child_id) {
  auto stmt = Query(impl_->db,
                    std::string("SELECT ") + kMeasurementColumns +
                        " FROM measurement m WHERE m.child_n = (SELECT n FROM child WHERE id = ?) "
                        "AND m.deleted = 0 "
                        "ORDER BY m.measured_on, m.id",
                    [&](Statement& s) { s.BindBlob(1, Blob(child_id)); });
  if (!stmt) return std::unexpected(stmt.error());
  return All<model::Measurement>(**stmt, [&](Statement& s) { return ReadMeasurement(*impl_, s); });
}

// Visits matching `where` (one blob parameter), with their aid items.
static Result<std::vector<model::Visit>> ReadVisits(Store::Impl& impl_ref, const char* where,
                                                    const Id& key) {
  Store::Impl* impl_ = &impl_ref;
  auto stmt =
      Query(impl_->db,
            std::string("SELECT id, household_id, visited_at, visitor_id, visitor_name, "
                        "visitor_role, visitor_unit, people_seen, purpose, observed, "
                        "child_ate_aid, follow_up_on, referral, notes, hlc, device, deleted "
                        "FROM visit WHERE ") +
                where,
            [&](Statement& s) { s.BindBlob(1, Blob(key)); });
  if (!stmt) return std::unexpected(stmt.error());
  auto visits = All<model::Visit>(**stmt, [&](Statement& s) {
    model::Visit v;
    v.meta = Meta(*impl_, s, 14);
    v.meta.id = IdAt(s, 0);
    v.household_id = IdAt(s, 1);
    v.visited_at = s.Int(2);
    v.visitor_id = OptIdAt(s, 3);
    v.visitor_name = s.Text(4);
    v.visitor_role = static_cast<model::Role>(s.Int(5));
    v.visitor_unit = s.Text(6);
    v.people_seen = UnpackIds(s.Blob(7));
    v.purpose = static_cast<model::VisitPurpose>(s.Int(8));
    const std::string observed = s.Text(9);
    std::optional<bool>* slots[] = {
        &v.observed.clean_water,           &v.observed.latrine,
        &v.observed.smoking_at_home,       &v.observed.exclusive_breastfeeding,
        &v.observed.immunisation_complete, &v.observed.anc_for_pregnant_mother};
    for (size_t i = 0; i < 6 && i < observed.size(); ++i) {
      if (observed[i] != '?') *slots[i] = observed[i] == 'y';
    }
    if (!s.IsNull(10)) v.child_ate_aid = s.Int(10) != 0;
    v.follow_up_on = OptIntAt(s, 11);
    v.referral = s.Text(12);
    v.notes = s.Text(13);
    return v;
  });
  if (!visits) return visits;
  for (model::Visit& v : *visits) {
    auto items = Query(impl_->db,
                       "SELECT type, quantity, unit, source FROM aid_item WHERE visit_id = ? "
                       "ORDER BY n",
                       [&](Statement& s) { s.BindBlob(1, Blob(v.meta.id)); });
    if (!items) return std::unexpected(items.error());
    auto aid = All<model::AidItem>(**items, [](Statement& s) {
      return model::AidItem{s.Text(0), s.Real(1), s.Text(2),
                            static_cast<model::AidSource>(s.Int(3))};
    });
    if (!aid) return std::unexpected(aid.error());
    v.aid = std::move(*aid);
  }
  return visits;
}

Result<std::vector<model::Visit>> Store::VisitsOf(const Id& household_id) {
  return ReadVisits(*impl_, "household_id = ? AND deleted = 0 ORDER BY visited_at DESC",
                    household_id);
}

Result<std::optional<model::Visit>> Store::GetVisit(const Id& id) {
  return First(ReadVisits(*impl_, "id = ?", id));
}

Result<std::optional<model::Measurement>> Store::GetMeasurement(const Id& id) {
  auto stmt =
      Query(impl_->db,
            std::string("SELECT ") + kMeasurementColumns + " FROM measurement m WHERE m.id = ?",
            [&](Statement& s) { s.BindBlob(1, Blob(id)); });
  if (!stmt) return std::unexpected(stmt.error());
  return First(
      All<model::Measurement>(**stmt, [&](Statement& s) { return ReadMeasurement(*impl_, s); }));
}

Result<std::optional<model::Posyandu>> Store::GetPosyandu(const Id& id) {
  auto stmt = Query(
      impl_->db,
      "SELECT id, name, village_code, cadre_ids, hlc, device, deleted, puskesmas FROM posyandu "
      "WHERE id = ?",
      [&](Statement& s) { s.BindBlob(1, Blob(id)); });
  if (!stmt) return std::unexpected(stmt.error());
  return First(All<model::Posyandu>(**stmt, [&](Statement& s) {
    model::Posyandu p;
    p.meta = Meta(*impl_, s, 4);
    p.meta.id = IdAt(s, 0);
    p.name = s.Text(1);
    p.village_code = s.Text(2);
    p.cadre_ids = UnpackIds(s.Blob(3));
    p.puskesmas_code = s.Text(7);
    return p;
  }));
}

Result<std::optional<model::Assignment>> Store::GetAssignment(const Id& id) {
  auto stmt =
      Query(impl_->db,
            "SELECT id, child_id, household_id, assignee_id, organisation, from_day, to_day, "
            "hlc, device, deleted FROM assignment WHERE id = ?",
            [&](Statement& s) { s.BindBlob(1, Blob(id)); });
  if (!stmt) return std::unexpected(stmt.error());
  return First(All<model::Assignment>(**stmt, [&](Statement& s) {
    model::Assignment a;
    a.meta = Meta(*impl_, s, 7);
    a.meta.id = IdAt(s, 0);
    a.child_id = OptIdAt(s, 1);
    a.household_id = OptIdAt(s, 2);
    a.assignee_id = OptIdAt(s, 3);
    a.organisation = s.Text(4);
    a.from_day = static_cast<int>(s.Int(5));
    a.to_day = OptIntAt(s, 6);
    return a;
  }));
}

Result<std::optional<model::Review>> Store::GetReview(const Id& id) {
  auto stmt = Query(impl_->db,
                    "SELECT id, target, target_id, reviewer_id, decision, comment, reviewed_at, "
                    "hlc, device, deleted FROM review WHERE id = ?",
                    [&](Statement& s) { s.BindBlob(1, Blob(id)); });
  if (!stmt) return std::unexpected(stmt.error());
  return First(All<model::Review>(**stmt, [&](Statement& s) { return ReadReview(*impl_, s); }));
}

Result<std::vector<model::Review>> Store::ReviewsOf(const Id& target_id) {
  auto stmt = Query(impl_->db,
                    "SELECT id, target, target_id, reviewer_id, decision, comment, reviewed_at, "
                    "hlc, device, deleted FROM review WHERE target_id = ? AND deleted = 0 "
                    "ORDER BY reviewed_at",
                    [&](Statement& s) { s.BindBlob(1, Blob(target_id)); });
  if (!stmt) return std::unexpected(stmt.error());
  return All<model::Review>(**stmt, [&](Statement& s) { return ReadReview(*impl_, s); });
}

Result<std::vector<ChildRow>> Store::SearchChildren(std::string_view text, int limit) {
  const std::string query = PrefixQuery(text);
  if (query.empty()) return std::vector<ChildRow>{};
  // The first few hundred matches in index order (cheap, however common the
  // prefix), shown by name: typing one more letter narrows a long list.
  constexpr int kCandidates = 300;
  auto stmt =
      Query(impl_->db,
            std::string("SELECT ") + kRowColumns +
                " FROM (SELECT rowid FROM child_search WHERE child_search MATCH ? LIMIT ?) f"
                " JOIN child c ON c.n = f.rowid LEFT JOIN person p ON p.id = c.mother_id"
                " WHERE c.deleted = 0",
            [&](Statement& s) { s.Bind(1, query).Bind(2, kCandidates); });
  if (!stmt) return std::unexpected(stmt.error());
  auto rows = All<ChildRow>(**stmt, ReadRow);
  if (!rows) return rows;
  std::sort(rows->begin(), rows->end(),
            [](const ChildRow& a, const ChildRow& b) { return a.name < b.name; });
  if (static_cast<int>(rows->size()) > limit) rows->resize(limit);
  return rows;
}

namespace {

// The WHERE clause of a child filter; parameters ?1 posyandu, ?2 area prefix,
// ?3 first day of the month, ?4 user, ?7 first day of the previous month
// (BindFilter binds them all).
std::string FilterWhere(const ChildFilter& f) {
  std::string where = " WHERE c.deleted = 0 AND c.status = 1";
  if (f.posyandu) {
    where += " AND c.posyandu_id = ?1";
  } else if (!f.area_prefix.empty()) {
    where += " AND c.village_code >= ?2 AND c.village_code < ?2 || 'z'";
  }
  switch (f.kind) {
    case ChildListKind::kAll:
      break;
    case ChildListKind::kStunted:
      where += " AND c.last_tbu IN (2, 3)";  // Status::kSeverelyStunted, kStunted
      break;
    case ChildListKind::kWasted:
      where += " AND c.last_bbtb IN (10, 11)";  // kSeverelyWasted, kWasted
      break;
    case ChildListKind::kNotMeasuredThisMonth:
      where += " AND (c.last_measured_on IS NULL OR c.last_measured_on < ?3)";
      break;
    case ChildListKind::kTwoT:
      // T in the latest month weighed and the month before it (WeightGain::
      // kTidakNaik), that month being this one or, until this month's weighing,
      // the last: a T/T older than that is not 2T any more (domain.md).
      where += " AND c.last_gain = 2 AND c.prev_gain = 2 AND c.last_weighed_on >= ?7";
      break;
    case ChildListKind::kToRefer:
      where += " AND c.refer_on IS NOT NULL";
      break;
    case ChildListKind::kAssignedTo:
      where +=
          " AND (c.id IN (SELECT child_id FROM assignment WHERE assignee_id = ?4 AND deleted = 0)"
          " OR c.household_id IN (SELECT household_id FROM assignment WHERE assignee_id = ?4 "
          "AND deleted = 0))";
      break;
  }
  return where;
}

void BindFilter(Statement& s, const ChildFilter& f) {
  if (f.posyandu) s.BindBlob(1, Blob(*f.posyandu));
  s.Bind(2, f.area_prefix).Bind(3, FirstDayOfMonth(f.today)).BindBlob(4, Blob(f.user));
  s.Bind(7, FirstDayOfMonth(FirstDayOfMonth(f.today) - 1));
}

std::string FilterOrder(const ChildFilter& f) {
  return f.posyandu ? " ORDER BY c.posyandu_id, c.name, c.n" : " ORDER BY c.name, c.n";
}

}  // namespace

Result<ChildPage> Store::ListChildren(const ChildFilter& f, int offset, int limit) {
  const std::string where = FilterWhere(f);
  ChildPage page;
  auto count = Query(impl_->db, "SELECT count(*) FROM child c" + where,
                     [&](Statement& s) { BindFilter(s, f); });
  if (!count) return std::unexpected(count.error());
  auto n = (*count)->Step();
  if (!n) return std::unexpected(n.error());
  page.total = static_cast<int>((*count)->Int(0));
  (*count)->Reset();

  auto rows = Query(impl_->db,
                    std::string("SELECT ") + kRowColumns +
                        " FROM child c LEFT JOIN person p ON p.id = c.mother_id" + where +
                        FilterOrder(f) + " LIMIT ?5 OFFSET ?6",
                    [&](Statement& s) {
                      BindFilter(s, f);
                      s.Bind(5, limit).Bind(6, offset);
                    });
  if (!rows) return std::unexpected(rows.error());
  auto read = All<ChildRow>(**rows, ReadRow);
  if (!read) return std::unexpected(read.error());
  page.rows = std::move(*read);
  return page;
}

Result<std::vector<int64_t>> Store::ChildOrder(const ChildFilter& f) {
  auto stmt = Query(impl_->db, "SELECT c.n FROM child c" + FilterWhere(f) + FilterOrder(f),
                    [&](Statement& s) { BindFilter(s, f); });
  if (!stmt) return std::unexpected(stmt.error());
  return All<int64_t>(**stmt, [](Statement& s) { return s.Int(0); });
}

Result<std::vector<ChildRow>> Store::ChildRows(std::span<const int64_t> row_numbers) {
  // Fetched in chunks of 32 with one cached statement (unused slots bound NULL).
  constexpr size_t kChunk = 32;
  std::string sql = std::string("SELECT c.n, ") + kRowColumns +
                    " FROM child c LEFT JOIN person p ON p.id = c.mother_id "
                    "WHERE c.deleted = 0 AND c.n IN (?";
  for (size_t i = 1; i < kChunk; ++i) sql += ", ?";
  sql += ")";
  std::vector<std::pair<int64_t, ChildRow>> found;
  for (size_t begin = 0; begin < row_numbers.size(); begin += kChunk) {
    auto stmt = impl_->db.Prepare(sql);
    if (!stmt) return std::unexpected(stmt.error());
    for (size_t i = 0; i < kChunk; ++i) {
      if (begin + i < row_numbers.size()) {
        (*stmt)->Bind(static_cast<int>(i + 1), row_numbers[begin + i]);
      } else {
        (*stmt)->BindNull(static_cast<int>(i + 1));
      }
    }
    while (true) {
      auto row = (*stmt)->Step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      found.emplace_back((*stmt)->Int(0), ReadRowAt(**stmt, 1));
    }
  }
  std::vector<ChildRow> rows;
  rows.reserve(found.size());
  for (int64_t n : row_numbers) {
    auto it = std::find_if(found.begin(), found.end(), [n](const auto& f) { return f.first == n; });
    if (it != found.end()) rows.push_back(std::move(it->second));
  }
  return rows;
}

Result<std::vector<DueFamily>> Store::DueVisits(const Id& user, int today, int overdue_after_days) {
  auto stmt = Query(
      impl_->db,
      "WITH mine AS ("
      "  SELECT household_id AS h FROM assignment WHERE assignee_id = ?1 AND deleted = 0 "
      "    AND household_id IS NOT NULL AND (to_day IS NULL OR to_day >= ?2)"
      "  UNION SELECT c.household_id FROM assignment a JOIN child c ON c.id = a.child_id "
      "    WHERE a.assignee_id = ?1 AND a.deleted = 0 AND (a.to_day IS NULL OR a.to_day >= ?2)),"
      " last AS (SELECT household_id, max(visited_at) AS at FROM visit WHERE deleted = 0 "
      "    AND household_id IN (SELECT h FROM mine) GROUP BY household_id)"
      " SELECT h.id, h.head_name, h.address, h.village_code, last.at,"
      "  (SELECT follow_up_on FROM visit v WHERE v.household_id = h.id AND v.deleted = 0 "
      "   ORDER BY visited_at DESC LIMIT 1) AS follow_up"
      " FROM household h JOIN mine ON mine.h = h.id LEFT JOIN last ON last.household_id = h.id"
      " WHERE h.deleted = 0",
      [&](Statement& s) { s.BindBlob(1, Blob(user)).Bind(2, today); });
  if (!stmt) return std::unexpected(stmt.error());
  auto families = All<DueFamily>(**stmt, [&](Statement& s) {
    DueFamily d;
    d.household_id = IdAt(s, 0);
    d.head_name = s.Text(1);
    d.address = s.Text(2);
    d.village_code = s.Text(3);
    if (!s.IsNull(4)) d.last_visit_at = s.Int(4);
    d.follow_up_on = OptIntAt(s, 5);
    // Due on the follow-up date, else `overdue_after_days` after the last visit;
    // never visited: due from today.
    int due = today;
    if (d.follow_up_on) {
      due = *d.follow_up_on;
    } else if (d.last_visit_at) {
      due = static_cast<int>(*d.last_visit_at / 86400) + overdue_after_days;
    }
    d.days_overdue = today - due;
    return d;
  });
  if (!families) return families;
  std::erase_if(*families, [](const DueFamily& d) { return d.days_overdue < 0; });
  std::stable_sort(families->begin(), families->end(), [](const DueFamily& a, const DueFamily& b) {
    return a.days_overdue > b.days_overdue;
  });
  return families;
}

Result<std::vector<model::Measurement>> Store::ReviewQueue(const std::string& area_prefix,
                                                           int limit) {
  auto stmt = Query(impl_->db,
                    std::string("SELECT ") + kMeasurementColumns +
                        " FROM measurement m JOIN child c ON c.n = m.child_n "
                        "WHERE m.flags != 0 AND m.deleted = 0 AND c.village_code >= ?1 "
                        "AND c.village_code < ?1 || 'z' "
                        "AND NOT EXISTS (SELECT 1 FROM review r WHERE r.target_id = m.id "
                        "AND r.deleted = 0 AND r.decision IN (1, 2)) "
                        "ORDER BY m.measured_on DESC LIMIT ?2",
                    [&](Statement& s) { s.Bind(1, area_prefix).Bind(2, limit); });
  if (!stmt) return std::unexpected(stmt.error());
  return All<model::Measurement>(**stmt, [&](Statement& s) { return ReadMeasurement(*impl_, s); });
}

Result<PosyanduDay> Store::DaySummary(const std::optional<Id>& posyandu,
                                      const std::string& area_prefix, int today) {
  PosyanduDay day;
  const int month_start = FirstDayOfMonth(today);
  const int five_years_ago = today - 1826;
  std::string scope =
      posyandu ? "c.posyandu_id = ?1" : "c.village_code >= ?2 AND c.village_code < ?2 || 'z'";
  auto stmt = Query(impl_->db,
                    "SELECT count(*), sum(c.last_measured_on >= ?3) FROM child c WHERE " + scope +
                        " AND c.deleted = 0 AND c.status = 1 AND c.birth_date > ?4",
                    [&](Statement& s) {
                      if (posyandu) s.BindBlob(1, Blob(*posyandu));
                      s.Bind(2, area_prefix).Bind(3, month_start).Bind(4, five_years_ago);
                    });
  if (!stmt) return std::unexpected(stmt.error());
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  day.expected = static_cast<int>((*stmt)->Int(0));
  day.measured = static_cast<int>((*stmt)->Int(1));
  (*stmt)->Reset();
  auto queue = ReviewQueue(area_prefix, 1000);
  if (!queue) return std::unexpected(queue.error());
  day.flagged_waiting = static_cast<int>(queue->size());
  auto pending = PendingChanges();
  if (!pending) return std::unexpected(pending.error());
  day.unsent_changes = static_cast<int>(*pending);
  return day;
}

Result<std::vector<ExportRow>> Store::MonthExport(int year, int month) {
  using namespace std::chrono;
  const year_month ym{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)}};
  const int from = static_cast<int>(sys_days{ym / 1}.time_since_epoch().count());
  const int to = static_cast<int>(sys_days{(ym + months{1}) / 1}.time_since_epoch().count());
  // Per child, the month's weight (the measurement carrying its N/T/O/B: the
  // last weighing that stands), else the month's last measurement.
  auto ids = Query(impl_->db,
                   "SELECT (SELECT m.id FROM measurement m WHERE m.child_n = c.n "
                   "  AND m.measured_on >= ?1 AND m.measured_on < ?2 AND m.deleted = 0 "
                   "  ORDER BY m.gain != 0 DESC, m.measured_on DESC, m.id DESC LIMIT 1), c.id "
                   "FROM child c WHERE c.deleted = 0 AND EXISTS (SELECT 1 FROM measurement m "
                   "  WHERE m.child_n = c.n AND m.measured_on >= ?1 AND m.measured_on < ?2 "
                   "  AND m.deleted = 0) ORDER BY c.village_code, c.name, c.n",
                   [&](Statement& s) { s.Bind(1, from).Bind(2, to); });
  if (!ids) return std::unexpected(ids.error());
  auto pairs = All<std::pair<Id, Id>>(**ids, [](Statement& s) {
    return std::pair<Id, Id>{IdAt(s, 0), IdAt(s, 1)};
  });
  if (!pairs) return std::unexpected(pairs.error());

  std::vector<ExportRow> out;
  out.reserve(pairs->size());
  auto area_name = [&](const std::string& code) -> std::string {
    auto stmt = Query(impl_->db, "SELECT name FROM area WHERE code = ?",
                      [&](Statement& s) { s.Bind(1, code); });
    if (!stmt) return "";
    auto row = (*stmt)->Step();
    std::string name = row && *row ? (*stmt)->Text(0) : "";
    (*stmt)->Reset();
    return name;
  };
  for (const auto& [measurement_id, child_id] : *pairs) {
    ExportRow row;
    auto child = GetChild(child_id);
    if (!child) return std::unexpected(child.error());
    row.child = **child;
    auto history = MeasurementsOf(child_id);
    if (!history) return std::unexpected(history.error());
    for (const model::Measurement& m : *history) {
      if (m.meta.id == measurement_id) row.measurement = m;
    }
    if (!row.child.mother_id.empty()) {
      if (auto mother = GetPerson(row.child.mother_id); mother && *mother) {
        row.mother_name = (*mother)->name;
        row.mother_nik = (*mother)->nik;
      }
    }
    if (auto household = GetHousehold(row.child.household_id); household && *household) {
      row.household = **household;
    }
    if (!row.child.posyandu_id.empty()) {
      auto p = Query(impl_->db,
                     "SELECT p.name, coalesce(k.name, '') FROM posyandu p "
                     "LEFT JOIN puskesmas k ON k.code = p.puskesmas WHERE p.id = ?",
                     [&](Statement& s) { s.BindBlob(1, Blob(row.child.posyandu_id)); });
      if (p && (*p)->Step().value_or(false)) {
        row.posyandu_name = (*p)->Text(0);
        row.puskesmas = (*p)->Text(1);
      }
      if (p) (*p)->Reset();
    }
    const std::string& v = row.child.village_code;
    row.province = area_name(v.substr(0, 2));
    row.kabupaten = area_name(v.substr(0, 4));
    row.kecamatan = area_name(v.substr(0, 6));
    row.village = area_name(v);
    out.push_back(std::move(row));
  }
  return out;
}

// The first other live record of `table` with this NIK: its id and name.
static Result<void> FindNikHolder(Database& db, const char* table, const std::string& nik,
                                  const Id& self, NikCheck& out) {
  auto stmt = db.Prepare(std::string("SELECT id, name FROM ") + table +
                         " WHERE nik = ? AND deleted = 0 AND id != ? LIMIT 1");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, nik).BindBlob(2, Blob(self));
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  if (*row) {
    out.warnings.push_back({"nik", "warning.nik_registered"});
    out.other_id = IdAt(**stmt, 0);
    out.other_name = (*stmt)->Text(1);
  }
  (*stmt)->Reset();
  return {};
}

Result<NikCheck> Store::CheckChildNik(const model::Child& child) {
  NikCheck out;
  if (child.nik.empty() || !model::NikProblems(child.nik).empty()) return out;
  out.warnings = model::NikWarnings(child.nik, child.birth_date, child.sex);
  if (auto found = FindNikHolder(impl_->db, "child", child.nik, child.meta.id, out); !found) {
    return std::unexpected(found.error());
  }
  return out;
}

Result<NikCheck> Store::CheckMotherNik(const model::Person& mother) {
  NikCheck out;
  if (mother.nik.empty() || !model::NikProblems(mother.nik).empty()) return out;
  out.warnings = model::MotherNikWarnings(mother.nik, mother.birth_date);
  if (auto found = FindNikHolder(impl_->db, "person", mother.nik, mother.meta.id, out); !found) {
    return std::unexpected(found.error());
  }
  return out;
}

Result<std::optional<int>> Store::ReferralDue(const Id& child_id) {
  auto stmt = Query(impl_->db, "SELECT refer_on FROM child WHERE id = ? AND deleted = 0",
                    [&](Statement& s) { s.BindBlob(1, Blob(child_id)); });
  if (!stmt) return std::unexpected(stmt.error());
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  const std::optional<int> day = *row ? OptIntAt(**stmt, 0) : std::nullopt;
  (*stmt)->Reset();
  return day;
}

}  // namespace core::store
