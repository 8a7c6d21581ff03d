// ConvertZscoreCsv on small inputs: columns in any order, pass-through,
// empty cells, the ways of giving age, and errors naming line and column.
#include <gtest/gtest.h>

#include <atomic>
#include <sstream>

#include "growth/status.h"
#include "text_source.h"
#include "zscore_csv.h"

namespace cli {
namespace {

struct Result {
  std::string error;
  std::string output;
};

Result Convert(std::string_view input, int threads = 2, size_t chunk_bytes = 256 * 1024,
               bool check_before_writing = true) {
  Result r;
  ZscoreCsvOptions options;
  options.threads = threads;
  options.chunk_bytes = chunk_bytes;
  options.check_before_writing = check_before_writing;
  r.error = ConvertZscoreCsv(input, options, [&](std::string_view s) { r.output.append(s); });
  return r;
}

std::vector<std::string> Split(const std::string& line, char d = ',') {
  std::vector<std::string> cells;
  std::stringstream ss(line);
  std::string cell;
  while (std::getline(ss, cell, d)) cells.push_back(cell);
  if (!line.empty() && line.back() == d) cells.emplace_back();
  return cells;
}

// Output rows as maps from column name to cell.
std::vector<std::map<std::string, std::string>> Table(const std::string& csv, char d = ',') {
  std::stringstream ss(csv);
  std::string line;
  std::getline(ss, line);
  const auto header = Split(line, d);
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(ss, line)) {
    const auto cells = Split(line, d);
    EXPECT_EQ(cells.size(), header.size()) << line;
    auto& row = rows.emplace_back();
    for (size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
  }
  return rows;
}

TEST(ZscoreCsv, WorkedValuesAnyColumnOrderWithPassThrough) {
  const auto r = Convert(
      "id,weight_kg,sex,age_days,lenhei_cm,measure,headc_cm,muac_cm,note\n"
      "A1,12,1,1000,88,h,48,15,first\n"
      "B2,7,f,200,65,L,42,13,\n");
  ASSERT_EQ(r.error, "");
  const auto rows = Table(r.output);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("id"), "A1");
  EXPECT_EQ(rows[0].at("note"), "first");
  EXPECT_NEAR(std::stod(rows[0].at("zlen")), -1.68, 0.005);
  EXPECT_NEAR(std::stod(rows[0].at("zwfl")), -0.42, 0.005);
  EXPECT_NEAR(std::stod(rows[1].at("zac")), -0.77, 0.005);
  EXPECT_EQ(rows[0].at("flen"), "0");
  EXPECT_EQ(rows[0].at("zts"), "");
  EXPECT_EQ(rows[0].at("fts"), "");
  EXPECT_EQ(rows[0].at("clenhei"), "88");
  EXPECT_EQ(rows[0].at("c9mo_flag"), "0");
  EXPECT_EQ(rows[0].at("status_tbu"), "normal");
  EXPECT_EQ(rows[1].at("status_bbtb"), "gizi baik");
}

TEST(ZscoreCsv, AgeFromMonthsOrDates) {
  const auto r = Convert(
      "sex,age_days,age_months,dob,date,weight_kg\n"
      "1,,12,,,9.6\n"
      "1,,,2024-01-01,2024-12-31,9.6\n"
      "1,365.25,,,,9.6\n");
  ASSERT_EQ(r.error, "");
  const auto rows = Table(r.output);
  EXPECT_EQ(rows[0].at("zwei"), rows[2].at("zwei"));  // 12 months = 365.25 days
  EXPECT_NE(rows[1].at("zwei"), "");                  // 365 days
}

TEST(ZscoreCsv, EveryCodeOfSexAndMeasure) {
  const auto r = Convert(
      "sex,age_days,weight_kg,lenhei_cm,measure\n"
      "1,400,9,75,l\nm,400,9,75,L\nM,400,9,75,l\n"
      "2,400,9,75,h\nf,400,9,75,H\nF,400,9,75,h\n"
      "1,400,9,75,\n");
  ASSERT_EQ(r.error, "");
  const auto rows = Table(r.output);
  ASSERT_EQ(rows.size(), 7u);
  for (int i : {1, 2}) EXPECT_EQ(rows[i].at("zwfl"), rows[0].at("zwfl"));
  for (int i : {4, 5}) EXPECT_EQ(rows[i].at("zwfl"), rows[3].at("zwfl"));
  EXPECT_NE(rows[0].at("zwfl"), rows[3].at("zwfl"));  // boy and girl
  EXPECT_EQ(rows[0].at("clenhei"), "75");             // lying under 2 years
  EXPECT_EQ(rows[3].at("clenhei"), "75.7");           // standing: + 0.7 cm
  EXPECT_EQ(rows[6].at("clenhei"), "75");             // no measure: as given
  for (const char* bad : {"sex,weight_kg\nmm,9\n", "sex,weight_kg\nx,9\n", "sex,measure\n1,lh\n",
                          "sex,measure\n1,s\n"}) {
    EXPECT_NE(Convert(bad).error, "") << bad;
  }
}

TEST(ZscoreCsv, EveryCodeOfOedema) {
  // With oedema there is no weight-based score, and the label says so.
  std::string input = "sex,age_days,weight_kg,oedema\n";
  for (const char* code : {"y", "Y", "1", "n", "N", "2", "", "NA"}) {
    input += std::string("1,400,9,") + code + "\n";
  }
  const auto r = Convert(input);
  ASSERT_EQ(r.error, "");
  const auto rows = Table(r.output);
  ASSERT_EQ(rows.size(), 8u);
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].at("zwei").empty(), i < 3) << i;
    EXPECT_EQ(rows[i].at("status_bbu") == "berat badan sangat kurang", i < 3) << i;
  }
  for (const char* bad : {"yes", "x", "0"}) {
    EXPECT_NE(Convert(std::string("sex,oedema\n1,") + bad + "\n").error, "") << bad;
  }
}

