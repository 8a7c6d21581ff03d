// The service API refuses bad input with every problem and writes nothing.
#include "model/age.h"
#include "model/validation.h"
#include "store_fixture.h"

namespace core::store::testing {
namespace {

// Rows in every table that a refused write could touch, and the outbox.
int64_t Footprint(StoreTest& t) {
  return t.Count(
      "SELECT (SELECT count(*) FROM household) + (SELECT count(*) FROM person) + "
      "(SELECT count(*) FROM child) + (SELECT count(*) FROM measurement) + "
      "(SELECT count(*) FROM visit) + (SELECT count(*) FROM outbox) * 1000");
}

class ServiceValidation : public StoreTest {};

TEST_F(ServiceValidation, MeasurementLimits) {
  struct Case {
    const char* day;
    int weight_g, length_mm;
    const char* key;
  };
  for (const Case& c : {Case{"2026-11-01", 400, 0, "error.weight_range"},
                        Case{"2026-11-01", 60001, 0, "error.weight_range"},
                        Case{"2026-11-01", 9000, 379, "error.length_range"},
                        Case{"2026-11-01", 9000, 1301, "error.length_range"},
                        Case{"2024-12-31", 9000, 0, "error.measured_before_birth"},
                        Case{"2026-11-21", 9000, 0, "error.measured_in_future"}}) {
    const int64_t before = Footprint(*this);
    auto saved = store_->RecordMeasurement(Weighing(c.day, c.weight_g, c.length_mm));
    ASSERT_FALSE(saved) << c.key;
    EXPECT_EQ(saved.error().kind, Error::Kind::kInvalid);
    EXPECT_TRUE(saved.error().HasProblem(c.key)) << saved.error().message;
    EXPECT_EQ(Footprint(*this), before);
  }
}

// Finding 10: a measurement at 60 months or older is refused with its reason
// (the child has left balita age); so is registering a child born more than 6
// years ago. Today is 2026-11-20.
TEST_F(ServiceValidation, OnlyBalitaAreMeasuredAndRegistered) {
  const model::Id older =
      Must(store_->RegisterChild(Child("Dimas Santoso", growth::Sex::kMale, Day("2021-11-10"))));
  model::Measurement m = Weighing("2026-11-10", 18000);  // 60 months to the day
  m.child_id = older;
  const int64_t before = Footprint(*this);
  auto saved = store_->RecordMeasurement(m);
  ASSERT_FALSE(saved);
  EXPECT_TRUE(saved.error().HasProblem("error.measured_after_balita")) << saved.error().message;
  EXPECT_EQ(Footprint(*this), before);
  m.measured_on = Day("2026-11-09");  // 59 months 30 days: still a balita
  EXPECT_TRUE(store_->RecordMeasurement(m));

  auto too_old =
      store_->RegisterChild(Child("Rafi Santoso", growth::Sex::kMale, Day("2020-11-19")));
  ASSERT_FALSE(too_old);
  EXPECT_TRUE(too_old.error().HasProblem("error.birth_date_not_balita"));
  EXPECT_TRUE(store_->RegisterChild(Child("Raka Santoso", growth::Sex::kMale, Day("2020-11-20"))));
  // An edit of a child registered earlier is not a registration: it stays editable.
  model::Child edited = store_->GetChild(older).value().value();
  edited.birth_date = Day("2020-06-01");
  EXPECT_TRUE(store_->RegisterChild(edited));
}

// Finding 7: vitamin A per distribution month (February, August; blue 6-11
// months, red 12-59), PMT received, and the KIA book on the child.
TEST_F(ServiceValidation, VitaminAPmtAndTheKiaBookAreRecorded) {
  // Born 20 February 2025: 6 months on 20 August 2025 (blue), 12 in February 2026 (red).
  EXPECT_EQ(model::VitaminADue(Day("2025-02-20"), Day("2025-08-19")),
            model::VitaminACapsule::kNone);
  EXPECT_EQ(model::VitaminADue(Day("2025-02-20"), Day("2025-08-20")),
            model::VitaminACapsule::kBlue);
  EXPECT_EQ(model::VitaminADue(Day("2025-02-20"), Day("2026-02-20")), model::VitaminACapsule::kRed);
  EXPECT_EQ(model::VitaminADue(Day("2025-02-20"), Day("2026-03-20")),
            model::VitaminACapsule::kNone);
  model::Measurement m = Weighing("2026-08-10", 10000);
  m.vitamin_a = true;
  m.supplementary_food_g = 1500;
  ASSERT_TRUE(store_->RecordMeasurement(m));
  const model::Measurement stored = store_->MeasurementsOf(child_)->back();
  EXPECT_TRUE(stored.vitamin_a);
  EXPECT_EQ(stored.supplementary_food_g, 1500);
  m = Weighing("2026-09-10", 10200);
  m.vitamin_a = true;  // not a distribution month
  auto refused = store_->RecordMeasurement(m);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().HasProblem("error.vitamin_a_month"));

