// N/T/O/B of the monthly posyandu report (SKDN, domain.md): did the month's
// weight go up enough since last month's? The minimum gain (KBM) by KMS column
// is data, not code (the kbm_rule table).
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "model/records.h"

namespace core::model {

struct KbmRule {
  int from_column;  // KMS column (calendar months since the birth month) the rule starts at
  int min_gain_g;
};

// One weighing of a child's history.
struct Weighing {
  int day;  // day number
  int weight_g;
  bool stands = true;  // false: a supervisor sent it back (it does not count in N/T)
};

// The KMS card's column of a day: calendar months since the birth month (the
// birth month is column 0, the next calendar month column 1, whatever the day).
int KmsColumn(int birth_day, int on_day);

// The KBM of a KMS column: the rule with the largest from_column not above it;
// none below the table's first rule (column 0 has no previous month to compare).
std::optional<int> MinimumGainG(int kms_column, std::span<const KbmRule> rules);

// N/T/O/B of every weighing of one child. `history` is sorted by day (same-day
// weighings in the order they were made). A month's weight is its LAST standing
// weighing; it alone carries the month's result, every other weighing kNone:
//   B  no standing weighing in any earlier month;
//   O  none in the previous calendar month;
//   N  month weight - previous month's weight >= the KBM of this month's column;
//   T  less, flat or down.
// So D = N + T + O + B counts each weighed child once per month.
std::vector<WeightGain> MonthlyGains(int birth_day, std::span<const Weighing> history,
                                     std::span<const KbmRule> rules);

// Months since year 0 of a day number (to compare calendar months).
int MonthIndex(int day);

}  // namespace core::model
