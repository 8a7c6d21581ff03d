#include "ui/widgets.h"

#include <imgui_internal.h>

#include <imgui_stdlib.h>

#include <cstring>
#include <filesystem>

namespace ui {
namespace {

Probe* g_probe = nullptr;
Fonts g_fonts;

// Records the last item's rectangle under the id part of `label`.
void Record(const char* label) {
  if (g_probe == nullptr) return;
  std::string id = label;
  const size_t hashes = id.find("##");
  if (hashes != std::string::npos) id = id.substr(hashes + 2);
  const ImVec2 min = ImGui::GetItemRectMin(), size = ImGui::GetItemRectSize();
  g_probe->rects[id] = ImVec4(min.x, min.y, size.x, size.y);
  g_probe->labels[id] =
      std::string(label, hashes == std::string::npos ? std::strlen(label) : hashes);
  g_probe->visible[id] = ImGui::IsItemVisible();
  const ImVec2 wpos = ImGui::GetWindowPos(), wsize = ImGui::GetWindowSize();
  g_probe->windows[id] = ImVec4(wpos.x, wpos.y, wsize.x, wsize.y);
}

ImVec2 ButtonSize(float width) {
  return ImVec2(width < 0 ? ImGui::GetContentRegionAvail().x : width, TouchHeight());
}

}  // namespace

void NamedValue(const char* id, const char* name, const std::string& value) {
  const std::string text = std::string(name) + ": " + value;
  ImGui::TextUnformatted(text.c_str());
  Record((text + "##" + id).c_str());
}

void RecordItem(const char* label) {
  Record(label);
}

void SetProbe(Probe* probe) {
  g_probe = probe;
}

float TouchHeight() {
  return ImGui::GetFontSize() * 2.2f;
}

bool Button(const char* label, float width) {
  const bool pressed = ImGui::Button(label, ButtonSize(width));
  Record(label);
  return pressed;
}

bool TextField(const char* id, std::string* text, const char* hint, ImGuiInputTextFlags flags,
               float width) {
  ImGui::SetNextItemWidth(width);
  const bool changed =
      hint ? ImGui::InputTextWithHint(id, hint, text, flags) : ImGui::InputText(id, text, flags);
  Record(id);
  return changed;
}

bool Checkbox(const char* label, bool* value) {
  const bool changed = ImGui::Checkbox(label, value);
  Record(label);
  return changed;
}

bool ButtonSized(const char* label, ImVec2 size) {
  const bool pressed = ImGui::Button(label, size);
  Record(label);
  return pressed;
}

bool ToggleButton(const char* label, bool selected, float width) {
  if (selected) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.13f, 0.45f, 0.30f, 1));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.16f, 0.52f, 0.35f, 1));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  }
  const bool pressed = Button(label, width);
  if (selected) ImGui::PopStyleColor(3);
  return pressed;
}

bool WarnButton(const char* label, float width) {
  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.80f, 0.33f, 0.20f, 1));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.88f, 0.40f, 0.25f, 1));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  const bool pressed = Button(label, width);
  ImGui::PopStyleColor(3);
  return pressed;
}

bool PrimaryButton(const char* label, float width) {
  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.10f, 0.50f, 0.35f, 1));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.12f, 0.58f, 0.40f, 1));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  const bool pressed = Button(label, width);
  ImGui::PopStyleColor(3);
  return pressed;
}

ImVec4 SeverityColor(int severity) {
  switch (severity) {
    case 0:
      return ImVec4(0.12f, 0.55f, 0.25f, 1);  // green
    case 1:
      return ImVec4(0.80f, 0.60f, 0.05f, 1);  // amber
    case 2:
      return ImVec4(0.88f, 0.40f, 0.10f, 1);  // orange
    default:
      return ImVec4(0.80f, 0.12f, 0.12f, 1);  // red
  }
}

ImVec4 StatusColor(core::growth::Status status) {
  if (status == core::growth::Status::kNone) return ImVec4(0.4f, 0.4f, 0.4f, 1);
  return SeverityColor(core::growth::StatusSeverity(status));
}

