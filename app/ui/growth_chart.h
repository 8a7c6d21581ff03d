// Growth charts drawn with ImDrawList, like the KMS card: the WHO -3/-2/0/+2/+3
// curves from the embedded tables as coloured bands, the child's points
// joined on top.
#pragma once

#include <vector>

#include "growth/lms_table.h"
#include "growth/sex.h"

namespace ui {

struct ChartPoint {
  double x;      // age in months, or length/height in cm
  double y;      // weight in kg, or length/height in cm
  int severity;  // colour of the point (0 normal .. 3 severe)
};

struct ChartSpec {
  const core::growth::LmsTable* table;
  core::growth::Sex sex;
  bool keyed_by_age;  // x in months over a table keyed by days; else x in cm over mm keys
  double x_min, x_max;
  const char* x_label;
  const char* y_label;
};

// Draws the chart in a box of `width` x `height` at the cursor.
void GrowthChart(const char* id, const ChartSpec& spec, const std::vector<ChartPoint>& points,
                 float width, float height);

}  // namespace ui
