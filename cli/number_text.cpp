// The fast paths are exact: a decimal with at most 19 digits, mantissa below
// 2^53 and at most 22 decimals is mantissa / 10^k, one correctly rounded IEEE
// division of two exact doubles (Clinger's fast path). Printing multiplies the
// exact binary value by 10^(16 - floor(log10 |v|)) in 128-bit integers and
// rounds once: 17 significant digits, an error of at most 5e-17 |v|, below half
// an ulp of any double, so the text reads back as the same double.
#include "number_text.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace cli {
namespace {

__extension__ typedef unsigned __int128 Uint128;  // GCC/Clang's 128-bit integer

constexpr std::uint64_t kPow10Int[] = {1,
                                       10,
                                       100,
                                       1000,
                                       10000,
                                       100000,
                                       1000000,
                                       10000000,
                                       100000000,
                                       1000000000,
                                       10000000000,
                                       100000000000,
                                       1000000000000,
                                       10000000000000,
                                       100000000000000,
                                       1000000000000000,
                                       10000000000000000,
                                       100000000000000000,
                                       1000000000000000000,
                                       10000000000000000000u};

#if defined(__SSE2__)
// Writes the 16 digits of `n` (< 10^16), leading zeros kept, and returns how
// many of them at the end are zeros. SSE2 splits every lane at once: the two
// halves of 8 digits into four 4-digit lanes (x / 10^4 = x * 109951163 >> 40
// for x < 10^8), then eight 2-digit ones (x / 100 = x * 5243 >> 19 for
// x < 10^4), then sixteen digits (x / 10 = x * 6554 >> 16 for x < 100): 4x
// fewer steps than digit pairs from a table.
int WriteSixteenDigits(char* out, std::uint64_t n) {
  constexpr std::uint64_t kEight = 100'000'000;
  const __m128i eights =
      _mm_set_epi64x(static_cast<long long>(n % kEight), static_cast<long long>(n / kEight));
  const __m128i fours_high = _mm_srli_epi64(_mm_mul_epu32(eights, _mm_set1_epi32(109951163)), 40);
  const __m128i fours_low = _mm_sub_epi32(eights, _mm_mul_epu32(fours_high, _mm_set1_epi32(10000)));
  const __m128i fours = _mm_or_si128(fours_high, _mm_slli_epi64(fours_low, 32));
  const __m128i twos_high = _mm_srli_epi16(_mm_mulhi_epu16(fours, _mm_set1_epi32(5243)), 3);
  const __m128i twos_low = _mm_sub_epi16(fours, _mm_mullo_epi16(twos_high, _mm_set1_epi32(100)));
  const __m128i twos = _mm_or_si128(twos_high, _mm_slli_epi32(twos_low, 16));
  const __m128i ones_high = _mm_mulhi_epu16(twos, _mm_set1_epi16(6554));
  const __m128i ones_low = _mm_sub_epi16(twos, _mm_mullo_epi16(ones_high, _mm_set1_epi16(10)));
  const __m128i digits =
      _mm_add_epi8(_mm_or_si128(ones_high, _mm_slli_epi16(ones_low, 8)), _mm_set1_epi8('0'));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), digits);
  const auto zeros =
      static_cast<std::uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(digits, _mm_set1_epi8('0'))));
  return std::countl_one(zeros);
}
#else
constexpr char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

// Digits are put together in registers and stored once: reading back bytes
// just stored piecemeal would stall the CPU's store forwarding.
static_assert(std::endian::native == std::endian::little);  // first char = lowest byte
constexpr std::uint64_t kZeros = 0x3030303030303030;        // "00000000"

std::uint64_t DigitPair(std::uint32_t n) {  // n < 100
  std::uint16_t pair;
  std::memcpy(&pair, kDigitPairs + 2 * n, 2);
  return pair;
}

// The eight digits of `n` (< 10^8), leading zeros kept, as the bytes of a word.
std::uint64_t EightDigits(std::uint32_t n) {
  const std::uint32_t high = n / 10000, low = n % 10000;
  return DigitPair(high / 100) | DigitPair(high % 100) << 16 | DigitPair(low / 100) << 32 |
         DigitPair(low % 100) << 48;
}

