// Derived values: z-scores and labels on save, N/T/O/B over sequences with
// gaps (and backdated entries), 2T, the at-risk family flag.
#include "model/age.h"
#include "model/referral.h"
#include "model/weight_gain.h"
#include "store_fixture.h"

namespace core::store::testing {
namespace {

using model::WeightGain;

std::vector<WeightGain> Gains(Store& store, const model::Id& child) {
  std::vector<WeightGain> out;
  const auto history = store.MeasurementsOf(child).value();
  for (const auto& m : history) out.push_back(m.gain);
  return out;
}

class DerivedValues : public StoreTest {};

TEST_F(DerivedValues, ZScoresAndLabelsOnSave) {
  auto m = store_->RecordMeasurement(Weighing("2026-11-01", 9000, 780));
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->age_days, Day("2026-11-01") - Day("2025-01-15"));
  const growth::Score len = m->assessment.score(growth::Indicator::kLengthForAge);
  ASSERT_TRUE(len.exists());
  EXPECT_LT(len.z, -2);  // 78 cm at 21 months: stunted (-2.6)
  EXPECT_EQ(m->assessment.height_for_age, growth::Status::kStunted);
  // Stored as the cache, in hundredths.
  const auto stored = store_->MeasurementsOf(child_)->front();
  EXPECT_DOUBLE_EQ(stored.assessment.score(growth::Indicator::kLengthForAge).z,
                   growth::RoundZ2(len.z));
  EXPECT_EQ(stored.assessment.height_for_age, growth::Status::kStunted);
}

TEST_F(DerivedValues, NaikTidakOldBaruWithGaps) {
  // Age 21-22 months: KBM 200 g.
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-06-10", 9000)));  // B
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-07-12", 9300)));  // N (+300)
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-08-09", 9400)));  // T (+100)
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-10-11", 9700)));  // O (no September)
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-11-08", 9700)));  // T (flat)
  EXPECT_EQ(Gains(*store_, child_),
            (std::vector<WeightGain>{WeightGain::kBaru, WeightGain::kNaik, WeightGain::kTidakNaik,
                                     WeightGain::kOld, WeightGain::kTidakNaik}));
  // Backdating September turns October's O into N... and is itself T.
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-09-10", 9450)));
  EXPECT_EQ(
      Gains(*store_, child_),
      (std::vector<WeightGain>{WeightGain::kBaru, WeightGain::kNaik, WeightGain::kTidakNaik,
                               WeightGain::kTidakNaik, WeightGain::kNaik, WeightGain::kTidakNaik}));
}

TEST_F(DerivedValues, TwoTMonthsRunningIsListed) {
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-08-10", 9000)));
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-09-10", 9100)));  // T
  ChildFilter f;
  f.kind = ChildListKind::kTwoT;
  f.today = store_->Today();
  EXPECT_EQ(store_->ListChildren(f, 0, 10)->total, 0);
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-10-10", 9150)));  // T again
  EXPECT_EQ(store_->ListChildren(f, 0, 10)->total, 1);
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-11-10", 9600)));  // N
  EXPECT_EQ(store_->ListChildren(f, 0, 10)->total, 0);
}

TEST_F(DerivedValues, KbmByKmsColumn) {
  const auto rules = store_->KbmRules().value();
  EXPECT_EQ(model::MinimumGainG(0, rules), std::nullopt);  // the birth month: no KBM
  EXPECT_EQ(model::MinimumGainG(1, rules), 800);
  EXPECT_EQ(model::MinimumGainG(2, rules), 900);
  EXPECT_EQ(model::MinimumGainG(7, rules), 400);
  EXPECT_EQ(model::MinimumGainG(10, rules), 300);
  EXPECT_EQ(model::MinimumGainG(40, rules), 200);
  // Columns are calendar months: born 25 January, 10 March is column 2.
  EXPECT_EQ(model::KmsColumn(Day("2026-01-25"), Day("2026-01-31")), 0);
  EXPECT_EQ(model::KmsColumn(Day("2026-01-25"), Day("2026-03-10")), 2);
  EXPECT_EQ(model::KmsColumn(Day("2026-01-25"), Day("2026-09-10")), 8);
  EXPECT_EQ(model::CompletedMonths(Day("2025-01-15"), Day("2025-09-24")), 8);  // 8 bln 9 hr
  EXPECT_EQ(model::CompletedMonths(Day("2025-01-31"), Day("2025-02-28")), 0);
}

// Finding 1: born 25 January, weighed on the 10th of each month; the KBM is
// the KMS card's column (calendar months), not completed months.
TEST_F(DerivedValues, KbmIsReadInTheKmsColumnOfTheWeighing) {
  const model::Id baby =
      Must(store_->RegisterChild(Child("Putri Santoso", growth::Sex::kFemale, Day("2026-01-25"))));
  const std::pair<const char*, int> weighings[] = {
      {"2026-02-10", 4000},  // B
      {"2026-03-10", 4850},  // +850, column 2 (KBM 900): T
      {"2026-04-10", 5700},  // +850, column 3 (KBM 800): N
      {"2026-05-10", 6300},  // +600, column 4 (KBM 600): N
      {"2026-06-10", 6800},  // +500, column 5 (KBM 500): N
      {"2026-07-10", 7200},  // +400, column 6 (KBM 400): N
      {"2026-08-10", 7600},  // +400, column 7 (KBM 400): N
      {"2026-09-10", 7950},  // +350, column 8 (KBM 300): N
  };
  for (const auto& [day, weight] : weighings) {
    model::Measurement m = Weighing(day, weight);
    m.child_id = baby;
    ASSERT_TRUE(store_->RecordMeasurement(m));
  }
  EXPECT_EQ(Gains(*store_, baby),
            (std::vector<WeightGain>{WeightGain::kBaru, WeightGain::kTidakNaik, WeightGain::kNaik,
                                     WeightGain::kNaik, WeightGain::kNaik, WeightGain::kNaik,
                                     WeightGain::kNaik, WeightGain::kNaik}));
}

// Finding 2: a re-weighing in the same month: the month's last weighing is the
// month's weight; the earlier one carries no N/T/O/B.
TEST_F(DerivedValues, AReweighingInTheSameMonthCountsOnce) {
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-09-10", 9000)));  // B
  auto first = store_->RecordMeasurement(Weighing("2026-10-05", 9050));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->gain, WeightGain::kTidakNaik);  // the month's weight so far
  auto again = store_->RecordMeasurement(Weighing("2026-10-20", 9100));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->gain, WeightGain::kTidakNaik);
  EXPECT_EQ(Gains(*store_, child_), (std::vector<WeightGain>{WeightGain::kBaru, WeightGain::kNone,
                                                             WeightGain::kTidakNaik}));
  ChildFilter f;
  f.kind = ChildListKind::kTwoT;
  f.today = store_->Today();
  EXPECT_EQ(store_->ListChildren(f, 0, 10)->total, 0);  // one T month is not 2T
  // D = N + T + O + B: one result per child per month.
  EXPECT_EQ(Count("SELECT count(*) FROM measurement WHERE gain != 0"), 2);
}

