// When a cadre refers a child to the puskesmas after a weighing (domain.md,
// SKDN; the 2023 KIA book refers already on a single T): the reasons, as bits.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "growth/zscore.h"
#include "model/records.h"

namespace core::model {

enum ReferralReason : uint8_t {
  kReferT = 1,                // weight did not go up enough (T)
  kReferTwoT = 2,             // T this month and last month (2T)
  kReferBelowRedLine = 4,     // BB/U below -3 SD
  kReferSeverelyStunted = 8,  // TB/U below -3 SD
  kReferSeverelyWasted = 16,  // BB/TB below -3 SD (or oedema)
  kReferLowMuac = 32,         // MUAC below 11.5 cm at 6-59 months
};

inline constexpr int kReferMuacBelowMm = 115;

// The reasons to refer after one measurement. `gain` is its N/T/O/B,
// `previous_month_gain` that of the month before (for 2T), `age_months` its
// age in completed months (model/age.h).
uint8_t ReferralReasons(const growth::Assessment& a, std::optional<int> muac_mm, int age_months,
                        WeightGain gain, WeightGain previous_month_gain);

// The translation key of each reason in `reasons` ("refer.t", ...), in order.
std::vector<const char*> ReferralKeys(uint8_t reasons);

}  // namespace core::model