  model::Child with_book = Child("Ayu Santoso", growth::Sex::kFemale, Day("2025-06-01"));
  with_book.has_kia_book = true;
  const model::Id ayu = Must(store_->RegisterChild(with_book));
  EXPECT_TRUE(store_->GetChild(ayu).value()->has_kia_book);
  EXPECT_FALSE(store_->GetChild(child_).value()->has_kia_book);
}

TEST_F(ServiceValidation, HeadAndMuacLimitsAndEdgesAccepted) {
  model::Measurement m = Weighing("2026-11-01", 9000);
  m.head_mm = 249;
  m.muac_mm = 301;
  auto saved = store_->RecordMeasurement(m);
  ASSERT_FALSE(saved);
  EXPECT_TRUE(saved.error().HasProblem("error.head_range"));
  EXPECT_TRUE(saved.error().HasProblem("error.muac_range"));
  m.head_mm = 250;
  m.muac_mm = 300;
  m.weight_g = 500;  // the limits themselves are allowed
  EXPECT_TRUE(store_->RecordMeasurement(m));
}

TEST_F(ServiceValidation, NikAndKkMustHaveSixteenDigits) {
  model::Household h = Family();
  h.kk = "33730415012000";
  auto saved = store_->RegisterHousehold(h);
  ASSERT_FALSE(saved);
  EXPECT_TRUE(saved.error().HasProblem("error.kk_digits"));
  model::Child c = Child("Ani", growth::Sex::kFemale, Day("2025-06-01"));
  c.nik = "33730441060X0001";
  const int64_t before = Footprint(*this);
  auto child = store_->RegisterChild(c);
  ASSERT_FALSE(child);
  EXPECT_TRUE(child.error().HasProblem("error.nik_digits"));
  EXPECT_EQ(Footprint(*this), before);
}

TEST_F(ServiceValidation, BirthDateInTheFutureAndMissingConsent) {
  model::Child c = Child("Ani", growth::Sex::kFemale, Day("2026-12-01"));
  c.consent = {};
  auto child = store_->RegisterChild(c);
  ASSERT_FALSE(child);
  EXPECT_TRUE(child.error().HasProblem("error.birth_date_future"));
  EXPECT_TRUE(child.error().HasProblem("error.consent_required"));
  EXPECT_EQ(child.error().problems.size(), 2u);
}

TEST_F(ServiceValidation, UnknownChildHouseholdOrVisitTarget) {
  model::Measurement m = Weighing("2026-11-01", 9000);
  m.child_id = model::IdGenerator(9).Make(1);
  EXPECT_TRUE(store_->RecordMeasurement(m).error().HasProblem("error.unknown_child"));
  model::Visit v;
  v.household_id = model::IdGenerator(9).Make(2);
  v.visited_at = now_ms_ / 1000;
  v.visitor_name = "Serda Joko";
  EXPECT_TRUE(store_->LogVisit(v).error().HasProblem("error.unknown_household"));
}

TEST_F(ServiceValidation, ImplausibleValueIsSavedWithItsFlag) {
  // 25 kg at 22 months: far beyond +5 SD weight-for-age, a typing error.
  auto saved = store_->RecordMeasurement(Weighing("2026-11-01", 25000, 820));
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_TRUE(saved->flagged());
  EXPECT_EQ(saved->assessment.weight_for_age, growth::Status::kCheckMeasurement);
  auto queue = store_->ReviewQueue("3373", 10);
  ASSERT_TRUE(queue);
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ(queue->front().meta.id, saved->meta.id);
  // A review takes it out of the queue, and is its own record.
  model::Review r;
  r.target_id = saved->meta.id;
  r.reviewer_id = model::IdGenerator(3).Make(1);
  r.decision = model::ReviewDecision::kSentBack;
  r.comment = "Timbang ulang, mungkin 2,5 kg salah ketik";
  ASSERT_TRUE(store_->AddReview(r));
  EXPECT_TRUE(store_->ReviewQueue("3373", 10)->empty());
  EXPECT_EQ(store_->MeasurementsOf(child_)->front().weight_g, 25000);  // never silently fixed
}

// Finding 6: the NIK checks are in the service API, for the child and the
// mother: impossible NIKs refused, mismatches and duplicates warned about.
TEST_F(ServiceValidation, ImpossibleNiksAreRefused) {
  for (const auto& [nik, key] : {std::pair{"0000000000000000", "error.nik_zeros"},
                                 std::pair{"2073044106250001", "error.nik_province"},
                                 std::pair{"9973044106250001", "error.nik_province"},
                                 std::pair{"3373044106250000", "error.nik_serial"}}) {
    model::Child c = Child("Ayu Santoso", growth::Sex::kFemale, Day("2025-06-01"));
    c.nik = nik;
    auto child = store_->RegisterChild(c);
    ASSERT_FALSE(child) << nik;
    EXPECT_TRUE(child.error().HasProblem(key)) << nik << " " << child.error().message;
    model::Person mother;
    mother.name = "Dewi Lestari";
    mother.nik = nik;
    mother.household_id = household_;
    auto person = store_->RegisterPerson(mother);
    ASSERT_FALSE(person) << nik;
    EXPECT_TRUE(person.error().HasProblem(key)) << nik;
  }
  // Village codes follow Kemendagri: desa 2xxx, kelurahan 1xxx.
  model::Household h = Family();
  h.village_code = "3373043001";
  EXPECT_TRUE(store_->RegisterHousehold(h).error().HasProblem("error.village_code"));
  h.village_code = "3373042001";
  EXPECT_TRUE(store_->RegisterHousehold(h));
}

TEST_F(ServiceValidation, NikWarningsComeFromTheServiceApi) {
  model::Child c = Child("Ayu Santoso", growth::Sex::kFemale, Day("2025-06-01"));
  c.nik = "3373044106250001";  // day 41 = 1 June, a girl
  EXPECT_TRUE(store_->CheckChildNik(c)->warnings.empty());
  c.sex = growth::Sex::kMale;
  EXPECT_EQ(store_->CheckChildNik(c)->warnings, (std::vector<Problem>{{"nik", "warning.nik_sex"}}));
  c.sex = growth::Sex::kFemale;
  c.birth_date = Day("2025-06-02");
  EXPECT_EQ(store_->CheckChildNik(c)->warnings,
            (std::vector<Problem>{{"nik", "warning.nik_birth_date"}}));
  // Already registered to another child: a warning naming that child.
  c.birth_date = Day("2025-06-01");
  const model::Id ayu = Must(store_->RegisterChild(c));
  model::Child twin = Child("Putri Santoso", growth::Sex::kFemale, Day("2025-06-01"));
  twin.nik = c.nik;
  auto check = store_->CheckChildNik(twin);
  ASSERT_TRUE(check);
  EXPECT_EQ(check->warnings, (std::vector<Problem>{{"nik", "warning.nik_registered"}}));
  EXPECT_EQ(check->other_id, ayu);
  EXPECT_EQ(check->other_name, "Ayu Santoso");
  c.meta.id = ayu;  // the child itself is not a duplicate of itself
  EXPECT_TRUE(store_->CheckChildNik(c)->warnings.empty());
  // The mother: a woman's day is + 40; her NIK registered to another person.
  model::Person mother;
  mother.name = "Dewi Lestari";
  mother.nik = "3373040203950001";  // day 02: a man's
  mother.household_id = household_;
  EXPECT_EQ(store_->CheckMotherNik(mother)->warnings,
            (std::vector<Problem>{{"nik", "warning.nik_sex"}}));
  mother.nik = "3373045203950001";  // the fixture's mother, Siti Aminah
  mother.birth_date = Day("1995-03-12");
  check = store_->CheckMotherNik(mother);
  EXPECT_EQ(check->warnings, (std::vector<Problem>{{"nik", "warning.nik_registered"}}));
  EXPECT_EQ(check->other_name, "Siti Aminah");
}

TEST_F(ServiceValidation, NikWarningsAreNotRefusals) {
  // A girl born 2025-06-01: NIK day 41, month 06, year 25.
  EXPECT_TRUE(
      model::NikWarnings("3373044106250001", Day("2025-06-01"), growth::Sex::kFemale).empty());
  auto w = model::NikWarnings("3373040106250001", Day("2025-06-02"), growth::Sex::kFemale);
  EXPECT_EQ(w.size(), 2u);  // wrong day, and a male day number
  model::Child c = Child("Ani", growth::Sex::kFemale, Day("2025-06-02"));
  c.nik = "3373040106250001";
  EXPECT_TRUE(store_->RegisterChild(c));
}

}  // namespace
}  // namespace core::store::testing