TEST(ZscoreCsv, EveryLabelFitsThePaddedCopy) {
  // The CLI copies each label with its delimiter as a fixed 32-byte block.
  for (int s = 0; s <= static_cast<int>(core::growth::Status::kObese); ++s) {
    for (auto language : {core::growth::Language::kIndonesian, core::growth::Language::kEnglish}) {
      EXPECT_LT(core::growth::StatusText(static_cast<core::growth::Status>(s), language).size(),
                32u);
    }
  }
}

TEST(ZscoreCsv, MissingCellsGiveEmptyScores) {
  const auto r = Convert("sex,age_days,weight_kg,lenhei_cm\n2,400,,\n,400,9,75\n1,NA,9,75\n");
  ASSERT_EQ(r.error, "");
  const auto rows = Table(r.output);
  EXPECT_EQ(rows[0].at("zwei"), "");
  EXPECT_EQ(rows[0].at("cbmi"), "");
  EXPECT_EQ(rows[1].at("zlen"), "");  // no sex
  EXPECT_EQ(rows[2].at("zlen"), "");  // no age
  EXPECT_NE(rows[2].at("zwfl"), "");  // no age: weight-for-length still exists
  EXPECT_EQ(rows[2].at("status_tbu"), "");
}

TEST(ZscoreCsv, NumbersRoundTripExactly) {
  const auto r = Convert("sex,age_days,weight_kg\n1,300,8.123456789\n");
  const auto rows = Table(r.output);
  const std::string z = rows[0].at("zwei");
  EXPECT_EQ(std::to_string(std::stod(z)).substr(0, 6), z.substr(0, 6));
  EXPECT_GT(z.size(), 12u);  // the full double, not 2 decimals
}

TEST(ZscoreCsv, SemicolonAndDecimalComma) {
  const auto r = Convert("sex;age_days;weight_kg\n1;1000;12,0\n");
  ASSERT_EQ(r.error, "");
  const auto rows = Table(r.output, ';');
  EXPECT_NEAR(std::stod(rows[0].at("zwei")), -1.18, 0.005);
}

TEST(ZscoreCsv, ThreadCountDoesNotChangeOutput) {
  std::string input = "sex,age_days,weight_kg,lenhei_cm,measure\n";
  for (int i = 0; i < 3000; ++i) {
    input += std::to_string(1 + i % 2) + "," + std::to_string(i % 1900) + "," +
             std::to_string(3 + (i % 170) / 10.0) + "," + std::to_string(50 + i % 60) + "," +
             (i % 3 ? "l" : "h") + "\n";
  }
  EXPECT_EQ(Convert(input, 1).output, Convert(input, 2).output);
  EXPECT_EQ(Convert(input, 1).output, Convert(input, 5).output);
}

TEST(ZscoreCsv, ChunkSizeDoesNotChangeOutput) {
  // Rows go out in input order however small the chunks the threads take,
  // with quoted fields (line breaks inside) and without.
  for (const bool quoted : {false, true}) {
    std::string input = "id,sex,age_days,weight_kg\n";
    for (int i = 0; i < 2000; ++i) {
      input += (quoted && i % 7 == 0 ? "\"C" + std::to_string(i) + "\nnote\"" : std::to_string(i)) +
               "," + std::to_string(1 + i % 2) + "," + std::to_string(i % 1800) + "," +
               std::to_string(3 + (i % 150) / 10.0) + "\n";
    }
    const Result whole = Convert(input, 1, 1 << 30);
    ASSERT_EQ(whole.error, "");
    for (size_t chunk_bytes : {1, 100, 4096}) {
      EXPECT_EQ(Convert(input, 3, chunk_bytes).output, whole.output) << chunk_bytes;
      EXPECT_EQ(Convert(input, 2, chunk_bytes, false).output, whole.output) << chunk_bytes;
    }
  }
}

