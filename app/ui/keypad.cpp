#include "ui/keypad.h"

#include <imgui.h>

#include <charconv>
#include <chrono>
#include <cstdio>

#include "ui/widgets.h"

namespace ui {

bool Keypad(std::string& text, bool decimals, size_t max_length, float width) {
  static const char* kKeys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", ",", "0", "<"};
  static const char* kIds[12] = {"1##key_1", "2##key_2",     "3##key_3", "4##key_4",
                                 "5##key_5", "6##key_6",     "7##key_7", "8##key_8",
                                 "9##key_9", ",##key_comma", "0##key_0", "\xE2\x8C\xAB##key_back"};
  bool changed = false;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float key_width = (width - 2 * spacing) / 3;
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0, ImGui::GetFontSize() * 0.6f));
  for (int i = 0; i < 12; ++i) {
    if (i % 3 != 0) ImGui::SameLine();
    const bool is_comma = i == 9, is_back = i == 11;
    if (is_comma && !decimals) {
      ImGui::Dummy(ImVec2(key_width, TouchHeight() * 1.2f));
      continue;
    }
    const bool pressed = ButtonSized(kIds[i], ImVec2(key_width, TouchHeight() * 1.2f));
    if (!pressed) continue;
    if (is_back) {
      if (!text.empty()) text.pop_back();
      changed = true;
    } else if (is_comma) {
      if (text.find_first_of(",.") == std::string::npos && text.size() < max_length) {
        text += text.empty() ? "0," : ",";
        changed = true;
      }
    } else if (text.size() < max_length) {
      text += kKeys[i];
      changed = true;
    }
  }
  ImGui::PopStyleVar();
  return changed;
}

std::optional<double> ParseTyped(const std::string& text) {
  std::string s = text;
  for (char& c : s) {
    if (c == ',') c = '.';
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  if (s.empty()) return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

std::string FormatDay(int day, bool indonesian) {
  static const char* kId[] = {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun",
                              "Jul", "Agu", "Sep", "Okt", "Nov", "Des"};
  static const char* kEn[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  const unsigned month = static_cast<unsigned>(ymd.month());
  char buf[32];
  std::snprintf(buf, sizeof buf, "%u %s %d", static_cast<unsigned>(ymd.day()),
                (indonesian ? kId : kEn)[month - 1], static_cast<int>(ymd.year()));
  return buf;
}

std::string FormatDecimal(double value, int decimals, bool comma) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string s = buf;
  if (comma) {
    for (char& c : s) {
      if (c == '.') c = ',';
    }
  }
  return s;
}

}  // namespace ui
