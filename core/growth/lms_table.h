// The WHO Child Growth Standards reference tables (L, M, S per sex and key),
// embedded at build time by cmake/GrowthTables.cmake from the WHO files.
#pragma once

#include "growth/sex.h"

namespace core::growth {

// Box-Cox power (L), median (M) and coefficient of variation (S) of one row.
struct Lms {
  double l;
  double m;
  double s;
};

// One reference table. Keys are whole numbers: age in days for the age-based
// tables, length/height in millimetres (0.1 cm steps) for weight-for-length/height.
struct LmsTable {
  int first_key;
  int last_key;
  const Lms* male;
  const Lms* female;

  // The row for (sex, key), or nullptr when the sex is unknown or the key is
  // outside the table.
  const Lms* Row(Sex sex, int key) const noexcept {
    if (key < first_key || key > last_key) return nullptr;
    if (sex == Sex::kMale) return male + (key - first_key);
    if (sex == Sex::kFemale) return female + (key - first_key);
    return nullptr;
  }
};

namespace tables {
extern const LmsTable kLengthForAge;
extern const LmsTable kWeightForAge;
extern const LmsTable kBmiForAge;
extern const LmsTable kHeadCircumferenceForAge;
extern const LmsTable kArmCircumferenceForAge;
extern const LmsTable kTricepsSkinfoldForAge;
extern const LmsTable kSubscapularSkinfoldForAge;
extern const LmsTable kWeightForLength;  // keys 450..1100 mm
extern const LmsTable kWeightForHeight;  // keys 650..1200 mm
}  // namespace tables

}  // namespace core::growth
