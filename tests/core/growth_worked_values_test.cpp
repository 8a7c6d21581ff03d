// The worked values WHO Anthro gives in growth-standards.md, z to 2 decimals.
#include <gtest/gtest.h>

#include "growth/zscore.h"
#include "growth_test_util.h"

namespace core::growth {
namespace {

using testing::Child;

struct WorkedRow {
  Sex sex;
  double age_days, weight, lenhei;
  Posture posture;
  double headc, muac;
  double zlen, zwei, zwfl, zbmi, zhc, zac;
};

void PrintTo(const WorkedRow& r, std::ostream* os) {
  *os << "sex " << static_cast<int>(r.sex) << ", " << r.age_days << " days";
}

class WorkedValues : public ::testing::TestWithParam<WorkedRow> {};

TEST_P(WorkedValues, MatchWhoAnthro) {
  const WorkedRow& r = GetParam();
  Measurement m = Child(r.sex, r.age_days);
  m.weight_kg = r.weight;
  m.length_height_cm = r.lenhei;
  m.posture = r.posture;
  m.head_circumference_cm = r.headc;
  m.arm_circumference_cm = r.muac;
  const Assessment a = Assess(m);
  const std::pair<Indicator, double> expected[] = {
      {Indicator::kLengthForAge, r.zlen},           {Indicator::kWeightForAge, r.zwei},
      {Indicator::kWeightForLength, r.zwfl},        {Indicator::kBmiForAge, r.zbmi},
      {Indicator::kHeadCircumferenceForAge, r.zhc}, {Indicator::kArmCircumferenceForAge, r.zac}};
  for (auto [indicator, z] : expected) {
    const Score s = a.score(indicator);
    ASSERT_TRUE(s.exists()) << static_cast<int>(indicator);
    EXPECT_DOUBLE_EQ(RoundZ2(s.z), z)
        << "indicator " << static_cast<int>(indicator) << " z=" << s.z;
    EXPECT_FALSE(s.flagged);
  }
  EXPECT_FALSE(a.score(Indicator::kTricepsSkinfoldForAge).exists());
}

INSTANTIATE_TEST_SUITE_P(GrowthStandardsDoc, WorkedValues,
                         ::testing::Values(WorkedRow{Sex::kMale, 1000, 12, 88, Posture::kStanding,
                                                     48, 15, -1.68, -1.18, -0.42, -0.17, -0.85,
                                                     -0.51},
                                           WorkedRow{Sex::kFemale, 200, 7, 65, Posture::kLying, 42,
                                                     13, -0.71, -0.57, -0.13, -0.23, -0.44, -0.77}),
                         [](const ::testing::TestParamInfo<WorkedRow>& info) {
                           return "Row" + std::to_string(info.index + 1);
                         });

TEST(WorkedValues, LabelsOfTheFirstRow) {
  Measurement m = Child(Sex::kMale, 1000);
  m.weight_kg = 12;
  m.length_height_cm = 88;
  m.posture = Posture::kStanding;
  const Assessment a = Assess(m);
  EXPECT_EQ(a.height_for_age, Status::kNormalHeight);
  EXPECT_EQ(a.weight_for_age, Status::kNormalWeight);
  EXPECT_EQ(a.weight_for_height, Status::kNormalNutrition);
  EXPECT_EQ(a.bmi_for_age, Status::kNormalNutrition);
  EXPECT_TRUE(a.used_height_table);
  EXPECT_DOUBLE_EQ(a.clenhei_cm, 88);  // standing from 731 days: no correction
}

}  // namespace
}  // namespace core::growth