int WriteSixteenDigits(char* out, std::uint64_t n) {
  constexpr std::uint64_t kEight = 100'000'000;
  const std::uint64_t first = EightDigits(static_cast<std::uint32_t>(n / kEight));
  const std::uint64_t last = EightDigits(static_cast<std::uint32_t>(n % kEight));
  std::memcpy(out, &first, 8);
  std::memcpy(out + 8, &last, 8);
  // A '0' byte xor "0" is 0, and the last char is the highest byte.
  if (last != kZeros) return std::countl_zero(last ^ kZeros) / 8;
  if (first != kZeros) return 8 + std::countl_zero(first ^ kZeros) / 8;
  return 16;
}
#endif

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
  double value;
  const char* end = text.data() + text.size();
  if (const char* read = ReadPlainDecimal(text.data(), end, '\0', value);
      read != nullptr && read == end) {
    return value;
  }
  // from_chars takes no '+', and a second sign ("+-5") is junk.
  if (text.starts_with('+')) {
    text.remove_prefix(1);
    if (text.starts_with('+') || text.starts_with('-')) return std::nullopt;
  }
  return ParseSlow(text);  // exponents, long numbers, junk
}

char* WriteShortest(char* out, double value) {
  // Measurements (clenhei: a length with one decimal, +-0.7) are mostly
  // numbers of a few decimals, and std::to_chars's general search for the
  // shortest digits costs about 43 ns. Below 10^4 with at most 3 decimals, the
  // first n / 10^k that divides back to the very double is the shortest text
  // (a double there is unique to well beyond 3 decimals) and the one
  // std::to_chars prints: fixed notation is the shorter there too.
  const double magnitude = std::fabs(value);
  if (magnitude >= 1 && magnitude < 10000) {
    for (int decimals = 0; decimals <= 3; ++decimals) {
      const double unit = static_cast<double>(kPow10Int[decimals]);
      const auto n = static_cast<std::uint32_t>(magnitude * unit + 0.5);  // < 10^7
      if (static_cast<double>(n) / unit != magnitude) continue;
      *out = '-';
      out += value < 0;
      char digits[12];
      char* end = std::to_chars(digits, digits + sizeof digits, n).ptr;
      const auto whole = static_cast<size_t>(end - digits - decimals);  // >= 1: n >= 10^decimals
      std::memcpy(out, digits, whole);
      if (decimals == 0) return out + whole;
      out[whole] = '.';
      std::memcpy(out + whole + 1, digits + whole, static_cast<size_t>(decimals));
      return out + whole + 1 + decimals;
    }
  }
  return std::to_chars(out, out + kMaxNumberText, value).ptr;
}

char* WriteRoundTrip(char* out, double value) {
  const double magnitude = std::fabs(value);
  if (!(magnitude >= 1.0 / 128 && magnitude < 1024)) return WriteShortest(out, value);
  int exponent10 = -3;  // floor(log10(magnitude)), -3 to 3
  for (double power : {1e-2, 1e-1, 1e0, 1e1, 1e2, 1e3}) exponent10 += magnitude >= power;
  // The 17 significant digits: magnitude * 10^(16 - exponent10), rounded
  // once, in [10^16, 10^17) (no double is close enough below a power of ten
  // to round up to the next).
  const std::uint64_t bits = std::bit_cast<std::uint64_t>(magnitude);
  const int shift = 1075 - static_cast<int>(bits >> 52);  // magnitude = mantissa / 2^shift
  const std::uint64_t mantissa = (bits & ((std::uint64_t{1} << 52) - 1)) | (std::uint64_t{1} << 52);
  const Uint128 scaled = static_cast<Uint128>(mantissa) * kPow10Int[16 - exponent10];
  const std::uint64_t digits =
      static_cast<std::uint64_t>((scaled + (static_cast<Uint128>(1) << (shift - 1))) >> shift);
  const std::uint64_t first = digits / kPow10Int[16];
  char text[32] = {};
  text[0] = static_cast<char>('0' + first);
  const int trailing_zeros = WriteSixteenDigits(text + 1, digits - first * kPow10Int[16]);

  // Fixed-size copies put the point in: no branch on how long the parts are.
  *out = '-';
  out += value < 0;
  if (exponent10 < 0) {  // 0.0xyz: "0." and -exponent10 - 1 zeros first
    std::memcpy(out, "0.00", 4);
    out += 1 - exponent10;
    std::memcpy(out, text, 17);
    return out + 17 - trailing_zeros;
  }
  const int whole = exponent10 + 1;  // digits before the point, 1 to 4
  std::memcpy(out, text, 4);
  out[whole] = '.';
  std::memcpy(out + whole + 1, text + whole, 16);
  const int decimals = 17 - whole - std::min(trailing_zeros, 17 - whole);
  return decimals == 0 ? out + whole : out + whole + 1 + decimals;
}

}  // namespace cli
