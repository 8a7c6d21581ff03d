#include "ui/growth_chart.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "growth/lms.h"
#include "growth/zscore.h"

namespace ui {
namespace {

constexpr int kCurves = 5;
constexpr double kSd[kCurves] = {-3, -2, 0, 2, 3};

// The row for x (months or cm), clamped to the table.
const core::growth::Lms& RowAt(const ChartSpec& spec, double x) {
  int key = spec.keyed_by_age ? static_cast<int>(std::lround(core::growth::Age::FromMonths(x).days))
                              : static_cast<int>(std::lround(x * 10));
  key = std::clamp(key, spec.table->first_key, spec.table->last_key);
  return *spec.table->Row(spec.sex, key);
}

}  // namespace

void GrowthChart(const char* id, const ChartSpec& spec, const std::vector<ChartPoint>& points,
                 float width, float height) {
  ImGui::PushID(id);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, height));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float left = ImGui::GetFontSize() * 2.8f, bottom = ImGui::GetFontSize() * 1.6f;
  const ImVec2 p0(origin.x + left, origin.y + 4),
      p1(origin.x + width - 6, origin.y + height - bottom);

  // Sample the curves.
  constexpr int kSteps = 120;
  double curves[kCurves][kSteps + 1];
  double y_min = 1e9, y_max = -1e9;
  for (int i = 0; i <= kSteps; ++i) {
    const double x = spec.x_min + (spec.x_max - spec.x_min) * i / kSteps;
    const core::growth::Lms& row = RowAt(spec, x);
    for (int c = 0; c < kCurves; ++c) {
      curves[c][i] = core::growth::LmsValueAt(row, kSd[c]);
      y_min = std::min(y_min, curves[c][i]);
      y_max = std::max(y_max, curves[c][i]);
    }
  }
  for (const ChartPoint& p : points) {
    y_min = std::min(y_min, p.y);
    y_max = std::max(y_max, p.y);
  }
  const double pad = (y_max - y_min) * 0.05;
  y_min -= pad;
  y_max += pad;
  auto to_screen = [&](double x, double y) {
    return ImVec2(
        static_cast<float>(p0.x + (x - spec.x_min) / (spec.x_max - spec.x_min) * (p1.x - p0.x)),
        static_cast<float>(p1.y - (y - y_min) / (y_max - y_min) * (p1.y - p0.y)));
  };

  draw->AddRectFilled(p0, p1, IM_COL32(253, 236, 234, 255));  // below -3 and above +3: pale red
  // Bands between consecutive curves, as quads per step: -3..-2 and +2..+3
  // yellow, -2..+2 green (the KMS colours).
  const ImU32 band_colors[kCurves - 1] = {
      IM_COL32(252, 233, 160, 255), IM_COL32(200, 232, 196, 255), IM_COL32(200, 232, 196, 255),
      IM_COL32(252, 233, 160, 255)};
  for (int i = 0; i < kSteps; ++i) {
    const double xa = spec.x_min + (spec.x_max - spec.x_min) * i / kSteps;
    const double xb = spec.x_min + (spec.x_max - spec.x_min) * (i + 1) / kSteps;
    for (int c = 0; c + 1 < kCurves; ++c) {
      draw->AddQuadFilled(to_screen(xa, curves[c][i]), to_screen(xb, curves[c][i + 1]),
                          to_screen(xb, curves[c + 1][i + 1]), to_screen(xa, curves[c + 1][i]),
                          band_colors[c]);
    }
  }
  const ImU32 line_colors[kCurves] = {IM_COL32(200, 40, 40, 255), IM_COL32(220, 140, 20, 255),
                                      IM_COL32(30, 120, 60, 255), IM_COL32(220, 140, 20, 255),
                                      IM_COL32(200, 40, 40, 255)};
  for (int c = 0; c < kCurves; ++c) {
    ImVec2 line[kSteps + 1];
    for (int i = 0; i <= kSteps; ++i) {
      line[i] = to_screen(spec.x_min + (spec.x_max - spec.x_min) * i / kSteps, curves[c][i]);
    }
    draw->AddPolyline(line, kSteps + 1, line_colors[c], 0, c == 2 ? 2.5f : 1.5f);
    char label[8];
    std::snprintf(label, sizeof label, "%+d", static_cast<int>(kSd[c]));
    draw->AddText(ImVec2(line[kSteps].x - ImGui::CalcTextSize(label).x - 2,
                         line[kSteps].y - ImGui::GetFontSize()),
                  line_colors[c], kSd[c] == 0 ? "0" : label);
  }
  draw->AddRect(p0, p1, IM_COL32(120, 120, 120, 255));

  // Axes: ticks and labels.
  const double x_step = spec.keyed_by_age ? 6 : 5;
  for (double x = std::ceil(spec.x_min / x_step) * x_step; x <= spec.x_max; x += x_step) {
    const ImVec2 at = to_screen(x, y_min);
    draw->AddLine(at, ImVec2(at.x, at.y + 5), IM_COL32(90, 90, 90, 255));
    char text[16];
    std::snprintf(text, sizeof text, "%d", static_cast<int>(x));
    draw->AddText(ImVec2(at.x - ImGui::CalcTextSize(text).x / 2, at.y + 5),
                  IM_COL32(60, 60, 60, 255), text);
  }
  const double y_range = y_max - y_min;
  const double y_step = y_range > 60 ? 10 : y_range > 25 ? 5 : y_range > 10 ? 2 : 1;
  for (double y = std::ceil(y_min / y_step) * y_step; y <= y_max; y += y_step) {
    const ImVec2 at = to_screen(spec.x_min, y);
    char text[16];
    std::snprintf(text, sizeof text, "%d", static_cast<int>(y));
    draw->AddText(ImVec2(at.x - ImGui::CalcTextSize(text).x - 6, at.y - ImGui::GetFontSize() / 2),
                  IM_COL32(60, 60, 60, 255), text);
  }
  draw->AddText(
      ImVec2(p1.x - ImGui::CalcTextSize(spec.x_label).x, p1.y + bottom - ImGui::GetFontSize()),
      IM_COL32(60, 60, 60, 255), spec.x_label);
  draw->AddText(ImVec2(p0.x + 4, p0.y + 2), IM_COL32(60, 60, 60, 255), spec.y_label);

  // The child's points, joined.
  std::vector<ImVec2> path;
  for (const ChartPoint& p : points) {
    if (p.x < spec.x_min || p.x > spec.x_max) continue;
    path.push_back(to_screen(p.x, p.y));
  }
  if (path.size() > 1)
    draw->AddPolyline(path.data(), static_cast<int>(path.size()), IM_COL32(30, 60, 160, 255), 0,
                      2.5f);
  size_t i = 0;
  for (const ChartPoint& p : points) {
    if (p.x < spec.x_min || p.x > spec.x_max) continue;
    const ImU32 fill = p.severity >= 3   ? IM_COL32(200, 30, 30, 255)
                       : p.severity == 2 ? IM_COL32(230, 110, 20, 255)
                       : p.severity == 1 ? IM_COL32(220, 170, 20, 255)
                                         : IM_COL32(30, 60, 160, 255);
    draw->AddCircleFilled(path[i++], 5.5f, fill);
  }
  ImGui::PopID();
}

}  // namespace ui
