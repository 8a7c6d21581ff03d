// Nutritional status labels of Permenkes No. 2 Tahun 2020 (children 0-60
// months), from z-scores rounded to 2 decimals, in Indonesian and English.
#pragma once

#include <cstdint>
#include <string_view>

namespace core::growth {

enum class Language : std::uint8_t { kIndonesian = 0, kEnglish = 1 };

enum class Status : std::uint8_t {
  kNone = 0,          // no z-score: no label
  kCheckMeasurement,  // the z-score is flagged implausible: measure again
  // TB/U (PB/U): length/height-for-age
  kSeverelyStunted,
  kStunted,
  kNormalHeight,
  kTall,
  // BB/U: weight-for-age
  kSeverelyUnderweight,
  kUnderweight,
  kNormalWeight,
  kRiskOfOverweight,
  // BB/TB (BB/PB) and IMT/U: weight-for-length/height, BMI-for-age
  kSeverelyWasted,
  kWasted,
  kNormalNutrition,
  kPossibleRiskOfOverweight,
  kOverweight,
  kObese,
};

// Classification by the z-score rounded to 2 decimals, given in hundredths
// (-301 is -3.01): whole numbers compare exactly with the cut-offs, with no
// division. A flagged score is kCheckMeasurement instead.
Status ClassifyHeightForAge(int z_hundredths) noexcept;
Status ClassifyWeightForAge(int z_hundredths) noexcept;
Status ClassifyWeightForHeight(int z_hundredths) noexcept;  // also IMT/U

// The label as the regulation words it ("pendek", "gizi buruk"...), or "" for kNone.
std::string_view StatusText(Status status, Language language) noexcept;

// The short machine name of a status ("stunted"), stable for files and APIs.
std::string_view StatusCode(Status status) noexcept;

// How serious a status is, for colour: 0 normal, 1 watch, 2 serious, 3 severe.
int StatusSeverity(Status status) noexcept;

}  // namespace core::growth
