// The fast number paths must agree exactly with std::from_chars / to_chars.
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <random>
#include <vector>

#include "number_text.h"

namespace cli {
namespace {

double ReadBack(const std::string& text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  EXPECT_EQ(ec, std::errc()) << text;
  EXPECT_EQ(end, text.data() + text.size()) << text;
  return value;
}

TEST(AppendRoundTrip, EveryDoubleReadsBackExactly) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> log_magnitude(-12, 12);
  for (int i = 0; i < 1'000'000; ++i) {
    double value = std::exp2(log_magnitude(rng));
    if (i % 2) value = -value;
    std::string text;
    AppendRoundTrip(text, value);
    ASSERT_EQ(ReadBack(text), value) << text;
  }
}

TEST(AppendRoundTrip, EdgesOfTheFastPath) {
  for (double value : {1.0 / 128, std::nextafter(1.0 / 128, 0.0), 1023.9999999999999, 1024.0, 0.0,
                       -0.0, 1.0, -2.5, 0.9999999999999999, 5e-324, 1.7976931348623157e308}) {
    std::string text;
    AppendRoundTrip(text, value);
    EXPECT_EQ(ReadBack(text), value) << text;
  }
  std::string text;
  AppendRoundTrip(text, -3.0);
  EXPECT_EQ(text, "-3");
  text.clear();
  AppendRoundTrip(text, 0.5);
  EXPECT_EQ(text, "0.5");
}

TEST(AppendRoundTrip, TrailingZerosGoWhereverTheyStart) {
  // Exact binary fractions end in zeros at every position of the 19 digits
  // after the point the printer makes (3, then 16 in two halves).
  for (const auto& [value, expected] : std::vector<std::pair<double, std::string>>{
           {1.125, "1.125"},
           {-1.00048828125, "-1.00048828125"},        // 1 + 2^-11: ends in the first half
           {1.000030517578125, "1.000030517578125"},  // 1 + 2^-15: in the second half
           {0.0078125, "0.0078125"},
           {12.5, "12.5"},
           {1.0000009536743164, "1.0000009536743164"},  // 1 + 2^-20: all 17 digits
       }) {
    std::string text;
    AppendRoundTrip(text, value);
    EXPECT_EQ(text, expected);
  }
}

TEST(AppendShortest, NiceNumbersStayNice) {
  std::string text;
  AppendShortest(text, 88.7);
  EXPECT_EQ(text, "88.7");
}

TEST(AppendShortest, SameTextAsToChars) {
  // The few-decimals fast path must print what std::to_chars prints:
  // lengths +-0.7 (clenhei), whole numbers, 1 to 3 decimals, and the rest.
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<double> values = {1.0, 0.999, 9999.999, 9999.9995, 10000.0, 1e-3, 1.0005, 1e5, 0.0};
  for (int tenths = 450; tenths <= 1300; ++tenths) {
    for (double shift : {0.0, 0.7, -0.7}) values.push_back(tenths / 10.0 + shift);
  }
  for (int i = 0; i < 100'000; ++i) {
    const double x = unit(rng) * 10000;
    for (double scale : {1.0, 10.0, 100.0, 1000.0}) values.push_back(std::round(x * scale) / scale);
    values.push_back(x);
  }
  for (const double value : values) {
    for (const double signed_value : {value, -value}) {
      char expected[64];
      *std::to_chars(expected, expected + sizeof expected, signed_value).ptr = '\0';
      std::string text;
      AppendShortest(text, signed_value);
      ASSERT_EQ(text, expected);
    }
  }
}

TEST(ParseDecimal, SameDoubleAsFromChars) {
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<std::uint64_t> mantissa(0, 99'999'999'999'999);
  std::uniform_int_distribution<int> decimals(0, 16);
  for (int i = 0; i < 200'000; ++i) {
    std::string digits = std::to_string(mantissa(rng));
    const int k = std::min<int>(decimals(rng), static_cast<int>(digits.size()));
    digits.insert(digits.size() - k, ".");
    if (i % 3 == 0) digits.insert(0, "-");
    ASSERT_EQ(ParseDecimal(digits).value(), ReadBack(digits)) << digits;
  }
}

TEST(ReadPlainDecimal, StopsAtTheDelimiterOrWhatCannotContinue) {
  const auto read = [](std::string_view text, char stop) {
    double value = -1;
    const char* end = ReadPlainDecimal(text.data(), text.data() + text.size(), stop, value);
    return std::pair(end == nullptr ? -1 : end - text.data(), value);
  };
  EXPECT_EQ(read("1,5;x", ';'), std::pair(3L, 1.5));
  EXPECT_EQ(read("1,5;x", ','), std::pair(1L, 1.0));
  EXPECT_EQ(read("-12.25kg", ','), std::pair(6L, -12.25));
  EXPECT_EQ(read("+7\n", ','), std::pair(2L, 7.0));
  EXPECT_EQ(read(",5", ';'), std::pair(2L, 0.5));
  for (std::string_view none : {"", "-", ".", "NA", " 5", "12345678901234567890"}) {
    EXPECT_EQ(read(none, ',').first, -1) << none;
  }
}

TEST(ReadPlainDecimal, SameAsAPlainScanOnRandomText) {
  // Cells of digits, points, commas, signs and junk, followed by more text
  // (the 8-byte word reader) or not (the character loop): the end and the
  // value must be what a plain scan and std::from_chars give.
  std::mt19937_64 rng(13);
  const std::string_view junk = "..,,;-+ eNA\n";
  for (int i = 0; i < 1'000'000; ++i) {
    std::string text;
    const int length = static_cast<int>(rng() % 12);
    for (int j = 0; j < length; ++j) {
      text += rng() % 3 ? static_cast<char>('0' + rng() % 10) : junk[rng() % junk.size()];
    }
    text += std::string(rng() % 10, 'x');
    const char stop = rng() % 2 ? ',' : ';';

    // The plain scan: a sign, digits with at most one point, up to the rest.
    size_t at = text.starts_with('-') || text.starts_with('+') ? 1 : 0;
    std::string number = text.starts_with('-') ? "-" : "";
    bool point = false, any_digit = false;
    for (; at < text.size(); ++at) {
      const char c = text[at];
      if (c >= '0' && c <= '9') {
        number += c;
        any_digit = true;
      } else if ((c == '.' || c == ',') && c != stop && !point) {
        number += '.';
        point = true;
      } else {
        break;
      }
    }
    double value = -1;
    const char* end = ReadPlainDecimal(text.data(), text.data() + text.size(), stop, value);
    if (!any_digit) {
      ASSERT_EQ(end, nullptr) << text;
      continue;
    }
    ASSERT_EQ(end, text.data() + at) << text;
    if (number.ends_with('.')) number.pop_back();
    ASSERT_EQ(value, ReadBack(number)) << text;
  }
}

TEST(ParseDecimal, CommasExponentsAndJunk) {
  EXPECT_EQ(ParseDecimal("12,5"), 12.5);
  EXPECT_EQ(ParseDecimal("+7"), 7.0);
  EXPECT_EQ(ParseDecimal("1e3"), 1000.0);
  EXPECT_EQ(ParseDecimal(".5"), 0.5);
  EXPECT_EQ(ParseDecimal("12345678901234567890.5"), 12345678901234567890.5);
  EXPECT_EQ(ParseDecimal(std::string_view()), std::nullopt);
  for (const char* bad : {"", "-", ".", "1.2.3", "abc", "6..1", "inf", "nan", "1e999", "12kg", "+",
                          "+-5", "-+5", "1,5,"}) {
    EXPECT_FALSE(ParseDecimal(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace cli
