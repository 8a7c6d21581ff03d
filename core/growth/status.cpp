// Permenkes 2/2020 cut-offs and the labels' words.
#include "growth/status.h"

#include <array>

namespace core::growth {

Status ClassifyHeightForAge(double z) noexcept {
  if (z < -3) return Status::kSeverelyStunted;
  if (z < -2) return Status::kStunted;
  if (z <= 3) return Status::kNormalHeight;
  return Status::kTall;
}

Status ClassifyWeightForAge(double z) noexcept {
  if (z < -3) return Status::kSeverelyUnderweight;
  if (z < -2) return Status::kUnderweight;
  if (z <= 1) return Status::kNormalWeight;
  return Status::kRiskOfOverweight;
}

Status ClassifyWeightForHeight(double z) noexcept {
  if (z < -3) return Status::kSeverelyWasted;
  if (z < -2) return Status::kWasted;
  if (z <= 1) return Status::kNormalNutrition;
  if (z <= 2) return Status::kPossibleRiskOfOverweight;
  if (z <= 3) return Status::kOverweight;
  return Status::kObese;
}

namespace {

struct StatusWords {
  std::string_view code;
  std::string_view indonesian;
  std::string_view english;
  int severity;
};

// Indexed by Status. The Indonesian words are the regulation's own.
constexpr std::array<StatusWords, 16> kWords{{
    {"", "", "", 0},
    {"check", "periksa ulang pengukuran", "check the measurement", 1},
    {"severely_stunted", "sangat pendek", "severely stunted", 3},
    {"stunted", "pendek", "stunted", 2},
    {"normal", "normal", "normal", 0},
    {"tall", "tinggi", "tall", 0},
    {"severely_underweight", "berat badan sangat kurang", "severely underweight", 3},
    {"underweight", "berat badan kurang", "underweight", 2},
    {"normal", "berat badan normal", "normal weight", 0},
    {"risk_of_overweight", "risiko berat badan lebih", "risk of overweight", 1},
    {"severely_wasted", "gizi buruk", "severely wasted", 3},
    {"wasted", "gizi kurang", "wasted", 2},
    {"normal", "gizi baik", "normal", 0},
    {"possible_risk_of_overweight", "berisiko gizi lebih", "possible risk of overweight", 1},
    {"overweight", "gizi lebih", "overweight", 2},
    {"obese", "obesitas", "obese", 2},
}};

}  // namespace

std::string_view StatusText(Status status, Language language) noexcept {
  const StatusWords& w = kWords[static_cast<int>(status)];
  return language == Language::kIndonesian ? w.indonesian : w.english;
}

std::string_view StatusCode(Status status) noexcept {
  return kWords[static_cast<int>(status)].code;
}

int StatusSeverity(Status status) noexcept {
  return kWords[static_cast<int>(status)].severity;
}

}  // namespace core::growth
