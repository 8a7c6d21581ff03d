// The large on-screen numeric keypad for numbers typed in the field
// (weights, lengths, PINs): decimal comma or point, erase, and nothing else.
#pragma once

#include <optional>
#include <string>

namespace ui {

// Draws the keypad and edits `text` when a key is pressed. Returns true when
// the text changed. Keys are probe-clickable as "key_0".."key_9", "key_comma",
// "key_back".
bool Keypad(std::string& text, bool decimals, size_t max_length, float width);

// Parses what the keypad typed ("12,4" or "12.4") as a number.
std::optional<double> ParseTyped(const std::string& text);

// A day number as people read it: "25 Nov 2026" (Indonesian month names in Indonesian).
std::string FormatDay(int day, bool indonesian);

// Formats a number for a field with a decimal comma in Indonesian, a point in English.
std::string FormatDecimal(double value, int decimals, bool comma);

}  // namespace ui
