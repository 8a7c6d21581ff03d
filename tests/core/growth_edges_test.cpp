// Table edges and cleaning rules: age limits, length limits, the 9-month
// height rule, the 0.7 cm correction, oedema, missing values.
#include <gtest/gtest.h>

#include "growth/zscore.h"
#include "growth_test_util.h"

namespace core::growth {
namespace {

using testing::Child;

Assessment WithLength(double age_days, double length_cm, Posture posture) {
  Measurement m = Child(Sex::kFemale, age_days);
  m.length_height_cm = length_cm;
  m.posture = posture;
  m.weight_kg = 10;
  return Assess(m);
}

TEST(AgeEdges, BirthDayHasScores) {
  Measurement m = Child(Sex::kMale, 0);
  m.weight_kg = 3.3464;  // the median at day 0
  m.length_height_cm = 49.8842;
  const Assessment a = Assess(m);
  EXPECT_NEAR(a.score(Indicator::kWeightForAge).z, 0.0, 1e-12);
  EXPECT_NEAR(a.score(Indicator::kLengthForAge).z, 0.0, 1e-12);
  EXPECT_EQ(a.age_days, 0);
}

TEST(AgeEdges, UnderSixtyMonthsOnly) {
  // 1826 days = 59.99 months: the last row. 1826.4 rounds to 1826 but is
  // 60.005 months. 1856 and 1857 are past 60 months.
  for (double days : {1826.0, 1826.4, 1856.0, 1857.0}) {
    Measurement m = Child(Sex::kMale, days);
    m.weight_kg = 18;
    const Score s = Assess(m).score(Indicator::kWeightForAge);
    if (days == 1826.0) {
      EXPECT_TRUE(s.exists());
    } else {
      EXPECT_EQ(s.reason, NoScore::kAgeOutOfRange) << days;
    }
  }
}

TEST(AgeEdges, AgeRoundsHalfUp) {
  EXPECT_EQ(Assess(Child(Sex::kMale, 10.5)).age_days, 11);
  EXPECT_EQ(Assess(Child(Sex::kMale, 10.49)).age_days, 10);
  Measurement m;
  m.sex = Sex::kMale;
  m.age = Age::FromMonths(12);  // 365.25 days
  EXPECT_EQ(Assess(m).age_days, 365);
  EXPECT_DOUBLE_EQ(Assess(m).age_months, 12);
}

TEST(AgeEdges, AgesBeyondAnyTableAreOutOfRange) {
  // Far past an int of days: no overflow, just no score.
  for (double days : {1e6, 3e9, 1e300}) {
    Measurement m = Child(Sex::kMale, days);
    m.weight_kg = 18;
    m.length_height_cm = 110;
    const Assessment a = Assess(m);
    EXPECT_EQ(a.score(Indicator::kWeightForAge).reason, NoScore::kAgeOutOfRange) << days;
    EXPECT_EQ(a.score(Indicator::kWeightForLength).reason, NoScore::kAgeOutOfRange) << days;
  }
}

TEST(Rounding, RoundZ2HalfAwayFromZero) {
  EXPECT_EQ(RoundZ2(-2.005), -2.01);
  EXPECT_EQ(RoundZ2(2.004), 2.0);
  EXPECT_EQ(RoundZ2(1e300), 1e300);
}

TEST(AgeEdges, ArmAndSkinfoldsStartAtThreeMonths) {
  for (double days : {90.0, 91.0}) {
    Measurement m = Child(Sex::kFemale, days);
    m.arm_circumference_cm = 13;
    m.triceps_skinfold_mm = 9;
    m.subscapular_skinfold_mm = 7;
    const Assessment a = Assess(m);
    for (Indicator i : {Indicator::kArmCircumferenceForAge, Indicator::kTricepsSkinfoldForAge,
                        Indicator::kSubscapularSkinfoldForAge}) {
      EXPECT_EQ(a.score(i).exists(), days == 91.0) << days;
    }
  }
}

TEST(AgeEdges, NegativeOrMissingAgeIsMissing) {
  for (double days : {-1.0, kMissing}) {
    Measurement m = Child(Sex::kMale, days);
    m.weight_kg = 10;
    const Assessment a = Assess(m);
    EXPECT_EQ(a.score(Indicator::kWeightForAge).reason, NoScore::kMissingAge);
    EXPECT_EQ(a.age_days, -1);
  }
}

TEST(LengthEdges, WeightForLengthTableLimits) {
  // Under 731 days: the length table, 45.0 to 110.0 cm.
  EXPECT_TRUE(WithLength(500, 45.0, Posture::kLying).score(Indicator::kWeightForLength).exists());
  EXPECT_TRUE(WithLength(500, 110.0, Posture::kLying).score(Indicator::kWeightForLength).exists());
  EXPECT_EQ(WithLength(500, 110.05, Posture::kLying).score(Indicator::kWeightForLength).reason,
            NoScore::kLengthOutOfRange);
  EXPECT_EQ(WithLength(500, 44.9, Posture::kLying).score(Indicator::kWeightForLength).reason,
            NoScore::kLengthOutOfRange);
}

TEST(LengthEdges, HeightTableFrom731Days) {
  const Assessment low = WithLength(731, 64.9, Posture::kStanding);
  EXPECT_TRUE(low.used_height_table);
  EXPECT_EQ(low.score(Indicator::kWeightForLength).reason, NoScore::kLengthOutOfRange);
  const Assessment at = WithLength(731, 65.0, Posture::kStanding);
  EXPECT_TRUE(at.score(Indicator::kWeightForLength).exists());
  EXPECT_FALSE(WithLength(730, 65.0, Posture::kLying).used_height_table);
}

TEST(LengthEdges, InterpolatesBetweenRows) {
  // Halfway between two rows, z lies between the rows' z-scores.
  const double z_low = WithLength(500, 80.1, Posture::kLying).score(Indicator::kWeightForLength).z;
  const double z_mid = WithLength(500, 80.15, Posture::kLying).score(Indicator::kWeightForLength).z;
  const double z_high = WithLength(500, 80.2, Posture::kLying).score(Indicator::kWeightForLength).z;
  EXPECT_LT(z_high, z_mid);
  EXPECT_LT(z_mid, z_low);
}

TEST(LengthEdges, InterpolatesLikeWhoAnthroAtFloatEdges) {
  // 103.1 cm lying at 3 years: clenhei = 102.39999999999999. WHO Anthro takes
  // rows trunc(x*10)/10 = 102.3 and trunc(x*10 + 1)/10 = 102.5 (the sum rounds
  // up), interpolating with t = 0.99999999999994: z is that of 102.5 cm, not
  // of 102.4 (checked against the anthro R package's formula in R).
  const Assessment a = WithLength(1106, 103.1, Posture::kLying);
  Measurement at_102_5 = Child(Sex::kFemale, 1106);
  at_102_5.length_height_cm = 102.5;
  at_102_5.posture = Posture::kStanding;
  at_102_5.weight_kg = 10;
  EXPECT_NEAR(a.score(Indicator::kWeightForLength).z,
              Assess(at_102_5).score(Indicator::kWeightForLength).z, 1e-12);
}

TEST(Correction, StandingUnderTwoYearsAddsSevenMillimetres) {
  EXPECT_DOUBLE_EQ(WithLength(400, 75, Posture::kStanding).clenhei_cm, 75.7);
  EXPECT_DOUBLE_EQ(WithLength(800, 90, Posture::kLying).clenhei_cm, 89.3);
  EXPECT_DOUBLE_EQ(WithLength(800, 90, Posture::kStanding).clenhei_cm, 90);
  EXPECT_DOUBLE_EQ(WithLength(400, 75, Posture::kUnknown).clenhei_cm, 75);
  Measurement no_age;
  no_age.sex = Sex::kMale;
  no_age.length_height_cm = 75;
  no_age.posture = Posture::kStanding;
  EXPECT_DOUBLE_EQ(Assess(no_age).clenhei_cm, 75);  // no age: no correction
}

TEST(Correction, HeightUnderNineMonthsIsIgnored) {
  const Assessment a = WithLength(200, 65, Posture::kStanding);  // 6.6 months
  EXPECT_TRUE(a.standing_under_9_months);
  EXPECT_DOUBLE_EQ(a.clenhei_cm, 65);  // not corrected: the posture counts as unknown
  EXPECT_TRUE(a.score(Indicator::kLengthForAge).exists());
  const Assessment nine = WithLength(274, 70, Posture::kStanding);  // 9.0 months
  EXPECT_FALSE(nine.standing_under_9_months);
  EXPECT_DOUBLE_EQ(nine.clenhei_cm, 70.7);
}

TEST(Oedema, VoidsWeightScoresAndLabelsSeverelyWasted) {
  Measurement m = Child(Sex::kMale, 700);
  m.weight_kg = 9;
  m.length_height_cm = 78;
  m.posture = Posture::kLying;
  m.arm_circumference_cm = 12;
  m.oedema = true;
  const Assessment a = Assess(m);
  for (Indicator i :
       {Indicator::kWeightForAge, Indicator::kWeightForLength, Indicator::kBmiForAge}) {
    EXPECT_EQ(a.score(i).reason, NoScore::kOedema);
  }
  EXPECT_TRUE(a.score(Indicator::kLengthForAge).exists());
  EXPECT_TRUE(a.score(Indicator::kArmCircumferenceForAge).exists());
  EXPECT_EQ(a.weight_for_height, Status::kSeverelyWasted);
  EXPECT_EQ(a.bmi_for_age, Status::kSeverelyWasted);
  EXPECT_EQ(a.weight_for_age, Status::kSeverelyUnderweight);
}

TEST(Missing, NoAgeChoosesTableByPostureThenLength) {
  Measurement m;
  m.sex = Sex::kFemale;
  m.weight_kg = 11;
  m.length_height_cm = 86.9;
  EXPECT_FALSE(Assess(m).used_height_table);
  m.length_height_cm = 87;
  EXPECT_TRUE(Assess(m).used_height_table);
  m.posture = Posture::kLying;
  EXPECT_FALSE(Assess(m).used_height_table);
  EXPECT_TRUE(Assess(m).score(Indicator::kWeightForLength).exists());
  EXPECT_EQ(Assess(m).score(Indicator::kLengthForAge).reason, NoScore::kMissingAge);
}

TEST(Missing, ZeroOrNegativeMeasurementsAreMissing) {
  Measurement m = Child(Sex::kFemale, 300);
  m.weight_kg = 0;
  m.length_height_cm = -70;
  const Assessment a = Assess(m);
  EXPECT_TRUE(std::isnan(a.clenhei_cm));
  EXPECT_TRUE(std::isnan(a.bmi));
  EXPECT_EQ(a.score(Indicator::kWeightForAge).reason, NoScore::kMissingMeasurement);
}

TEST(Missing, UnknownSexHasNoScores) {
  Measurement m = Child(Sex::kUnknown, 300);
  m.weight_kg = 8;
  const Assessment a = Assess(m);
  for (const Score& s : a.scores) EXPECT_EQ(s.reason, NoScore::kMissingSex);
}

}  // namespace
}  // namespace core::growth
