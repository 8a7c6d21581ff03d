// Small builders for growth engine tests.
#pragma once

#include "growth/zscore.h"

namespace core::growth::testing {

inline Measurement Child(Sex sex, double age_days) {
  Measurement m;
  m.sex = sex;
  m.age = Age::FromDays(age_days);
  return m;
}

inline double Z(const Assessment& a, Indicator i) {
  return a.score(i).z;
}

}  // namespace core::growth::testing
