// Permenkes 2/2020 cut-offs at their boundaries, and the words of the labels.
#include <gtest/gtest.h>

#include "growth/status.h"

namespace core::growth {
namespace {

TEST(Status, HeightForAgeCutOffs) {
  EXPECT_EQ(ClassifyHeightForAge(-3.01), Status::kSeverelyStunted);
  EXPECT_EQ(ClassifyHeightForAge(-3.00), Status::kStunted);
  EXPECT_EQ(ClassifyHeightForAge(-2.01), Status::kStunted);
  EXPECT_EQ(ClassifyHeightForAge(-2.00), Status::kNormalHeight);
  EXPECT_EQ(ClassifyHeightForAge(3.00), Status::kNormalHeight);
  EXPECT_EQ(ClassifyHeightForAge(3.01), Status::kTall);
}

TEST(Status, WeightForAgeCutOffs) {
  EXPECT_EQ(ClassifyWeightForAge(-3.01), Status::kSeverelyUnderweight);
  EXPECT_EQ(ClassifyWeightForAge(-3.00), Status::kUnderweight);
  EXPECT_EQ(ClassifyWeightForAge(-2.00), Status::kNormalWeight);
  EXPECT_EQ(ClassifyWeightForAge(1.00), Status::kNormalWeight);
  EXPECT_EQ(ClassifyWeightForAge(1.01), Status::kRiskOfOverweight);
}

TEST(Status, WeightForHeightCutOffs) {
  EXPECT_EQ(ClassifyWeightForHeight(-3.01), Status::kSeverelyWasted);
  EXPECT_EQ(ClassifyWeightForHeight(-3.00), Status::kWasted);
  EXPECT_EQ(ClassifyWeightForHeight(-2.00), Status::kNormalNutrition);
  EXPECT_EQ(ClassifyWeightForHeight(1.00), Status::kNormalNutrition);
  EXPECT_EQ(ClassifyWeightForHeight(1.01), Status::kPossibleRiskOfOverweight);
  EXPECT_EQ(ClassifyWeightForHeight(2.00), Status::kPossibleRiskOfOverweight);
  EXPECT_EQ(ClassifyWeightForHeight(2.01), Status::kOverweight);
  EXPECT_EQ(ClassifyWeightForHeight(3.00), Status::kOverweight);
  EXPECT_EQ(ClassifyWeightForHeight(3.01), Status::kObese);
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
