// The demo kabupaten: Kabupaten Semarang's code (3322) with made-up places and
// people. Children follow a personal centile on the WHO tables with monthly
// noise, so the mix of stunting and wasting looks like a real district.
#include "demo/demo_data.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <random>
#include <string>

#include "growth/lms.h"
#include "growth/lms_table.h"
#include "model/age.h"

namespace core::demo {
namespace {

using model::Id;

constexpr std::array kBoyNames = {"Budi", "Agus",   "Rizky", "Fajar", "Dimas",  "Bayu",
                                  "Arif", "Yusuf",  "Ilham", "Rafi",  "Galih",  "Hendra",
                                  "Adit", "Farhan", "Raka",  "Bima",  "Satria", "Dafa"};
constexpr std::array kGirlNames = {"Siti",    "Ayu",   "Putri",  "Dewi",   "Nur",   "Rina",
                                   "Intan",   "Citra", "Aisyah", "Nabila", "Zahra", "Fitri",
                                   "Lestari", "Salsa", "Kirana", "Aulia",  "Naura", "Melati"};
constexpr std::array kFamilyNames = {"Santoso",   "Wibowo",    "Saputra", "Hidayat",   "Purnomo",
                                     "Setiawan",  "Prasetyo",  "Nugroho", "Kurniawan", "Lestari",
                                     "Wulandari", "Rahmawati", "Susanto", "Maharani",  "Utomo"};
constexpr std::array kMotherNames = {
    "Sri", "Tri", "Endang", "Wahyuni", "Sumiati",  "Yuliana", "Rini",    "Nanik",
    "Eka", "Dwi", "Umi",    "Ratna",   "Sulastri", "Mariyam", "Kartini", "Suparti"};
constexpr std::array kFatherNames = {"Slamet",  "Joko",      "Bambang", "Sugeng",  "Teguh",
                                     "Heru",    "Wahyu",     "Eko",     "Darmaji", "Suharto",
                                     "Mulyono", "Supriyadi", "Agung",   "Rudi"};
constexpr std::array kPlaceNames = {"Sumber", "Karang", "Tegal",  "Banyu",  "Sido",
                                    "Wono",   "Kali",   "Ngem",   "Gunung", "Rejo",
                                    "Mulyo",  "Jati",   "Pandan", "Randu",  "Klampok"};
constexpr std::array kPlaceSuffixes = {"rejo", "sari",  "mulyo",  "agung", "harjo",
                                       "asri", "wangi", "makmur", "jaya",  "luhur"};
constexpr std::array kPosyanduNames = {"Melati",    "Mawar",   "Anggrek", "Dahlia",    "Kenanga",
                                       "Flamboyan", "Cempaka", "Teratai", "Bougenvil", "Seruni"};

template <size_t N>
const char* Pick(std::mt19937_64& rng, const std::array<const char*, N>& names) {
  return names[rng() % N];
}

std::string Digits(std::mt19937_64& rng, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out.push_back(static_cast<char>('0' + rng() % 10));
  return out;
}

std::string TwoDigits(int n) {
  return std::string(1, static_cast<char>('0' + n / 10 % 10)) + static_cast<char>('0' + n % 10);
}

// A NIK that matches the birth date and sex (women: day + 40).
std::string MakeNik(std::mt19937_64& rng, const std::string& kecamatan, int birth_day,
                    bool female) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{birth_day}}};
  const int day = static_cast<int>(static_cast<unsigned>(ymd.day())) + (female ? 40 : 0);
  return kecamatan + TwoDigits(day) +
         TwoDigits(static_cast<int>(static_cast<unsigned>(ymd.month()))) +
         TwoDigits(static_cast<int>(ymd.year()) % 100) +
         std::to_string(10001 + rng() % 9999).substr(1);  // serial 0001-9999
}

std::string PlaceName(std::mt19937_64& rng) {
  return std::string(Pick(rng, kPlaceNames)) + Pick(rng, kPlaceSuffixes);
}

int MonthStart(int day) {
  using namespace std::chrono;
  const year_month_day ymd{sys_days{days{day}}};
  return static_cast<int>(sys_days{ymd.year() / ymd.month() / 1}.time_since_epoch().count());
}

int AddMonths(int month_start_day, int months) {
  using namespace std::chrono;
  const year_month_day ymd{sys_days{days{month_start_day}}};
  return static_cast<int>(sys_days{(ymd.year() / ymd.month() + std::chrono::months{months}) / 1}
                              .time_since_epoch()
                              .count());
}

