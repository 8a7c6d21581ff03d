// One age everywhere (finding 11): the cadre's age in completed months, the
// e-PPGBM age text's parts, who is measured standing, and the corrected length
// exactly as the growth engine uses it.
#include <gtest/gtest.h>

#include "growth/zscore.h"
#include "model/age.h"
#include "util/civil_date.h"

namespace core {
namespace {

int Day(const char* iso) {
  return *ParseIsoDate(iso);
}

TEST(Age, CompletedMonthsAreCalendarMonthsLessAnUnfinishedOne) {
  EXPECT_EQ(model::CompletedMonths(Day("2025-01-15"), Day("2025-09-24")), 8);  // 8 bln 9 hr
  EXPECT_EQ(model::CompletedMonths(Day("2025-01-15"), Day("2025-09-14")), 7);
  EXPECT_EQ(model::CompletedMonths(Day("2025-01-31"), Day("2025-02-28")), 0);
  // Dividing days by 30.4375 (what the children list did) says 0 months here.
  EXPECT_EQ(model::CompletedMonths(Day("2025-01-31"), Day("2025-03-02")), 1);
  EXPECT_EQ(static_cast<int>((Day("2025-03-02") - Day("2025-01-31")) / growth::kDaysPerMonth), 0);
}

TEST(Age, PartsAddUpToCompletedMonths) {
  for (int birth = Day("2021-01-01"); birth < Day("2021-03-01"); birth += 3) {
    for (int on = birth; on < birth + 1900; on += 17) {
      const model::AgeParts a = model::AgeOn(birth, on);
      EXPECT_EQ(a.years * 12 + a.months, model::CompletedMonths(birth, on));
      EXPECT_GE(a.days, 0);
      EXPECT_LT(a.days, 31);
    }
  }
  const model::AgeParts a = model::AgeOn(Day("2025-03-15"), Day("2026-11-25"));
  EXPECT_EQ(a.years, 1);
  EXPECT_EQ(a.months, 8);
  EXPECT_EQ(a.days, 10);
}

TEST(Age, BalitaIsUnderSixtyCompletedMonths) {
  EXPECT_TRUE(model::IsBalita(Day("2021-11-10"), Day("2026-11-09")));
  EXPECT_FALSE(model::IsBalita(Day("2021-11-10"), Day("2026-11-10")));
}

TEST(Age, CorrectedLengthIsTheEnginesClenhei) {
  EXPECT_FALSE(growth::MeasuredStanding(730));
  EXPECT_TRUE(growth::MeasuredStanding(731));
  for (int days = 0; days < 1860; days += 7) {
    for (auto posture :
         {growth::Posture::kUnknown, growth::Posture::kLying, growth::Posture::kStanding}) {
      growth::Measurement m;
      m.sex = growth::Sex::kFemale;
      m.age = growth::Age::FromDays(days);
      m.length_height_cm = 80.3;
      m.posture = posture;
      EXPECT_EQ(growth::CorrectedLengthCm(m.age, 80.3, posture), growth::Assess(m).clenhei_cm);
    }
  }
  // Under 9 months a height is no posture: no correction (the profile added 0.7).
  EXPECT_DOUBLE_EQ(
      growth::CorrectedLengthCm(growth::Age::FromDays(200), 65.0, growth::Posture::kStanding),
      65.0);
  EXPECT_DOUBLE_EQ(
      growth::CorrectedLengthCm(growth::Age::FromDays(400), 75.0, growth::Posture::kStanding),
      75.7);
  EXPECT_DOUBLE_EQ(
      growth::CorrectedLengthCm(growth::Age::FromDays(800), 85.0, growth::Posture::kLying), 84.3);
}

}  // namespace
}  // namespace core
