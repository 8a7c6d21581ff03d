// The fast paths are exact: a decimal with at most 19 digits, mantissa below
// 2^53 and at most 22 decimals is mantissa / 10^k, one correctly rounded IEEE
// division of two exact doubles (Clinger's fast path). Printing multiplies the
// binary fraction by 10^18 in 128-bit integers and rounds once, an error of at
// most 5e-19, below half an ulp of any double >= 1/128, so it reads back exactly.
#include "number_text.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace cli {
namespace {

__extension__ typedef unsigned __int128 Uint128;  // GCC/Clang's 128-bit integer

constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// Writes exactly nine digits of `n` (< 10^9), two at a time.
void WriteNineDigits(char* out, std::uint32_t n) {
  static constexpr char kPairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  out[0] = static_cast<char>('0' + n / 100'000'000);
  n %= 100'000'000;
  for (int i = 7; i > 0; i -= 2) {
    std::memcpy(out + i, kPairs + 2 * (n % 100), 2);
    n /= 100;
  }
}

std::optional<double> ParseSlow(std::string_view text) {
  char buf[64];
  if (text.size() >= sizeof buf) return std::nullopt;
  std::copy(text.begin(), text.end(), buf);
  std::replace(buf, buf + text.size(), ',', '.');
  double value = 0;
  auto [end, ec] = std::from_chars(buf, buf + text.size(), value);
  if (ec != std::errc() || end != buf + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace

std::optional<double> ParseDecimal(std::string_view text) {
  if (text.empty()) return std::nullopt;
  size_t i = 0;
  if (text[0] == '+' || text[0] == '-') i = 1;
  const bool negative = text[0] == '-';
  std::uint64_t mantissa = 0;
  int digits = 0, decimals = -1;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      mantissa = mantissa * 10 + static_cast<unsigned>(c - '0');
      ++digits;
      if (decimals >= 0) ++decimals;
    } else if ((c == '.' || c == ',') && decimals < 0) {
      decimals = 0;
    } else {
      return ParseSlow(text.substr(text[0] == '+' ? 1 : 0));  // exponents, junk
    }
  }
  if (digits == 0) return std::nullopt;
  if (digits > 19 || mantissa > (std::uint64_t{1} << 53) || decimals > 22) {
    return ParseSlow(text.substr(text[0] == '+' ? 1 : 0));
  }
  const double value = static_cast<double>(mantissa) / kPow10[std::max(decimals, 0)];
  return negative ? -value : value;
}

void AppendShortest(std::string& out, double value) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, end);
}

void AppendRoundTrip(std::string& out, double value) {
  const double magnitude = std::fabs(value);
  if (!(magnitude >= 1.0 / 128 && magnitude < 1024)) {
    AppendShortest(out, value);
    return;
  }
  const std::uint64_t bits = std::bit_cast<std::uint64_t>(magnitude);
  const int shift = 1075 - static_cast<int>(bits >> 52);  // value = mantissa / 2^shift
  const std::uint64_t mantissa = (bits & ((std::uint64_t{1} << 52) - 1)) | (std::uint64_t{1} << 52);
  std::uint64_t whole = mantissa >> shift;
  const std::uint64_t fraction_bits = mantissa & ((std::uint64_t{1} << shift) - 1);
  constexpr std::uint64_t kScale = 1'000'000'000'000'000'000;  // 10^18
  const Uint128 scaled = static_cast<Uint128>(fraction_bits) * kScale;
  std::uint64_t fraction =
      static_cast<std::uint64_t>((scaled + (static_cast<Uint128>(1) << (shift - 1))) >> shift);
  if (fraction == kScale) {
    ++whole;
    fraction = 0;
  }
  char buf[40];
  char* p = buf;
  if (value < 0) *p++ = '-';
  p = std::to_chars(p, buf + sizeof buf, whole).ptr;
  if (fraction != 0) {
    *p++ = '.';
    char digits[18];
    WriteNineDigits(digits, static_cast<std::uint32_t>(fraction / 1'000'000'000));
    WriteNineDigits(digits + 9, static_cast<std::uint32_t>(fraction % 1'000'000'000));
    int length = 18;
    while (digits[length - 1] == '0') --length;
    std::memcpy(p, digits, length);
    p += length;
  }
  out.append(buf, p);
}

}  // namespace cli