struct Village {
  std::string code;
  std::vector<Id> posyandu;
  std::vector<Id> cadres;  // one per posyandu, same order
  Id officer;              // a Babinsa or Bhabinkamtibmas for the village
  std::string officer_name;
  model::Role officer_role;
  std::vector<int> posyandu_day;  // day of the month of each posyandu's monthly session
  double participation = 0.8;     // villages differ: D/S about 70-85%
  int scale_step_g = 100;         // a dacin reads 0.1 kg; a digital scale 0.05 kg
  Id supervisor;                  // the puskesmas nutrition officer who reviews
};

// A child's own growth path: centiles that drift slowly month to month.
struct GrowthPath {
  double length_z;
  double weight_for_length_z;
};

}  // namespace

Result<DemoSummary> SeedDemo(store::Store& store, const DemoOptions& options) {
  std::mt19937_64 rng(options.seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  DemoSummary summary;
  const int today = store.Today();
  const int64_t now_s = store.NowMs() / 1000;

  auto batch = store.BeginBatch();
  if (!batch) return std::unexpected(batch.error());
  int writes_in_batch = 0;
  // Commits every few thousand writes: each write is still its own validated
  // change with its outbox entry; the batch only spares the fsyncs.
  auto step = [&]() -> Result<void> {
    if (++writes_in_batch < 2000) return {};
    writes_in_batch = 0;
    if (auto done = store.CommitBatch(); !done) return done;
    return store.BeginBatch();
  };
#define TUMBUH_TRY(expr)                  \
  do {                                    \
    auto _r = (expr);                     \
    if (!_r) {                            \
      store.RollbackBatch();              \
      return std::unexpected(_r.error()); \
    }                                     \
  } while (false)

  // Places: the province, the kabupaten, kecamatan of about 15 villages.
  const std::string kabupaten = "3322";
  TUMBUH_TRY(store.SaveArea({"33", "Jawa Tengah", model::AreaLevel::kProvince, ""}));
  TUMBUH_TRY(store.SaveArea({kabupaten, "Kabupaten Semarang", model::AreaLevel::kKabupaten, "33"}));
  const int village_count = std::max(3, options.children / 250);
  const int kecamatan_count = std::max(1, (village_count + 14) / 15);
  std::vector<Village> villages;
  for (int k = 0; k < kecamatan_count; ++k) {
    const std::string kec = kabupaten + TwoDigits(k + 1);
    const std::string kecamatan_name = PlaceName(rng);
    TUMBUH_TRY(store.SaveArea({kec, kecamatan_name, model::AreaLevel::kKecamatan, kabupaten}));
    // Its puskesmas, named after a village of the kecamatan as they often are.
    const model::Puskesmas puskesmas{"P" + kec + "01", "Puskesmas " + PlaceName(rng), kec};
    TUMBUH_TRY(store.SavePuskesmas(puskesmas));
    ++summary.kecamatan;
    const int here = std::min(15, village_count - k * 15);
    for (int v = 0; v < here; ++v) {
      Village village;
      village.code = kec + "2" + std::to_string(1000 + v + 1).substr(1);  // desa: 2xxx
      TUMBUH_TRY(store.SaveArea({village.code, PlaceName(rng), model::AreaLevel::kDesa, kec}));
      const bool police = v % 2 == 1;
      model::User officer;
      officer.name = std::string(police ? "Aipda " : "Serda ") + Pick(rng, kFatherNames);
      officer.role = police ? model::Role::kBhabinkamtibmas : model::Role::kBabinsa;
      officer.area_code = village.code;
      officer.unit =
          police ? "Polsek " + std::to_string(k + 1) : "Koramil " + std::to_string(k + 1);
      auto officer_id = store.SaveUser(officer);
      TUMBUH_TRY(officer_id);
      village.officer = *officer_id;
      village.officer_name = officer.name;
      village.officer_role = officer.role;
      ++summary.users;
      village.participation = 0.74 + 0.14 * unit(rng);
      village.scale_step_g = unit(rng) < 0.7 ? 100 : 50;
      model::User supervisor;
      supervisor.name = std::string("Bidan ") + Pick(rng, kMotherNames);
      supervisor.role = model::Role::kBidan;
      supervisor.area_code = kec;
      supervisor.unit = "Puskesmas " + std::to_string(k + 1);
      auto supervisor_id = store.SaveUser(supervisor);
      TUMBUH_TRY(supervisor_id);
      village.supervisor = *supervisor_id;
      ++summary.users;
      const int posyandu_count = std::max(1, options.children / village_count / 60);
      for (int p = 0; p < posyandu_count; ++p) {
        model::User cadre;
        cadre.name = std::string("Ibu ") + Pick(rng, kMotherNames);
        cadre.role = model::Role::kKader;
        cadre.area_code = village.code;
        auto cadre_id = store.SaveUser(cadre);
        TUMBUH_TRY(cadre_id);
        ++summary.users;
        model::Posyandu posyandu;
        posyandu.name =
            std::string("Posyandu ") + kPosyanduNames[p % kPosyanduNames.size()] +
            (p >= static_cast<int>(kPosyanduNames.size()) ? " " + std::to_string(p) : "");
        posyandu.village_code = village.code;
        posyandu.cadre_ids = {*cadre_id};
        posyandu.puskesmas_code = puskesmas.code;
        auto id = store.SavePosyandu(posyandu);
        TUMBUH_TRY(id);
        village.posyandu.push_back(*id);
        village.posyandu_day.push_back(6 + static_cast<int>(rng() % 16));
        village.cadres.push_back(*cadre_id);
        ++summary.posyandu;
      }
      villages.push_back(std::move(village));
      ++summary.villages;
    }
  }

  // Families and children.
  const int first_month = AddMonths(MonthStart(today), -(options.months - 1));
  int written = 0;
  while (written < options.children) {
    Village& village = villages[rng() % villages.size()];
    const std::string kecamatan = village.code.substr(0, 6);
    model::Household h;
    const std::string family = Pick(rng, kFamilyNames);
    h.kk = village.code.substr(0, 6) + Digits(rng, 10);
    h.head_name = std::string(Pick(rng, kFatherNames)) + " " + family;
    h.address =
        std::string("Dusun ") + Pick(rng, kPlaceNames) + " No. " + std::to_string(1 + rng() % 120);
    h.rt = "0" + TwoDigits(1 + static_cast<int>(rng() % 12));
    h.rw = "0" + TwoDigits(1 + static_cast<int>(rng() % 6));
    h.village_code = village.code;
    const double poverty = unit(rng);  // drives water, latrine, aid
    h.water =
        poverty < 0.25
            ? (unit(rng) < 0.5 ? model::WaterSource::kUnprotectedWell : model::WaterSource::kRiver)
            : (unit(rng) < 0.5 ? model::WaterSource::kPiped : model::WaterSource::kDrilledWell);
    h.latrine = poverty < 0.15   ? model::Latrine::kNone
                : poverty < 0.35 ? model::Latrine::kWithoutSepticTank
                                 : model::Latrine::kWithSepticTank;
    h.mother_too_young = unit(rng) < 0.08;
    h.too_many_children = unit(rng) < 0.1;
    h.smoker_in_house = unit(rng) < 0.6;
    h.welfare_decile = 1 + static_cast<int>(poverty * 10);
    auto household = store.RegisterHousehold(h);
    TUMBUH_TRY(household);
    TUMBUH_TRY(step());
    ++summary.households;

    model::Person mother;
    mother.name = std::string(Pick(rng, kMotherNames)) + " " + Pick(rng, kFamilyNames);
    const int mother_birth =
        today - 365 * (19 + static_cast<int>(rng() % 20)) - static_cast<int>(rng() % 365);
    mother.nik = MakeNik(rng, kecamatan, mother_birth, true);
    mother.phone = "08" + Digits(rng, 10);
    mother.birth_date = mother_birth;
    mother.household_id = *household;
    auto mother_id = store.RegisterPerson(mother);
    TUMBUH_TRY(mother_id);
    TUMBUH_TRY(step());

    const int kids = std::min(options.children - written, unit(rng) < 0.3 ? 2 : 1);
    const size_t posyandu_index = rng() % village.posyandu.size();
    const Id posyandu = village.posyandu[posyandu_index];
    const Id cadre = village.cadres[posyandu_index];
    bool family_has_stunting = false;
    std::vector<Id> kid_ids;
    for (int kid = 0; kid < kids; ++kid) {
      model::Child c;
      const bool girl = unit(rng) < 0.49;
      c.sex = girl ? growth::Sex::kFemale : growth::Sex::kMale;
      c.name = std::string(girl ? Pick(rng, kGirlNames) : Pick(rng, kBoyNames)) + " " + family;
      c.birth_date = today - static_cast<int>(rng() % 1800);
      if (unit(rng) < 0.7) c.nik = MakeNik(rng, kecamatan, c.birth_date, girl);
      c.birth_weight_g = 2300 + static_cast<int>(rng() % 1500);
      c.birth_length_mm = 450 + static_cast<int>(rng() % 60);
      c.child_order = kid + 1;
      c.mother_id = *mother_id;
      c.household_id = *household;
      c.posyandu_id = posyandu;
      c.village_code = village.code;
      c.consent = {mother.name, now_s - static_cast<int64_t>(rng() % 30'000'000),
                   "pemantauan tumbuh kembang anak di posyandu"};
      auto child_id = store.RegisterChild(c);
      TUMBUH_TRY(child_id);
      TUMBUH_TRY(step());
      kid_ids.push_back(*child_id);
      ++summary.children;

      // About a fifth stunted, a fifteenth wasted, poorer families worse.
      // Most children grow along their own curve (centiles that drift
      // slowly); a minority falter for two months, some dip with an illness.
      GrowthPath path{-1.2 - 0.8 * (0.5 - poverty) + 0.95 * normal(rng),
                      -1.4 - 0.5 * (0.5 - poverty) + 0.85 * normal(rng)};
      if (path.length_z < -2) family_has_stunting = true;
      const bool falters = unit(rng) < 0.12;
      const int falter_from = static_cast<int>(rng() % static_cast<uint64_t>(options.months));
      const double attendance =
          unit(rng) < 0.9 ? std::min(0.98, village.participation + 0.12) : 0.5;
      double length_z = path.length_z, wfl_z = path.weight_for_length_z;
      for (int month = 0; month < options.months; ++month) {
        length_z += 0.02 * normal(rng);
        wfl_z += 0.015 * normal(rng) + 0.08;  // catching up a little, on average
        if (falters && month >= falter_from && month < falter_from + 2) wfl_z -= 0.3;
        const double illness = unit(rng) < 0.04 ? -0.35 : 0.0;
        const int posyandu_day = AddMonths(first_month, month) +
                                 village.posyandu_day[posyandu_index] - 1 +
                                 static_cast<int>(rng() % 2);
        if (posyandu_day > today || posyandu_day < c.birth_date + 7) continue;
        if (!model::IsBalita(c.birth_date, posyandu_day)) continue;
        // Vitamin A months draw more mothers to the posyandu.
        const bool vitamin_month =
            model::VitaminADue(c.birth_date, posyandu_day) != model::VitaminACapsule::kNone;
        // Older children come less often (school-age siblings, no more vaccines).
        const int age = posyandu_day - c.birth_date;
        const double come =
            attendance * (age >= 3 * 365 ? 0.9 : 1.0) + (vitamin_month ? 0.05 : 0.0);
        if (unit(rng) >= come) continue;  // missed this month
        const growth::Lms& len_row = *growth::tables::kLengthForAge.Row(c.sex, age);
        double length_cm = growth::LmsValueAt(len_row, length_z);
        const bool standing = growth::MeasuredStanding(age);
        if (standing) length_cm -= growth::kPostureCorrectionCm;  // the table is of lengths
        const growth::LmsTable& wfl =
            standing ? growth::tables::kWeightForHeight : growth::tables::kWeightForLength;
        const int key =
            std::clamp(static_cast<int>(std::lround(length_cm * 10)), wfl.first_key, wfl.last_key);
        const double weight_kg =
            growth::LmsValueAt(*wfl.Row(c.sex, key), wfl_z + illness) + 0.02 * normal(rng);
        model::Measurement m;
        m.child_id = *child_id;
        m.measured_on = posyandu_day;
        m.measured_by = cadre;
        const int step_g = village.scale_step_g;
        m.weight_g = static_cast<int>(std::lround(weight_kg * 1000 / step_g)) * step_g;
        m.length_mm = static_cast<int>(std::lround((length_cm + 0.25 * normal(rng)) * 10));
        m.posture = standing ? growth::Posture::kStanding : growth::Posture::kLying;
        if (unit(rng) < 0.05) {  // measured the other way: the 0.7 cm rule handles it
          m.posture = standing ? growth::Posture::kLying : growth::Posture::kStanding;
        }
        const model::Measurement correct = m;
        const bool typo = unit(rng) < 0.006;
        if (typo) {  // a typing error: two digits swapped or a digit lost
          const int kind = static_cast<int>(rng() % 3);
          if (kind == 0) m.length_mm = std::clamp(*m.length_mm - 300, 380, 1300);
          if (kind == 1) m.weight_g = std::clamp(*m.weight_g * 2, 500, 60000);
          if (kind == 2) m.weight_g = std::clamp(*m.weight_g / 2, 500, 60000);
        }
        if (age >= 180 && unit(rng) < 0.3) {
          m.muac_mm = static_cast<int>(
              std::lround(10 * growth::LmsValueAt(*growth::tables::kArmCircumferenceForAge.Row(
                                                      c.sex, std::max(age, 91)),
                                                  wfl_z + 0.3 * normal(rng))));
          m.muac_mm = std::clamp(*m.muac_mm, 60, 300);
        }
        if (age < 730 && unit(rng) < 0.4) {
          m.head_mm = static_cast<int>(std::lround(
              10 * growth::LmsValueAt(*growth::tables::kHeadCircumferenceForAge.Row(c.sex, age),
                                      0.3 * normal(rng))));
        }
        m.vitamin_a = vitamin_month;
        if (wfl_z < -2 || length_z < -2.5) m.supplementary_food_g = 900;
        auto saved = store.RecordMeasurement(m);
        TUMBUH_TRY(saved);
        TUMBUH_TRY(step());
        ++summary.measurements;
        // A flagged typing error: the supervisor mostly sends it back and the
        // cadre weighs again a few days later (a re-weighing in the month).
        const bool send_back = saved->flagged() && unit(rng) < 0.7;
        if (send_back) {
          model::Review review;
          review.target = model::ReviewTarget::kMeasurement;
          review.target_id = saved->meta.id;
          review.reviewer_id = village.supervisor;
          review.decision = model::ReviewDecision::kSentBack;
          review.comment = "Nilai tidak masuk akal, mohon ditimbang/diukur ulang";
          review.reviewed_at = int64_t{std::min(today, posyandu_day + 1)} * 86400 + 10 * 3600;
          TUMBUH_TRY(store.AddReview(review));
          TUMBUH_TRY(step());
        }
        // Now and then a re-weighing in the same month (the child cried, the
        // scale was moved): the month's last weighing is its weight.
        if (send_back || (!typo && unit(rng) < 0.03)) {
          model::Measurement again = correct;
          again.meta = {};
          again.measured_on = std::min(today, posyandu_day + 2 + static_cast<int>(rng() % 5));
          if (MonthStart(again.measured_on) != MonthStart(posyandu_day)) continue;
          again.weight_g = *again.weight_g + (static_cast<int>(rng() % 3) - 1) * step_g;
          again.muac_mm.reset();
          again.head_mm.reset();
          TUMBUH_TRY(store.RecordMeasurement(again));
          TUMBUH_TRY(step());
          ++summary.measurements;
        }
      }
    }
    written += kids;

    // At-risk families with a stunted child get a village officer and visits.
    if (family_has_stunting && h.AtRiskOfStunting()) {
      model::Assignment a;
      a.household_id = *household;
      a.assignee_id = village.officer;
      a.from_day = first_month;
      TUMBUH_TRY(store.Assign(a));
      TUMBUH_TRY(step());
      for (int month = 0; month < options.months; ++month) {
        if (unit(rng) < 0.3) continue;
        const int day = AddMonths(first_month, month) + static_cast<int>(rng() % 25);
        if (day >= today) continue;
        model::Visit v;
        v.household_id = *household;
        v.visited_at = int64_t{day} * 86400 + 9 * 3600 + static_cast<int64_t>(rng() % 21600);
        v.visitor_id = village.officer;
        v.visitor_name = village.officer_name;
        v.visitor_role = village.officer_role;
        v.visitor_unit = "";
        v.people_seen = kid_ids;
        v.purpose = unit(rng) < 0.6 ? model::VisitPurpose::kAidDelivery
                                    : model::VisitPurpose::kAccompaniment;
        v.observed.clean_water = model::IsSafeWater(h.water);
        v.observed.latrine = h.latrine == model::Latrine::kWithSepticTank;
        v.observed.smoking_at_home = h.smoker_in_house;
        if (v.purpose == model::VisitPurpose::kAidDelivery) {
          v.aid.push_back({"telur", 30, "butir", model::AidSource::kFosterParent});
          if (unit(rng) < 0.5) v.aid.push_back({"beras", 5, "kg", model::AidSource::kApbd});
          v.child_ate_aid = unit(rng) < 0.8;
        }
        v.follow_up_on = day + 30;
        v.notes = unit(rng) < 0.2 ? "Ibu diberi penyuluhan gizi seimbang" : "";
        TUMBUH_TRY(store.LogVisit(v));
        TUMBUH_TRY(step());
        ++summary.visits;
      }
    }
    if (options.progress && summary.households % 500 == 0) {
      options.progress(written, options.children);
    }
  }
#undef TUMBUH_TRY
  if (auto done = store.CommitBatch(); !done) return std::unexpected(done.error());
  if (options.progress) options.progress(written, options.children);
  return summary;
}

}  // namespace core::demo
