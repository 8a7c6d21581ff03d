// Touch-sized widgets over Dear ImGui. Buttons go through ui::Button so that a
// test probe can find and click them by id; in the app the probe is off.
#pragma once

#include <imgui.h>

#include <string>
#include <unordered_map>

#include "growth/status.h"

namespace ui {

// Where each button was drawn last frame, by id ("##save" part or the label).
struct Probe {
  std::unordered_map<std::string, ImVec4> rects;        // x, y, w, h
  std::unordered_map<std::string, std::string> labels;  // the visible text
  std::unordered_map<std::string, bool> visible;        // not scrolled out of view
  std::unordered_map<std::string, ImVec4> windows;      // the window it is in
};
void SetProbe(Probe* probe);  // nullptr in production
// Records the last item (a Selectable, a row) for the probe under the id
// part of `label`, as ui::Button does for its own.
void RecordItem(const char* label);

// The height of a finger-sized touch target.
float TouchHeight();

// A button at least a finger tall; `width` 0 = fit the label, -1 = fill.
bool Button(const char* label, float width = 0);
// A text field (std::string), recorded for the probe like a button.
bool TextField(const char* id, std::string* text, const char* hint = nullptr,
               ImGuiInputTextFlags flags = 0, float width = -1);
// A checkbox, recorded for the probe.
bool Checkbox(const char* label, bool* value);

// A button of an exact size.
bool ButtonSized(const char* label, ImVec2 size);
// A button drawn as selected (for toggles and tabs).
bool ToggleButton(const char* label, bool selected, float width = 0);
// A red-toned button for destructive or warning actions.
bool WarnButton(const char* label, float width = 0);
// A large primary action (Simpan).
bool PrimaryButton(const char* label, float width = -1);

// Colours for a growth status (green normal, yellow watch, orange/red serious).
ImVec4 StatusColor(core::growth::Status status);
ImVec4 SeverityColor(int severity);

// "name: value" on one line, recorded for the probe under `id`.
void NamedValue(const char* id, const char* name, const std::string& value);

// A heading in the title font.
void Heading(const char* text);
// Text in a colour.
void ColoredText(const ImVec4& color, const char* text);
// An error line under a field (red), shown only when `text` is non-empty.
void FieldError(const char* text);

// The fonts the screens use (set by whoever built the atlas).
struct Fonts {
  ImFont* body = nullptr;
  ImFont* title = nullptr;
};
const Fonts& GetFonts();
// Adds DejaVu Sans (fonts-dejavu-core) at `size_px`, or ImGui's own font
// scaled when it is missing; Latin with extensions for names. Call before
// the atlas is built; returns the fonts.
Fonts LoadFonts(float size_px);

// Sets the touch-friendly style (paddings, rounding, colours) for a size.
void ApplyStyle(float size_px);

}  // namespace ui
