// The growth engine's public API: one measurement in, every WHO z-score out,
// each with its implausibility flag (or the reason it does not exist), and the
// Permenkes 2/2020 status labels. Identical to WHO Anthro (the `anthro` R
// package); see ../shared/docs/growth-standards.md for the method.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

#include "growth/sex.h"
#include "growth/status.h"

namespace core::growth {

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
inline constexpr double kDaysPerMonth = 30.4375;
// From this age (24 months) a child is measured standing (height, TB), before
// it lying (length, PB); the other posture gets kPostureCorrectionCm.
inline constexpr int kFirstHeightDay = 731;
inline constexpr double kPostureCorrectionCm = 0.7;

// How length/height was taken: lying (recumbent length, "PB") or standing ("TB").
enum class Posture : std::uint8_t { kUnknown = 0, kLying, kStanding };

// Age as WHO Anthro takes it: exact days (may have decimals) and months.
// Build it with one of the helpers below; a negative age counts as unknown.
struct Age {
  double days = kMissing;
  double months = kMissing;

  static Age FromDays(double days) noexcept { return {days, days / kDaysPerMonth}; }
  static Age FromMonths(double months) noexcept { return {months * kDaysPerMonth, months}; }
  bool known() const noexcept { return !std::isnan(days) && days >= 0 && months >= 0; }
};

// One measurement of one child. Every value is optional: NaN = not measured.
// Values zero or below count as not measured.
struct Measurement {
  Sex sex = Sex::kUnknown;
  Age age;
  double weight_kg = kMissing;
  double length_height_cm = kMissing;
  Posture posture = Posture::kUnknown;
  double head_circumference_cm = kMissing;
  double arm_circumference_cm = kMissing;  // MUAC, "LiLA"
  double triceps_skinfold_mm = kMissing;
  double subscapular_skinfold_mm = kMissing;
  bool oedema = false;  // bilateral pitting oedema
};

enum class Indicator : std::uint8_t {
  kLengthForAge = 0,           // zlen: length/height-for-age
  kWeightForAge,               // zwei
  kWeightForLength,            // zwfl: weight-for-length (< 731 days) or -height
  kBmiForAge,                  // zbmi
  kHeadCircumferenceForAge,    // zhc
  kArmCircumferenceForAge,     // zac
  kTricepsSkinfoldForAge,      // zts
  kSubscapularSkinfoldForAge,  // zss
};
inline constexpr int kIndicatorCount = 8;

// Why a z-score does not exist.
enum class NoScore : std::uint8_t {
  kNone = 0,  // the z-score exists
  kMissingSex,
  kMissingAge,
  kAgeOutOfRange,       // outside the table's ages, or 60 months and older
  kLengthOutOfRange,    // weight-for-length/height: clenhei outside the table
  kOedema,              // weight-based scores do not exist with oedema
  kMissingMeasurement,  // the measurement (or length for BMI/WFL) is missing
};

struct Score {
  double z = kMissing;
  NoScore reason = NoScore::kMissingMeasurement;
  bool flagged = false;  // WHO implausibility flag, on z rounded to 2 decimals

  bool exists() const noexcept { return reason == NoScore::kNone; }
};

struct Assessment {
  int age_days = -1;                     // rounded half up; -1 when unknown
  double age_months = kMissing;          // unrounded
  bool standing_under_9_months = false;  // WHO's c9mo_flag: the height was ignored
  double clenhei_cm = kMissing;          // length/height after the 0.7 cm correction
  double bmi = kMissing;                 // weight / (clenhei/100)^2
  bool used_height_table = false;        // weight-for-height rather than -length
  std::array<Score, kIndicatorCount> scores{};
  Status height_for_age = Status::kNone;     // TB/U (PB/U)
  Status weight_for_age = Status::kNone;     // BB/U
  Status weight_for_height = Status::kNone;  // BB/TB (BB/PB)
  Status bmi_for_age = Status::kNone;        // IMT/U

  Score score(Indicator i) const noexcept { return scores[static_cast<int>(i)]; }
};

// Computes every z-score of one measurement. Pure, thread-safe, allocates nothing.
Assessment Assess(const Measurement& measurement) noexcept;

// Whether a child of `age_days` is measured standing (from kFirstHeightDay).
inline bool MeasuredStanding(int age_days) noexcept {
  return age_days >= kFirstHeightDay;
}

// The length/height every indicator uses (WHO's clenhei), as Assess computes
// it: + 0.7 cm for a height under 731 days, - 0.7 cm for a length from 731
// days (age rounded half up), none for a height under 9 months (the posture
// is then missing). NaN for a length of 0 or less.
double CorrectedLengthCm(Age age, double length_height_cm, Posture posture) noexcept;

// Asks the CPU to start loading the reference-table rows Assess(measurement)
// will read. A batch caller issues it a child or two ahead: the tables (670 KB)
// do not stay in a core's cache while rows stream through it. Any measurement
// is fine, however wrong; it changes nothing.
void PrefetchReferenceRows(const Measurement& measurement) noexcept;

// |z| rounded half up to whole hundredths (2.005 -> 201), as WHO rounds z
// before flagging. (floor-based: std::round is a library call on baseline x86-64.)
inline double RoundedHundredths(double z) noexcept {
  return std::floor(std::fabs(z) * 100.0 + 0.5);
}

// Rounds half away from zero to 2 decimals.
inline double RoundZ2(double z) noexcept {
  const double magnitude = RoundedHundredths(z) / 100.0;
  return z < 0 ? -magnitude : magnitude;
}

}  // namespace core::growth
