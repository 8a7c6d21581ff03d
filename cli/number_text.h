// Fast, exact number text for the batch job: parsing plain decimals and
// printing z-scores so that they read back as the very same double.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cli {

// Parses a decimal number ("12.4", "-0,75", "1e3"; point or comma) into the
// nearest double, exactly as std::from_chars would. nullopt when the text is
// not a finite number.
std::optional<double> ParseDecimal(std::string_view text);

// The most characters the two writers below produce.
inline constexpr size_t kMaxNumberText = 32;

// Writes `value` at `out` with enough digits that parsing the text gives back
// the same double; returns the end. Values with 1/128 <= |value| < 1024
// (z-scores) take a fixed-point fast path with 17 significant digits, trailing
// zeros dropped; others the shortest form.
char* WriteRoundTrip(char* out, double value);

// Writes the shortest text that reads back as `value` (88.7, not 88.70000001).
char* WriteShortest(char* out, double value);

inline void AppendRoundTrip(std::string& out, double value) {
  char buf[kMaxNumberText];
  out.append(buf, WriteRoundTrip(buf, value));
}

inline void AppendShortest(std::string& out, double value) {
  char buf[kMaxNumberText];
  out.append(buf, WriteShortest(buf, value));
}

}  // namespace cli
