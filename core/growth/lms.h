// The LMS method of the WHO Child Growth Standards (WHO 2006, chapter 7):
// pure, allocation-free functions on one reference row.
#pragma once

#include <cmath>

#include "growth/lms_table.h"

namespace core::growth {

// z = ((y / M)^L - 1) / (S * L), for measurement y in the table's unit.
[[gnu::always_inline]] inline double LmsZ(double y, const Lms& row) noexcept {
  // L = 1 (length, head circumference): x^1 is x, so skipping pow() gives the
  // very same double, faster.
  if (row.l == 1.0) return (y / row.m - 1.0) / row.s;
  return (std::pow(y / row.m, row.l) - 1.0) / (row.s * row.l);
}

// The measurement that lies exactly at z-score k: SD(k) = M * (1 + L*S*k)^(1/L).
inline double LmsValueAt(const Lms& row, double k) noexcept {
  if (row.l == 1.0) return row.m * (1.0 + row.s * k);
  return row.m * std::pow(1.0 + row.l * row.s * k, 1.0 / row.l);
}

// The z-score with the LMS curve restricted beyond +-3 SD, where the skew of
// the distribution is not reliable: outside, the distance is measured in units
// of the 2-to-3 SD gap on that side. Used for every indicator but
// length/height-for-age and head circumference-for-age.
[[gnu::always_inline]] inline double RestrictedLmsZ(double y, const Lms& row) noexcept {
  const double z = LmsZ(y, row);
  if (z > 3.0) {
    const double sd3 = LmsValueAt(row, 3.0);
    return 3.0 + (y - sd3) / (sd3 - LmsValueAt(row, 2.0));
  }
  if (z < -3.0) {
    const double sd3 = LmsValueAt(row, -3.0);
    return -3.0 + (y - sd3) / (LmsValueAt(row, -2.0) - sd3);
  }
  return z;
}

// Linear interpolation of L, M and S between two rows, t in [0, 1).
inline Lms InterpolateLms(const Lms& low, const Lms& high, double t) noexcept {
  return {low.l + t * (high.l - low.l), low.m + t * (high.m - low.m), low.s + t * (high.s - low.s)};
}

}  // namespace core::growth
