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

// Appends `value` with enough digits that parsing the text gives back the same
// double. Values with 1/128 <= |value| < 1024 (z-scores) take a fixed-point
// fast path with 18 decimals, trailing zeros dropped; others the shortest form.
void AppendRoundTrip(std::string& out, double value);

// Appends the shortest text that reads back as `value` (88.7, not 88.70000001).
void AppendShortest(std::string& out, double value);

}  // namespace cli