// Finding 3: 2T is T this month and last month; T in August and September and
// not weighed since is not 2T in November.
TEST_F(DerivedValues, TwoTEndsWhenTheTMonthsAreOlder) {
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-07-10", 9000)));  // B
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-08-10", 9050)));  // T
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-09-10", 9100)));  // T
  ChildFilter f;
  f.kind = ChildListKind::kTwoT;
  f.today = Day("2026-09-20");
  EXPECT_EQ(store_->ListChildren(f, 0, 10)->total, 1);  // September: 2T
  f.today = Day("2026-10-03");
  EXPECT_EQ(store_->ListChildren(f, 0, 10)->total, 1);  // until October's weighing
  f.today = store_->Today();                            // 20 November
  EXPECT_EQ(store_->ListChildren(f, 0, 10)->total, 0);
}

// Finding 5: a weighing the supervisor sent back does not count in N/T; the
// next month compares with the last weight that stands.
TEST_F(DerivedValues, AWeighingSentBackDoesNotCount) {
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-09-10", 9000)));  // B
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-10-05", 9400)));  // N (+400)
  const model::Id typo = Must(store_->RecordMeasurement(Weighing("2026-10-20", 19400))).meta.id;
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-11-10", 9800)));
  EXPECT_EQ(Gains(*store_, child_).back(), WeightGain::kTidakNaik);  // against 19.4 kg
  model::Review review;
  review.target = model::ReviewTarget::kMeasurement;
  review.target_id = typo;
  review.reviewer_id = posyandu_;  // any id
  review.decision = model::ReviewDecision::kSentBack;
  review.comment = "19,4 kg? timbang ulang";
  const model::Id review_id = Must(store_->AddReview(review));
  EXPECT_EQ(Gains(*store_, child_),
            (std::vector<WeightGain>{WeightGain::kBaru, WeightGain::kNaik, WeightGain::kNone,
                                     WeightGain::kNaik}));  // November: +400 on 9.4 kg
  // The review withdrawn: the weighing stands again.
  ASSERT_TRUE(store_->Delete(Entity::kReview, review_id));
  EXPECT_EQ(Gains(*store_, child_).back(), WeightGain::kTidakNaik);
}