TEST(ZscoreCsv, ErrorLineIsRightInAnyThreadsSlice) {
  std::string input = "sex,weight_kg\r\n";
  for (int i = 0; i < 5000; ++i) input += i == 4321 || i == 4800 ? "1,ten\r\n" : "2,9.5\r\n";
  // Many threads on tiny chunks: those past the problem must not leave the
  // writer waiting for a piece that never comes.
  for (int threads : {1, 2, 3, 8}) {
    for (size_t chunk_bytes : {1, 1000, 1 << 20}) {
      for (bool check_first : {true, false}) {
        EXPECT_EQ(Convert(input, threads, chunk_bytes, check_first).error,
                  "line 4323, column weight_kg: 'ten' is not a number");
      }
    }
  }
}

TEST(ZscoreCsv, LineOfAnErrorAfterQuotedLineBreaks) {
  std::string input = "sex,note,weight_kg\n";
  for (int i = 0; i < 300; ++i) input += "1,\"two\nlines\",9.5\n";
  input += "1,x,ten\n";  // starts on line 2 + 600
  for (size_t chunk_bytes : {1, 50, 1 << 20}) {
    EXPECT_EQ(Convert(input, 2, chunk_bytes).error,
              "line 602, column weight_kg: 'ten' is not a number");
  }
}

TEST(ZscoreCsv, QuotedAndPlainRecordsReadCellsAlike) {
  // A chunk without quotes takes the fast path (plain decimals read while
  // splitting); a quote anywhere sends it through the CSV reader. Every cell
  // form must give the same scores both ways.
  const std::vector<std::string> weights = {"9.5", " 9.5 ", "+9.5", "9,5",   "95e-1", "NA",
                                            "",    "-1",    "0",    "09.50", "9.500", ".95e1"};
  for (const char delimiter : {',', ';'}) {
    const std::string d(1, delimiter);
    std::string plain = "id" + d + "sex" + d + "age_days" + d + "weight_kg\n";
    std::string quoted = plain;
    for (size_t i = 0; i < weights.size(); ++i) {
      std::string weight = weights[i];
      if (delimiter == ',' && weight == "9,5") weight = "9.5";
      const std::string rest = d + "1" + d + "300" + d + weight + "\n";
      plain += "x" + rest;
      quoted += "\"x\"" + rest;
    }
    const Result a = Convert(plain), b = Convert(quoted);
    ASSERT_EQ(a.error, "");
    ASSERT_EQ(b.error, "");
    const auto rows_a = Table(a.output, delimiter), rows_b = Table(b.output, delimiter);
    ASSERT_EQ(rows_a.size(), weights.size());
    for (size_t i = 0; i < weights.size(); ++i) {
      EXPECT_EQ(rows_a[i].at("zwei"), rows_b[i].at("zwei")) << weights[i];
      EXPECT_EQ(rows_a[i].at("cbmi"), rows_b[i].at("cbmi")) << weights[i];
    }
    EXPECT_NE(rows_a[0].at("zwei"), "");
    for (size_t i = 0; i < weights.size(); ++i) {
      const bool is_9_5 =
          !(weights[i] == "NA" || weights[i].empty() || weights[i] == "-1" || weights[i] == "0");
      EXPECT_EQ(rows_a[i].at("zwei"), is_9_5 ? rows_a[0].at("zwei") : "") << weights[i];
    }
  }
}

TEST(ZscoreCsv, StrayQuoteIsReportedOnItsLineWhateverTheChunks) {
  // The stray quote flips the quote count the cutting follows: chunks after
  // it may be cut inside records, but the chunk that holds it reports first.
  std::string input = "sex,note,weight_kg\n";
  for (int i = 0; i < 400; ++i) input += i == 250 ? "1,ab\"c,9.5\n" : "1,x,9.5\n";
  for (int threads : {1, 2, 4}) {
    for (size_t chunk_bytes : {1, 64, 1000, 1 << 20}) {
      for (bool check_first : {true, false}) {
        EXPECT_EQ(Convert(input, threads, chunk_bytes, check_first).error,
                  "line 252: a quote inside an unquoted field")
            << threads << " " << chunk_bytes;
      }
    }
  }
}

