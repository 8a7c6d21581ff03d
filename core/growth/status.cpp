// Permenkes 2/2020 cut-offs and the labels' words.
#include "growth/status.h"

#include <array>

namespace core::growth {

// Each band is counted, not branched to: z-scores fall anywhere, and a chain
// of mispredicted branches costs more than the few compares.
Status ClassifyHeightForAge(int z) noexcept {
  constexpr Status kBands[] = {Status::kSeverelyStunted, Status::kStunted, Status::kNormalHeight,
                               Status::kTall};
  return kBands[(z >= -300) + (z >= -200) + (z > 300)];
}

Status ClassifyWeightForAge(int z) noexcept {
  constexpr Status kBands[] = {Status::kSeverelyUnderweight, Status::kUnderweight,
                               Status::kNormalWeight, Status::kRiskOfOverweight};
  return kBands[(z >= -300) + (z >= -200) + (z > 100)];
}

Status ClassifyWeightForHeight(int z) noexcept {
  constexpr Status kBands[] = {Status::kSeverelyWasted,  Status::kWasted,
                               Status::kNormalNutrition, Status::kPossibleRiskOfOverweight,
                               Status::kOverweight,      Status::kObese};
  return kBands[(z >= -300) + (z >= -200) + (z > 100) + (z > 200) + (z > 300)];
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
