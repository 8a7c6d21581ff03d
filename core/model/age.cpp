#include "model/age.h"

#include <chrono>

namespace core::model {

int CompletedMonths(int birth_day, int on_day) {
  using namespace std::chrono;
  const year_month_day birth{sys_days{days{birth_day}}}, on{sys_days{days{on_day}}};
  int months = (static_cast<int>(on.year()) - static_cast<int>(birth.year())) * 12 +
               static_cast<int>(static_cast<unsigned>(on.month())) -
               static_cast<int>(static_cast<unsigned>(birth.month()));
  if (on.day() < birth.day()) --months;
  return months < 0 ? 0 : months;
}

AgeParts AgeOn(int birth_day, int on_day) {
  using namespace std::chrono;
  const int months = CompletedMonths(birth_day, on_day);
  const year_month_day b{sys_days{days{birth_day}}};
  const year_month ym = b.year() / b.month() + std::chrono::months{months};
  year_month_day anniversary = ym / b.day();
  if (!anniversary.ok()) anniversary = ym / last;  // born on the 31st, and so on
  return {months / 12, months % 12,
          on_day - static_cast<int>(sys_days{anniversary}.time_since_epoch().count())};
}

VitaminACapsule VitaminADue(int birth_day, int on_day) {
  using namespace std::chrono;
  const unsigned month = static_cast<unsigned>(year_month_day{sys_days{days{on_day}}}.month());
  if (month != 2 && month != 8) return VitaminACapsule::kNone;
  const int months = CompletedMonths(birth_day, on_day);
  if (months < 6 || months >= kBalitaMonths) return VitaminACapsule::kNone;
  return months < 12 ? VitaminACapsule::kBlue : VitaminACapsule::kRed;
}

}  // namespace core::model
