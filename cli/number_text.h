// Fast, exact number text for the batch job: parsing plain decimals and
// printing z-scores so that they read back as the very same double.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cli {

// Parses a decimal number ("12.4", "-0,75", "1e3"; point or comma) into the
// nearest double, exactly as std::from_chars would. nullopt when the text is
// not a finite number.
std::optional<double> ParseDecimal(std::string_view text);

namespace detail {
inline constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                    1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
}  // namespace detail

// Reads the plain decimal at `p` ("12.4", "-0,75", "+3") up to `end` or the
// first byte that cannot continue it, `stop` among them (a CSV delimiter: in
// "1,5;" with ';' the comma is a decimal point, with ',' it ends the number).
// Returns its end and sets `value` to the nearest double, as ParseDecimal; or
// returns nullptr when there is no number or it is beyond the exact fast path
// (over 19 digits or 22 decimals, or above 2^53), for ParseDecimal to read.
// Exact: mantissa / 10^k, one correctly rounded division of two exact doubles.
inline const char* ReadPlainDecimal(const char* p, const char* end, char stop, double& value) {
  const bool negative = p < end && *p == '-';
  if (p < end && (*p == '-' || *p == '+')) ++p;
  std::uint64_t mantissa = 0;
  int digits = 0, decimals = -1;
  for (; p < end; ++p) {
    const unsigned digit = static_cast<unsigned char>(*p) - unsigned{'0'};
    if (digit < 10) {
      mantissa = mantissa * 10 + digit;
      ++digits;
      decimals += decimals >= 0;
    } else if ((*p == '.' || *p == ',') && *p != stop && decimals < 0) {
      decimals = 0;
    } else {
      break;
    }
  }
  if (digits == 0 || digits > 19 || mantissa > (std::uint64_t{1} << 53) || decimals > 22) {
    return nullptr;
  }
  const double magnitude =
      static_cast<double>(mantissa) / detail::kPow10[decimals < 0 ? 0 : decimals];
  value = negative ? -magnitude : magnitude;
  return p;
}

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
