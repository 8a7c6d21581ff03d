// Assess(): cleans one measurement the way WHO Anthro does (age rounding, the
// 9-month height rule, the 0.7 cm correction), then computes each indicator
// from the embedded tables. Every rule cites growth-standards.md.
#include "growth/zscore.h"

#include <cmath>
#include <limits>

#include "growth/lms.h"
#include "growth/lms_table.h"

namespace core::growth {
namespace {

constexpr double kLengthTableBelowCm = 87.0;  // no age, no posture: which table

// WHO's flag thresholds, on the z-score rounded to 2 decimals.
struct FlagRange {
  double low;
  double high;
};
constexpr FlagRange kLengthFlags{-6, 6};
constexpr FlagRange kWeightFlags{-6, 5};
constexpr FlagRange kOtherFlags{-5, 5};

// "A measurement that is zero or negative is missing."
double PositiveOrMissing(double value) noexcept {
  return value > 0 ? value : kMissing;
}

// "x.5 goes up": WHO Anthro's round_up for ages (days >= 0). Ages beyond
// any table become INT_MAX rather than overflow the int.
int RoundHalfUp(double days) noexcept {
  if (!(days < std::numeric_limits<int>::max() - 1)) return std::numeric_limits<int>::max();
  const double whole = std::floor(days);
  return static_cast<int>(days - whole >= 0.5 ? whole + 1 : whole);
}

Score Scored(double z, FlagRange flags) noexcept {
  // Compared in hundredths: the same test as on RoundZ2(z), without a division.
  // Both sides are tested and combined without a branch: the sign of z is
  // anybody's guess, and a mispredicted branch costs more than the compare.
  const double hundredths = RoundedHundredths(z);
  const bool negative = z < 0;
  const bool flagged =
      (negative & (hundredths > -flags.low * 100)) | (!negative & (hundredths > flags.high * 100));
  return {z, NoScore::kNone, flagged};
}

Score Missing(NoScore reason) noexcept {
  return {kMissing, reason, false};
}

struct CleanAge {
  bool known;
  int days;       // rounded
  double months;  // unrounded
};

// An age-based indicator: the row of (sex, rounded age), valid under 60 months.
// `restricted` selects the restricted LMS beyond +-3 SD.
[[gnu::always_inline]] inline Score AgeBased(const LmsTable& table, Sex sex, const CleanAge& age,
                                             double y, bool oedema_voids, bool oedema,
                                             bool restricted, FlagRange flags) noexcept {
  if (sex == Sex::kUnknown) return Missing(NoScore::kMissingSex);
  if (!age.known) return Missing(NoScore::kMissingAge);
  const Lms* row = table.Row(sex, age.days);
  if (row == nullptr || !(age.months < 60)) return Missing(NoScore::kAgeOutOfRange);
  if (oedema_voids && oedema) return Missing(NoScore::kOedema);
  if (std::isnan(y)) return Missing(NoScore::kMissingMeasurement);
  return Scored(restricted ? RestrictedLmsZ(y, *row) : LmsZ(y, *row), flags);
}

// Weight-for-length (under 731 days) or weight-for-height, with L, M and S
// interpolated linearly between the 0.1 cm rows.
Score WeightForLengthOrHeight(Sex sex, const CleanAge& age, Posture posture, double clenhei,
                              double weight, bool oedema, bool* used_height_table) noexcept {
  if (sex == Sex::kUnknown) return Missing(NoScore::kMissingSex);
  bool use_height;
  if (age.known) {
    use_height = age.days >= kFirstHeightDay;
  } else if (posture != Posture::kUnknown) {
    use_height = posture == Posture::kStanding;
  } else if (!std::isnan(clenhei)) {
    use_height = !(clenhei < kLengthTableBelowCm);
  } else {
    return Missing(NoScore::kMissingMeasurement);
  }
  *used_height_table = use_height;
  if (age.known && !(age.months < 60)) return Missing(NoScore::kAgeOutOfRange);
  if (std::isnan(clenhei)) return Missing(NoScore::kMissingMeasurement);

  const LmsTable& table = use_height ? tables::kWeightForHeight : tables::kWeightForLength;
  if (clenhei < table.first_key / 10.0 || clenhei > table.last_key / 10.0) {
    return Missing(NoScore::kLengthOutOfRange);
  }
  if (oedema) return Missing(NoScore::kOedema);
  if (std::isnan(weight)) return Missing(NoScore::kMissingMeasurement);

  // Exactly as WHO Anthro: low = trunc(x*10)/10, high = trunc(x*10 + 1)/10,
  // t = (x - low)/0.1, in doubles. At a float edge (102.39999999999999 from
  // 103.1 - 0.7) x*10 + 1 rounds up to 1025 and the upper row is 102.5, not
  // 102.4: WHO Anthro interpolates that way, so we do too.
  // clenhei is within the table here (45 to 120 cm), so trunc is an int cast.
  const int key = static_cast<int>(clenhei * 10.0);
  const double t = (clenhei - key / 10.0) / 0.1;
  const int high_key = static_cast<int>(clenhei * 10.0 + 1.0);
  const Lms* low = table.Row(sex, key);
  if (low == nullptr) return Missing(NoScore::kLengthOutOfRange);
  Lms lms = *low;
  if (t > 0) {
    const Lms* high = table.Row(sex, high_key);
    if (high == nullptr) return Missing(NoScore::kLengthOutOfRange);
    lms = InterpolateLms(*low, *high, t);
  }
  return Scored(RestrictedLmsZ(weight, lms), kOtherFlags);
}

Status Label(Score score, Status (*classify)(int), Status oedema_status) noexcept {
  if (score.reason == NoScore::kOedema) return oedema_status;
  if (!score.exists()) return Status::kNone;
  if (score.flagged) return Status::kCheckMeasurement;
  // RoundZ2 in hundredths; an unflagged score is within +-6.
  const auto hundredths = static_cast<int>(RoundedHundredths(score.z));
  return classify(score.z < 0 ? -hundredths : hundredths);
}

void PrefetchRow(const Lms* row) noexcept {
  if (row == nullptr) return;
  __builtin_prefetch(&row->l);
  __builtin_prefetch(&row->s);
}

}  // namespace

void PrefetchReferenceRows(const Measurement& in) noexcept {
  if (!in.age.known()) return;
  const int day = RoundHalfUp(in.age.days);
  for (const LmsTable* table :
       {&tables::kLengthForAge, &tables::kWeightForAge, &tables::kBmiForAge,
        &tables::kHeadCircumferenceForAge, &tables::kArmCircumferenceForAge,
        &tables::kTricepsSkinfoldForAge, &tables::kSubscapularSkinfoldForAge}) {
    PrefetchRow(table->Row(in.sex, day));
  }
  // Weight-for-length/height: the row of the length as measured is at most
  // 7 rows (0.7 cm) from the one Assess uses, near enough to be worth it.
  if (in.length_height_cm > 0 && in.length_height_cm < 1000) {
    const LmsTable& table =
        day >= kFirstHeightDay ? tables::kWeightForHeight : tables::kWeightForLength;
    PrefetchRow(table.Row(in.sex, static_cast<int>(in.length_height_cm * 10.0)));
  }
}

// Assess rounds with std::floor a dozen times; baseline x86-64 has no
// instruction for it (about 10 instead), SSE4.1's roundsd is one. So Assess is
// built twice and the loader picks what this CPU runs: 12% faster, and the
// same results, since floor is exact either way (no FMA: x86-64-v2 has none).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define TUMBUH_FAST_FLOOR __attribute__((target_clones("arch=x86-64-v2", "default")))
#else
#define TUMBUH_FAST_FLOOR
#endif

double CorrectedLengthCm(Age age, double length_height_cm, Posture posture) noexcept {
  Measurement in;
  in.age = age;
  in.length_height_cm = length_height_cm;
  in.posture = posture;
  return Assess(in).clenhei_cm;
}

TUMBUH_FAST_FLOOR Assessment Assess(const Measurement& in) noexcept {
  Assessment out;

  CleanAge age{in.age.known(), -1, kMissing};
  if (age.known) {
    age.days = RoundHalfUp(in.age.days);
    age.months = in.age.months;
    out.age_days = age.days;
    out.age_months = age.months;
  }

  // "A height for a child younger than 9 months is implausible: the measure
  // is treated as missing" (the length itself is kept, uncorrected).
  Posture posture = in.posture;
  if (posture == Posture::kStanding && age.known && age.months < 9) {
    out.standing_under_9_months = true;
    posture = Posture::kUnknown;
  }

  // The 0.7 cm correction: every indicator uses clenhei.
  double clenhei = PositiveOrMissing(in.length_height_cm);
  if (age.known && !std::isnan(clenhei)) {
    if (age.days < kFirstHeightDay && posture == Posture::kStanding) {
      clenhei += kPostureCorrectionCm;
    } else if (age.days >= kFirstHeightDay && posture == Posture::kLying) {
      clenhei -= kPostureCorrectionCm;
    }
  }
  out.clenhei_cm = clenhei;

  const double weight = PositiveOrMissing(in.weight_kg);
  const double length_m = clenhei / 100.0;
  out.bmi = weight / (length_m * length_m);

  const Sex sex = in.sex;
  const bool oedema = in.oedema;
  auto& s = out.scores;
  s[static_cast<int>(Indicator::kLengthForAge)] =
      AgeBased(tables::kLengthForAge, sex, age, clenhei, false, oedema, false, kLengthFlags);
  s[static_cast<int>(Indicator::kWeightForAge)] =
      AgeBased(tables::kWeightForAge, sex, age, weight, true, oedema, true, kWeightFlags);
  s[static_cast<int>(Indicator::kWeightForLength)] =
      WeightForLengthOrHeight(sex, age, posture, clenhei, weight, oedema, &out.used_height_table);
  s[static_cast<int>(Indicator::kBmiForAge)] =
      AgeBased(tables::kBmiForAge, sex, age, out.bmi, true, oedema, true, kOtherFlags);
  s[static_cast<int>(Indicator::kHeadCircumferenceForAge)] =
      AgeBased(tables::kHeadCircumferenceForAge, sex, age,
               PositiveOrMissing(in.head_circumference_cm), false, oedema, false, kOtherFlags);
  s[static_cast<int>(Indicator::kArmCircumferenceForAge)] =
      AgeBased(tables::kArmCircumferenceForAge, sex, age,
               PositiveOrMissing(in.arm_circumference_cm), false, oedema, true, kOtherFlags);
  s[static_cast<int>(Indicator::kTricepsSkinfoldForAge)] =
      AgeBased(tables::kTricepsSkinfoldForAge, sex, age, PositiveOrMissing(in.triceps_skinfold_mm),
               false, oedema, true, kOtherFlags);
  s[static_cast<int>(Indicator::kSubscapularSkinfoldForAge)] =
      AgeBased(tables::kSubscapularSkinfoldForAge, sex, age,
               PositiveOrMissing(in.subscapular_skinfold_mm), false, oedema, true, kOtherFlags);

  // Oedema: "gizi buruk (severely wasted) whatever the weight"; WHO counts it
  // below -3 SD for every weight-based indicator.
  out.height_for_age =
      Label(out.score(Indicator::kLengthForAge), ClassifyHeightForAge, Status::kNone);
  out.weight_for_age = Label(out.score(Indicator::kWeightForAge), ClassifyWeightForAge,
                             Status::kSeverelyUnderweight);
  out.weight_for_height = Label(out.score(Indicator::kWeightForLength), ClassifyWeightForHeight,
                                Status::kSeverelyWasted);
  out.bmi_for_age =
      Label(out.score(Indicator::kBmiForAge), ClassifyWeightForHeight, Status::kSeverelyWasted);
  return out;
}

}  // namespace core::growth
