#include "model/weight_gain.h"

#include <chrono>

namespace core::model {

int MonthIndex(int day) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  return static_cast<int>(ymd.year()) * 12 + static_cast<int>(static_cast<unsigned>(ymd.month())) -
         1;
}

int KmsColumn(int birth_day, int on_day) {
  const int column = MonthIndex(on_day) - MonthIndex(birth_day);
  return column < 0 ? 0 : column;
}

std::optional<int> MinimumGainG(int kms_column, std::span<const KbmRule> rules) {
  std::optional<int> gain;
  int best_from = -1;
  for (const KbmRule& rule : rules) {
    if (rule.from_column <= kms_column && rule.from_column > best_from) {
      best_from = rule.from_column;
      gain = rule.min_gain_g;
    }
  }
  return gain;
}

std::vector<WeightGain> MonthlyGains(int birth_day, std::span<const Weighing> history,
                                     std::span<const KbmRule> rules) {
  std::vector<WeightGain> gains(history.size(), WeightGain::kNone);
  // The index of each month's weight: its last standing weighing.
  std::vector<size_t> month_weights;
  for (size_t i = 0; i < history.size(); ++i) {
    if (!history[i].stands) continue;
    if (!month_weights.empty() &&
        MonthIndex(history[month_weights.back()].day) == MonthIndex(history[i].day)) {
      month_weights.back() = i;
    } else {
      month_weights.push_back(i);
    }
  }
  for (size_t k = 0; k < month_weights.size(); ++k) {
    const Weighing& now = history[month_weights[k]];
    WeightGain& gain = gains[month_weights[k]];
    if (k == 0) {
      gain = WeightGain::kBaru;
      continue;
    }
    const Weighing& before = history[month_weights[k - 1]];
    if (MonthIndex(before.day) != MonthIndex(now.day) - 1) {
      gain = WeightGain::kOld;
      continue;
    }
    // Column 0 has no KBM; a previous month before the birth month cannot be
    // valid, so only a gain counts there.
    const int minimum = MinimumGainG(KmsColumn(birth_day, now.day), rules).value_or(1);
    gain = now.weight_g - before.weight_g >= minimum ? WeightGain::kNaik : WeightGain::kTidakNaik;
  }
  return gains;
}

}  // namespace core::model
