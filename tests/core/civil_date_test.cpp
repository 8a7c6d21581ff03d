#include <gtest/gtest.h>

#include "util/civil_date.h"

namespace core {
namespace {

TEST(CivilDate, ParsesAndFormatsIsoDates) {
  EXPECT_EQ(ParseIsoDate("1970-01-01"), 0);
  EXPECT_EQ(ParseIsoDate("2024-03-01").value() - ParseIsoDate("2024-02-28").value(), 2);
  EXPECT_EQ(FormatIsoDate(*ParseIsoDate("2026-11-24")), "2026-11-24");
}

TEST(CivilDate, RefusesImpossibleDates) {
  for (const char* bad : {"2025-02-29", "2025-13-01", "2025-1-01", "20250101", "2025-01-0x", ""}) {
    EXPECT_FALSE(ParseIsoDate(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace core