// Finding 4: a weight-only weighing keeps the child on the stunted list; the
// status is the latest length's, with its date.
TEST_F(DerivedValues, AWeightOnlyWeighingKeepsTheLatestLengthStatus) {
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-10-10", 9000, 780)));  // stunted
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-11-10", 9200)));       // weight only
  ChildFilter f;
  f.kind = ChildListKind::kStunted;
  f.today = store_->Today();
  auto page = store_->ListChildren(f, 0, 10);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->rows[0].last_height_for_age, growth::Status::kStunted);
  EXPECT_EQ(page->rows[0].last_height_for_age_on, Day("2026-10-10"));
  EXPECT_EQ(page->rows[0].last_measured_on, Day("2026-11-10"));
  f.kind = ChildListKind::kWasted;  // BB/TB from October's weight and length, not lost
  EXPECT_EQ(store_->ListChildren(f, 0, 10)->rows.size(),
            page->rows[0].last_weight_for_height == growth::Status::kWasted ? 1u : 0u);
  EXPECT_EQ(page->rows[0].last_weight_for_height_on, Day("2026-10-10"));
}

// Finding 8: after a weighing that is T, 2T, below the red line, TB/U or BB/TB
// below -3 or MUAC under 11.5 cm, the result says refer; the child is on the
// "to refer" list until a health worker records the referral outcome.
TEST_F(DerivedValues, ReferralsAreSaidAndListedUntilAnOutcomeIsRecorded) {
  ChildFilter f;
  f.kind = ChildListKind::kToRefer;
  f.today = store_->Today();
  auto b = store_->RecordMeasurement(Weighing("2026-08-10", 9000));
  ASSERT_TRUE(b);
  EXPECT_EQ(b->referral, 0);
  EXPECT_EQ(store_->ListChildren(f, 0, 10)->total, 0);
  auto t = store_->RecordMeasurement(Weighing("2026-09-10", 9050));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->referral, model::kReferT);
  // Compared as text: pointers to equal literals differ between files under ASan.
  const auto keys = model::ReferralKeys(t->referral);
  EXPECT_EQ(std::vector<std::string>(keys.begin(), keys.end()),
            (std::vector<std::string>{"refer.t"}));
  EXPECT_EQ(store_->ListChildren(f, 0, 10)->total, 1);
  auto two_t = store_->RecordMeasurement(Weighing("2026-10-10", 9100));
  ASSERT_TRUE(two_t);
  EXPECT_EQ(two_t->referral, model::kReferTwoT);
  // A health worker records the outcome: off the list.
  model::Review outcome;
  outcome.target = model::ReviewTarget::kMeasurement;
  outcome.target_id = two_t->meta.id;
  outcome.reviewer_id = posyandu_;  // any id
  outcome.decision = model::ReviewDecision::kReferralOutcome;
  outcome.comment = "Diperiksa di puskesmas, diberi PMT";
  ASSERT_TRUE(store_->AddReview(outcome));
  EXPECT_EQ(store_->ListChildren(f, 0, 10)->total, 0);
  EXPECT_EQ(store_->ReferralDue(child_), std::nullopt);
  // A low MUAC (6-59 months) or a severe status refers again, whatever N/T says.
  model::Measurement low = Weighing("2026-11-10", 9900);
  low.muac_mm = 112;
  auto saved = store_->RecordMeasurement(low);
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->gain, model::WeightGain::kNaik);
  EXPECT_EQ(saved->referral, model::kReferLowMuac);
  EXPECT_EQ(store_->ReferralDue(child_), Day("2026-11-10"));
  auto severe = store_->EvaluateMeasurement(Weighing("2026-11-12", 9900, 700));  // 70 cm
  ASSERT_TRUE(severe);
  EXPECT_TRUE(severe->referral & model::kReferSeverelyStunted);
}

// Finding 9: the export's puskesmas is the posyandu's own, a record of its own.
TEST_F(DerivedValues, TheExportNamesThePosyandusOwnPuskesmas) {
  ASSERT_TRUE(store_->SaveArea({"337304", "Tembalang", model::AreaLevel::kKecamatan, "3373"}));
  ASSERT_TRUE(store_->SavePuskesmas({"P3373040201", "Puskesmas Kedungmundu", "337304"}));
  model::Posyandu p = store_->GetPosyandu(posyandu_).value().value();
  p.puskesmas_code = "P3373040201";
  ASSERT_TRUE(store_->SavePosyandu(p));
  EXPECT_EQ(store_->GetPosyandu(posyandu_).value()->puskesmas_code, "P3373040201");
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-11-05", 9000)));
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-11-12", 9100)));  // the month's weight
  auto rows = store_->MonthExport(2026, 11);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);                                  // one row per child per month
  EXPECT_EQ(rows->front().puskesmas, "Puskesmas Kedungmundu");  // not "Puskesmas Tembalang"
  EXPECT_EQ(rows->front().measurement.weight_g, 9100);
  EXPECT_EQ(rows->front().mother_nik, "3373045203950001");
}

TEST_F(DerivedValues, FamilyAtRisk) {
  model::Household h = Family();
  EXPECT_TRUE(h.AtRiskOfStunting());  // river water
  h.water = model::WaterSource::kPiped;
  h.latrine = model::Latrine::kWithSepticTank;
  EXPECT_FALSE(h.AtRiskOfStunting());
  h.mother_too_young = true;
  EXPECT_TRUE(h.AtRiskOfStunting());
}

}  // namespace
}  // namespace core::store::testing
