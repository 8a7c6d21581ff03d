// Derived values: z-scores and labels on save, N/T/O/B over sequences with
// gaps (and backdated entries), 2T, the at-risk family flag.
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

TEST_F(DerivedValues, KbmByCompletedMonths) {
  const auto rules = store_->KbmRules().value();
  EXPECT_EQ(model::MinimumGainG(0, rules), 800);
  EXPECT_EQ(model::MinimumGainG(2, rules), 900);
  EXPECT_EQ(model::MinimumGainG(7, rules), 400);
  EXPECT_EQ(model::MinimumGainG(10, rules), 300);
  EXPECT_EQ(model::MinimumGainG(40, rules), 200);
  EXPECT_EQ(model::CompletedMonths(Day("2025-01-15"), Day("2025-09-24")), 8);  // 8 bln 9 hr
  EXPECT_EQ(model::CompletedMonths(Day("2025-01-31"), Day("2025-02-28")), 0);
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