void Heading(const char* text) {
  if (g_fonts.title) ImGui::PushFont(g_fonts.title);
  ImGui::TextUnformatted(text);
  if (g_fonts.title) ImGui::PopFont();
}

void ColoredText(const ImVec4& color, const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

void FieldError(const char* text) {
  if (text == nullptr || text[0] == '\0') return;
  ColoredText(ImVec4(0.80f, 0.12f, 0.12f, 1), text);
}

const Fonts& GetFonts() {
  return g_fonts;
}

Fonts LoadFonts(float size_px) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  static ImVector<ImWchar> ranges;
  if (ranges.empty()) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());  // Basic Latin + Latin-1
    builder.AddChar(0x2022);                               // bullet
    builder.AddChar(0x2013);                               // en dash
    builder.AddChar(0x2190);                               // arrows
    builder.AddChar(0x2192);
    builder.AddChar(0x232B);                                        // erase to the left
    for (ImWchar c = 0x0100; c <= 0x017F; ++c) builder.AddChar(c);  // Latin Extended-A
    builder.BuildRanges(&ranges);
  }
  const char* candidates[] = {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                              "/usr/share/fonts/dejavu/DejaVuSans.ttf"};
  Fonts fonts;
  for (const char* path : candidates) {
    if (!std::filesystem::exists(path)) continue;
    fonts.body = io.Fonts->AddFontFromFileTTF(path, size_px, nullptr, ranges.Data);
    const char* bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    fonts.title = io.Fonts->AddFontFromFileTTF(std::filesystem::exists(bold) ? bold : path,
                                               size_px * 1.35f, nullptr, ranges.Data);
    break;
  }
  if (fonts.body == nullptr) {  // ImGui's own font, scaled: readable, if not pretty
    ImFontConfig config;
    config.SizePixels = size_px;
    fonts.body = io.Fonts->AddFontDefault(&config);
    config.SizePixels = size_px * 1.35f;
    fonts.title = io.Fonts->AddFontDefault(&config);
  }
  g_fonts = fonts;
  return fonts;
}

void ApplyStyle(float size_px) {
  ImGuiStyle style;
  ImGui::StyleColorsLight(&style);
  const float s = size_px / 20.0f;
  style.WindowPadding = ImVec2(16 * s, 14 * s);
  style.FramePadding = ImVec2(12 * s, 10 * s);
  style.ItemSpacing = ImVec2(12 * s, 10 * s);
  style.ItemInnerSpacing = ImVec2(8 * s, 6 * s);
  style.ScrollbarSize = 26 * s;  // a finger can drag it
  style.GrabMinSize = 24 * s;
  style.FrameRounding = 8 * s;
  style.GrabRounding = 8 * s;
  style.WindowRounding = 0;
  style.ChildRounding = 8 * s;
  style.PopupRounding = 8 * s;
  style.TouchExtraPadding = ImVec2(4 * s, 4 * s);
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.95f, 1);
  style.Colors[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
  style.Colors[ImGuiCol_Button] = ImVec4(0.86f, 0.90f, 0.88f, 1);
  style.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.78f, 0.86f, 0.82f, 1);
  style.Colors[ImGuiCol_ButtonActive] = ImVec4(0.65f, 0.80f, 0.72f, 1);
  style.Colors[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
  style.Colors[ImGuiCol_Border] = ImVec4(0.75f, 0.78f, 0.76f, 1);
  style.Colors[ImGuiCol_Header] = ImVec4(0.86f, 0.92f, 0.89f, 1);
  style.Colors[ImGuiCol_HeaderHovered] = ImVec4(0.80f, 0.89f, 0.85f, 1);
  style.Colors[ImGuiCol_HeaderActive] = ImVec4(0.72f, 0.85f, 0.79f, 1);
  style.FrameBorderSize = 1;
  ImGui::GetStyle() = style;
}

}  // namespace ui
