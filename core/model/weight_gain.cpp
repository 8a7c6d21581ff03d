#include "model/weight_gain.h"

#include <chrono>

namespace core::model {
namespace {

// Months since year 0 of a day number, to compare calendar months.
int MonthIndex(int day) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  return static_cast<int>(ymd.year()) * 12 + static_cast<int>(static_cast<unsigned>(ymd.month())) -
         1;
}

}  // namespace

int CompletedMonths(int birth_day, int on_day) {
  using namespace std::chrono;
  const year_month_day birth{sys_days{days{birth_day}}}, on{sys_days{days{on_day}}};
  int months = (static_cast<int>(on.year()) - static_cast<int>(birth.year())) * 12 +
               static_cast<int>(static_cast<unsigned>(on.month())) -
               static_cast<int>(static_cast<unsigned>(birth.month()));
  if (on.day() < birth.day()) --months;
  return months < 0 ? 0 : months;
}

int MinimumGainG(int age_months, std::span<const KbmRule> rules) {
  if (rules.empty()) return 0;
  int gain = rules.front().min_gain_g;
  int best_from = -1;
  for (const KbmRule& rule : rules) {
    if (rule.from_month <= age_months && rule.from_month > best_from) {
      best_from = rule.from_month;
      gain = rule.min_gain_g;
    }
  }
  return gain;
}

WeightGain ClassifyGain(std::span<const Weighing> earlier, Weighing current, int age_months,
                        std::span<const KbmRule> rules) {
  const int month = MonthIndex(current.day);
  const Weighing* last = nullptr;
  for (const Weighing& w : earlier) {
    if (MonthIndex(w.day) < month && (last == nullptr || w.day > last->day)) last = &w;
  }
  if (last == nullptr) return WeightGain::kBaru;
  if (MonthIndex(last->day) != month - 1) return WeightGain::kOld;
  return current.weight_g - last->weight_g >= MinimumGainG(age_months, rules)
             ? WeightGain::kNaik
             : WeightGain::kTidakNaik;
}

}  // namespace core::model
