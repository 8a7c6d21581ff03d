// The keypad's number text (ui::ParseTyped), as the measure screen turns it
// into grams (x 1000, rounded) and millimetres (x 10). Checks: everything the
// keypad can type (digits, one comma, at most 6 characters) parses, to the
// grams and millimetres its decimal value rounds to; and where the CSV
// reader's number parser (cli::ParseDecimal) also takes a text, both read the
// same double (each claims the nearest one).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "number_text.h"
#include "ui/keypad.h"

namespace {

// Text the keypad (app/ui/keypad.cpp) can produce in a field of 6 characters.
bool KeypadCanType(const std::string& text) {
  if (text.empty() || text.size() > 6 || text[0] == ',') return false;
  int commas = 0;
  for (char c : text) {
    if (c == ',') {
      ++commas;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return commas <= 1;
}

// The typed value times `unit`, rounded as the screen does, is within half a
// unit of the exact decimal value (exactly it when that is a whole number).
void CheckUnits(const std::string& text, double value, long unit) {
  long whole = 0, fraction = 0, scale = 1;
  bool after_comma = false;
  for (char c : text) {
    if (c == ',') {
      after_comma = true;
    } else if (after_comma) {
      fraction = fraction * 10 + (c - '0');
      scale *= 10;
    } else {
      whole = whole * 10 + (c - '0');
    }
  }
  const long rounded = std::lround(value * static_cast<double>(unit));
  // exact = whole * unit + fraction * unit / scale; compare rounded * scale with it.
  const long exact_scaled = whole * unit * scale + fraction * unit;
  const long diff = rounded * scale - exact_scaled;
  if (exact_scaled % scale == 0) {
    FUZZ_CHECK(diff == 0, "a whole number of units is exact");
  } else {
    FUZZ_CHECK(2 * std::labs(diff) <= scale, "rounded to a neighbouring unit");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto typed = ui::ParseTyped(text);
  if (KeypadCanType(text)) {
    FUZZ_CHECK(typed.has_value(), "all the keypad types parses");
    FUZZ_CHECK(*typed >= 0 && std::isfinite(*typed), "a typed number is finite and not negative");
    CheckUnits(text, *typed, 1000);  // kg to grams
    CheckUnits(text, *typed, 10);    // cm to mm
  }
  const auto decimal = cli::ParseDecimal(text);
  if (typed && decimal) {
    FUZZ_CHECK(*typed == *decimal, "the keypad and the CSV reader read the same number");
  }
  return 0;
}
