// N/T/O/B of the monthly posyandu report (SKDN): did the weight go up enough
// since last month? The minimum gain (KBM) by age is data, not code.
#pragma once

#include <optional>
#include <span>

#include "model/records.h"

namespace core::model {

struct KbmRule {
  int from_month;  // age in completed months at the current weighing
  int min_gain_g;
};

struct Weighing {
  int day;  // day number
  int weight_g;
};

// Classifies `current` against the child's earlier weighings (any order).
// `age_months` is completed months at `current`.
// B: no weighing before this month; O: the last one before this month was not
// in the previous calendar month; N: gain >= KBM for the age; T: less, flat or down.
WeightGain ClassifyGain(std::span<const Weighing> earlier, Weighing current, int age_months,
                        std::span<const KbmRule> rules);

// The KBM for an age in completed months: the rule with the largest
// from_month not above it (the first rule below the table's start).
int MinimumGainG(int age_months, std::span<const KbmRule> rules);

// Completed months of age, as shown to a cadre ("8 bulan 10 hari" is 8).
int CompletedMonths(int birth_day, int on_day);

}  // namespace core::model
