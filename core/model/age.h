// A child's age as the app shows and uses it, defined once: every screen, the
// CLI and the reports call these (the growth engine's own age, days and
// days / 30.4375, is growth::Age).
#pragma once

namespace core::model {

// Completed months of age, as shown to a cadre ("8 bulan 10 hari" is 8): the
// months between the birth date and `on_day`, less one when the day of the
// month has not come yet (born 31 January: 0 months on 28 February).
int CompletedMonths(int birth_day, int on_day);

// Years, months and days of age, as e-PPGBM writes it ("1 Tahun - 8 Bulan -
// 10 Hari"); months + 12 * years == CompletedMonths.
struct AgeParts {
  int years = 0, months = 0, days = 0;
};
AgeParts AgeOn(int birth_day, int on_day);

// Balita: under five, 0-59 completed months.
inline constexpr int kBalitaMonths = 60;
inline bool IsBalita(int birth_day, int on_day) {
  return CompletedMonths(birth_day, on_day) < kBalitaMonths;
}

// Vitamin A capsules (domain.md): given in February and August, blue at 6-11
// months, red at 12-59 months; none due otherwise.
enum class VitaminACapsule : unsigned char { kNone = 0, kBlue, kRed };
VitaminACapsule VitaminADue(int birth_day, int on_day);

}  // namespace core::model