// Text whose reads of byte `bad` fail, as on a bad disk block: every time
// (a first pass meets it), or from the second time on (only the writing pass
// does, after the check found it fine).
class FailingSource final : public TextSource {
 public:
  FailingSource(std::string_view text, size_t bad, bool first_read_works)
      : text_(text), bad_(bad), reads_left_(first_read_works ? 1 : 0) {}
  size_t size() const override { return text_.size(); }
  bool Read(size_t offset, size_t n, char* out, std::string& error) const override {
    if (offset <= bad_ && bad_ < offset + n && reads_left_-- <= 0) {
      error = "Input/output error";
      return false;
    }
    return StringSource(text_).Read(offset, n, out, error);
  }

 private:
  std::string_view text_;
  size_t bad_;
  mutable std::atomic<int> reads_left_;
};

TEST(ZscoreCsv, ReadErrorStopsTheJobAndSaysSo) {
  std::string input = "sex,weight_kg\n";
  for (int i = 0; i < 20000; ++i) input += "2,9.5\n";
  // Many threads on small chunks: those waiting to write must not wait for
  // the chunk that could not be read, while the chunks after it can be.
  for (const size_t bad : {size_t{5}, input.size() / 2, input.size() - 3}) {
    for (const bool first_read_works : {false, true}) {
      if (bad < 14 && first_read_works) continue;  // the header is read once
      for (int threads : {1, 2, 8}) {
        for (bool check_first : {true, false}) {
          ZscoreCsvOptions options;
          options.threads = threads;
          options.chunk_bytes = 64;
          options.check_before_writing = check_first;
          std::string output;
          const std::string error =
              ConvertZscoreCsv(FailingSource(input, bad, first_read_works), options,
                               [&](std::string_view s) { output.append(s); });
          EXPECT_EQ(error, "cannot read the input: Input/output error")
              << bad << " " << first_read_works << " " << threads << " " << check_first;
        }
      }
    }
  }
}

TEST(ZscoreCsv, HeaderLongerThanTheFirstRead) {
  // The header is read in a first block of 64 KiB, grown until it holds the
  // whole header line.
  const std::string long_name(100'000, 'n');
  const std::string input = "\"" + long_name + "\",sex,age_days,weight_kg\nx,1,300,9.5\n";
  const Result r = Convert(input, 2, 16);
  ASSERT_EQ(r.error, "");
  const auto rows = Table(r.output);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("\"" + long_name + "\""), "x");
  EXPECT_NE(rows[0].at("zwei"), "");

  // A header line whose "\r\n" straddles the end of the first block: the
  // body still starts after it, and lines are still counted right.
  std::string header = "sex,age_days,weight_kg,";
  header += std::string(64 * 1024 - 1 - header.size(), 'p');
  const std::string crlf = header + "\r\n1,300,9.5,x\r\n1,300,ten,x\r\n";
  EXPECT_EQ(Convert(crlf, 2, 16).error, "line 3, column weight_kg: 'ten' is not a number");
}

TEST(ZscoreCsv, HeaderNameWithDoubledQuotes) {
  // The reader unescapes such a name into its own storage: the header's names
  // must outlive it (found by fuzz/zscore_csv_fuzz.cpp: a use after free).
  const Result r =
      Convert("\"Nama \"\"panggilan\"\"\",sex,\"we\"\"ight\",age_days,weight_kg\nSiti,2,x,400,9\n");
  ASSERT_EQ(r.error, "");
  const auto rows = Table(r.output);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("sex"), "2");
  EXPECT_NE(rows[0].at("zwei"), "");
}

TEST(ZscoreCsv, BadInputNamesLineAndColumnAndWritesNothing) {
  struct Case {
    const char* input;
    const char* expected;
  };
  for (const Case& c : {
           Case{"sex,weight_kg\n1,10\n3,10\n", "line 3, column sex: '3'"},
           Case{"sex,weight_kg\n1,10\n1,abc\n", "line 3, column weight_kg: 'abc' is not a number"},
           Case{"sex,measure\n1,x\n", "line 2, column measure"},
           Case{"sex,oedema\n1,maybe\n", "line 2, column oedema"},
           Case{"sex,dob,date\n1,2024-02-30,2024-03-01\n", "line 2, column dob"},
           Case{"sex,weight_kg\n1,10,5\n", "line 2: 3 fields, but the header has 2"},
           Case{"sex,weight_kg\n1,\"10\n", "line 2: a quoted field is never closed"},
           Case{"weight_kg\n10\n", "no 'sex' column"},
           Case{"", "empty"},
       }) {
    const auto r = Convert(c.input);
    EXPECT_NE(r.error.find(c.expected), std::string::npos) << c.input << " -> " << r.error;
    EXPECT_EQ(r.output, "") << c.input;
  }
}

}  // namespace
}  // namespace cli
