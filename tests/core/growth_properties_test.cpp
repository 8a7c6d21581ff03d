// Properties over every row of the embedded tables: a measurement exactly at
// SD(k) of its row has z = k; beyond +-3 SD the restricted scale is linear;
// flags switch exactly at WHO's thresholds on the rounded z-score.
#include <gtest/gtest.h>

#include "growth/lms.h"
#include "growth/lms_table.h"
#include "growth/zscore.h"
#include "growth_test_util.h"

namespace core::growth {
namespace {

using testing::Child;

const LmsTable* const kAllTables[] = {&tables::kLengthForAge,
                                      &tables::kWeightForAge,
                                      &tables::kBmiForAge,
                                      &tables::kHeadCircumferenceForAge,
                                      &tables::kArmCircumferenceForAge,
                                      &tables::kTricepsSkinfoldForAge,
                                      &tables::kSubscapularSkinfoldForAge,
                                      &tables::kWeightForLength,
                                      &tables::kWeightForHeight};

TEST(LmsProperty, ValueAtSdKHasZK) {
  for (const LmsTable* table : kAllTables) {
    for (Sex sex : {Sex::kMale, Sex::kFemale}) {
      for (int key = table->first_key; key <= table->last_key; ++key) {
        const Lms& row = *table->Row(sex, key);
        for (int k = -3; k <= 3; ++k) {
          const double y = LmsValueAt(row, k);
          ASSERT_NEAR(LmsZ(y, row), k, 1e-9) << key;
          ASSERT_NEAR(RestrictedLmsZ(y, row), k, 1e-9) << key;
        }
      }
    }
  }
}

TEST(LmsProperty, RestrictedScaleIsLinearBeyondThree) {
  const Lms& row = *tables::kWeightForAge.Row(Sex::kFemale, 400);
  const double sd2 = LmsValueAt(row, 2), sd3 = LmsValueAt(row, 3);
  EXPECT_NEAR(RestrictedLmsZ(sd3 + 1.5 * (sd3 - sd2), row), 4.5, 1e-12);
  const double sdm2 = LmsValueAt(row, -2), sdm3 = LmsValueAt(row, -3);
  EXPECT_NEAR(RestrictedLmsZ(sdm3 - 0.5 * (sdm2 - sdm3), row), -3.5, 1e-12);
}

TEST(LmsProperty, WeightForAgeThroughAssessEveryDay) {
  for (Sex sex : {Sex::kMale, Sex::kFemale}) {
    for (int day = 0; day <= 1826; ++day) {
      Measurement m = Child(sex, day);
      for (int k : {-2, 0, 3}) {
        m.weight_kg = LmsValueAt(*tables::kWeightForAge.Row(sex, day), k);
        ASSERT_NEAR(Assess(m).score(Indicator::kWeightForAge).z, k, 1e-9) << day;
      }
    }
  }
}

TEST(LmsProperty, WeightForLengthOnGridPoints) {
  for (Sex sex : {Sex::kMale, Sex::kFemale}) {
    for (int mm = 450; mm <= 1100; ++mm) {
      Measurement m = Child(sex, 300);
      m.length_height_cm = mm / 10.0;
      m.posture = Posture::kLying;
      m.weight_kg = LmsValueAt(*tables::kWeightForLength.Row(sex, mm), -2);
      ASSERT_NEAR(Assess(m).score(Indicator::kWeightForLength).z, -2, 1e-9) << mm;
    }
  }
}

// The weight at restricted z-score `z` (> 3) for weight-for-age, 1 year old boy.
double WeightAtHighZ(double z) {
  const Lms& row = *tables::kWeightForAge.Row(Sex::kMale, 365);
  const double sd2 = LmsValueAt(row, 2), sd3 = LmsValueAt(row, 3);
  return sd3 + (z - 3) * (sd3 - sd2);
}

TEST(Flags, WeightForAgeAboveFiveOnTheRoundedScore) {
  Measurement m = Child(Sex::kMale, 365);
  m.weight_kg = WeightAtHighZ(5.004);  // rounds to 5.00: not flagged
  EXPECT_FALSE(Assess(m).score(Indicator::kWeightForAge).flagged);
  m.weight_kg = WeightAtHighZ(5.006);  // rounds to 5.01
  const Assessment a = Assess(m);
  EXPECT_TRUE(a.score(Indicator::kWeightForAge).flagged);
  EXPECT_EQ(a.weight_for_age, Status::kCheckMeasurement);
}

TEST(Flags, LengthForAgeBeyondSix) {
  const Lms& row = *tables::kLengthForAge.Row(Sex::kFemale, 600);
  Measurement m = Child(Sex::kFemale, 600);
  m.posture = Posture::kLying;
  m.length_height_cm = LmsValueAt(row, -6.004);
  EXPECT_FALSE(Assess(m).score(Indicator::kLengthForAge).flagged);
  EXPECT_EQ(Assess(m).height_for_age, Status::kSeverelyStunted);
  m.length_height_cm = LmsValueAt(row, -6.006);
  EXPECT_TRUE(Assess(m).score(Indicator::kLengthForAge).flagged);
  EXPECT_EQ(Assess(m).height_for_age, Status::kCheckMeasurement);
}

}  // namespace
}  // namespace core::growth
