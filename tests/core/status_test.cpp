// Permenkes 2/2020 cut-offs at their boundaries (z in hundredths), and the
// words of the labels.
#include <gtest/gtest.h>

#include "growth/status.h"

namespace core::growth {
namespace {

TEST(Status, HeightForAgeCutOffs) {
  EXPECT_EQ(ClassifyHeightForAge(-301), Status::kSeverelyStunted);
  EXPECT_EQ(ClassifyHeightForAge(-300), Status::kStunted);
  EXPECT_EQ(ClassifyHeightForAge(-201), Status::kStunted);
  EXPECT_EQ(ClassifyHeightForAge(-200), Status::kNormalHeight);
  EXPECT_EQ(ClassifyHeightForAge(300), Status::kNormalHeight);
  EXPECT_EQ(ClassifyHeightForAge(301), Status::kTall);
}

TEST(Status, WeightForAgeCutOffs) {
  EXPECT_EQ(ClassifyWeightForAge(-301), Status::kSeverelyUnderweight);
  EXPECT_EQ(ClassifyWeightForAge(-300), Status::kUnderweight);
  EXPECT_EQ(ClassifyWeightForAge(-200), Status::kNormalWeight);
  EXPECT_EQ(ClassifyWeightForAge(100), Status::kNormalWeight);
  EXPECT_EQ(ClassifyWeightForAge(101), Status::kRiskOfOverweight);
}

TEST(Status, WeightForHeightCutOffs) {
  EXPECT_EQ(ClassifyWeightForHeight(-301), Status::kSeverelyWasted);
  EXPECT_EQ(ClassifyWeightForHeight(-300), Status::kWasted);
  EXPECT_EQ(ClassifyWeightForHeight(-200), Status::kNormalNutrition);
  EXPECT_EQ(ClassifyWeightForHeight(100), Status::kNormalNutrition);
  EXPECT_EQ(ClassifyWeightForHeight(101), Status::kPossibleRiskOfOverweight);
  EXPECT_EQ(ClassifyWeightForHeight(200), Status::kPossibleRiskOfOverweight);
  EXPECT_EQ(ClassifyWeightForHeight(201), Status::kOverweight);
  EXPECT_EQ(ClassifyWeightForHeight(300), Status::kOverweight);
  EXPECT_EQ(ClassifyWeightForHeight(301), Status::kObese);
}

TEST(Status, WordsInBothLanguages) {
  EXPECT_EQ(StatusText(Status::kStunted, Language::kIndonesian), "pendek");
  EXPECT_EQ(StatusText(Status::kStunted, Language::kEnglish), "stunted");
  EXPECT_EQ(StatusText(Status::kSeverelyWasted, Language::kIndonesian), "gizi buruk");
  EXPECT_EQ(StatusText(Status::kPossibleRiskOfOverweight, Language::kIndonesian),
            "berisiko gizi lebih");
  EXPECT_EQ(StatusText(Status::kNone, Language::kEnglish), "");
  EXPECT_EQ(StatusCode(Status::kSeverelyStunted), "severely_stunted");
}

}  // namespace
}  // namespace core::growth
