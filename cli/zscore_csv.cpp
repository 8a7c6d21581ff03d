// ConvertZscoreCsv: pass 1 reads and validates every row into a Measurement
// (single thread: CSV quoting is sequential); pass 2 assesses and formats the
// rows on several threads, each into its own buffer, written out in order.
#include "zscore_csv.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <thread>
#include <vector>

#include "csv/csv_reader.h"
#include "growth/zscore.h"
#include "number_text.h"
#include "util/civil_date.h"

namespace cli {
namespace {

using core::growth::Assessment;
using core::growth::Indicator;
using core::growth::Measurement;

enum Column : int {
  kSex,
  kAgeDays,
  kAgeMonths,
  kDob,
  kDate,
  kWeight,
  kLenhei,
  kMeasure,
  kHeadc,
  kMuac,
  kTriskin,
  kSubskin,
  kOedema,
  kColumnCount
};
constexpr std::string_view kColumnNames[kColumnCount] = {
    "sex",     "age_days", "age_months", "dob",        "date",       "weight_kg", "lenhei_cm",
    "measure", "headc_cm", "muac_cm",    "triskin_mm", "subskin_mm", "oedema"};

constexpr std::string_view kOutputHeader =
    "clenhei,cbmi,c9mo_flag,zlen,flen,zwei,fwei,zwfl,fwfl,zbmi,fbmi,zhc,fhc,zac,fac,zts,fts,zss,"
    "fss,status_tbu,status_bbu,status_bbtb,status_imtu";

struct Row {
  Measurement measurement;
  std::string_view raw;  // the input record, passed through unchanged
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsMissing(std::string_view cell) {
  return cell.empty() || cell == "NA";
}

struct RowParser {
  int column_of[kColumnCount];  // index in the record, or -1
  size_t field_count;
  std::string error;

  bool Fail(int line, Column column, std::string_view cell, std::string_view why) {
    error = "line " + std::to_string(line) + ", column " + std::string(kColumnNames[column]) +
            ": '" + std::string(cell) + "' " + std::string(why);
    return false;
  }

  // Missing cells leave `value` as it is (NaN).
  bool Number(const std::vector<std::string_view>& f, int line, Column c, double& value) {
    if (column_of[c] < 0) return true;
    const std::string_view cell = Trim(f[column_of[c]]);
    if (IsMissing(cell)) return true;
    const auto parsed = ParseDecimal(cell);
    if (!parsed) return Fail(line, c, cell, "is not a number");
    value = *parsed;
    return true;
  }

  std::string_view Cell(const std::vector<std::string_view>& f, Column c) {
    return column_of[c] < 0 ? std::string_view() : Trim(f[column_of[c]]);
  }

  bool Parse(const std::vector<std::string_view>& f, int line, Measurement& m) {
    using core::growth::Age;
    using core::growth::Posture;
    using core::growth::Sex;

    const std::string_view sex = Cell(f, kSex);
    if (sex == "1" || sex == "m" || sex == "M") {
      m.sex = Sex::kMale;
    } else if (sex == "2" || sex == "f" || sex == "F") {
      m.sex = Sex::kFemale;
    } else if (!IsMissing(sex)) {
      return Fail(line, kSex, sex, "is not a sex (1/2, m/f, M/F)");
    }

    double age_days = core::growth::kMissing, age_months = core::growth::kMissing;
    if (!Number(f, line, kAgeDays, age_days) || !Number(f, line, kAgeMonths, age_months)) {
      return false;
    }
    const std::string_view dob = Cell(f, kDob), date = Cell(f, kDate);
    std::optional<int> dob_day, date_day;
    if (!IsMissing(dob) && !(dob_day = core::ParseIsoDate(dob))) {
      return Fail(line, kDob, dob, "is not a date (YYYY-MM-DD)");
    }
    if (!IsMissing(date) && !(date_day = core::ParseIsoDate(date))) {
      return Fail(line, kDate, date, "is not a date (YYYY-MM-DD)");
    }
    if (!std::isnan(age_days)) {
      m.age = Age::FromDays(age_days);
    } else if (!std::isnan(age_months)) {
      m.age = Age::FromMonths(age_months);
    } else if (dob_day && date_day) {
      m.age = Age::FromDays(*date_day - *dob_day);
    }

    if (!Number(f, line, kWeight, m.weight_kg) || !Number(f, line, kLenhei, m.length_height_cm) ||
        !Number(f, line, kHeadc, m.head_circumference_cm) ||
        !Number(f, line, kMuac, m.arm_circumference_cm) ||
        !Number(f, line, kTriskin, m.triceps_skinfold_mm) ||
        !Number(f, line, kSubskin, m.subscapular_skinfold_mm)) {
      return false;
    }

    const std::string_view measure = Cell(f, kMeasure);
    if (measure == "l" || measure == "L") {
      m.posture = Posture::kLying;
    } else if (measure == "h" || measure == "H") {
      m.posture = Posture::kStanding;
    } else if (!IsMissing(measure)) {
      return Fail(line, kMeasure, measure, "is not a measure (l = lying, h = standing)");
    }

    const std::string_view oedema = Cell(f, kOedema);
    if (oedema == "y" || oedema == "Y" || oedema == "1") {
      m.oedema = true;
    } else if (!(IsMissing(oedema) || oedema == "n" || oedema == "N" || oedema == "2")) {
      return Fail(line, kOedema, oedema, "is not oedema (y/n)");
    }
    return true;
  }
};

void AppendScore(std::string& out, const core::growth::Score& score, char d) {
  out.push_back(d);
  if (score.exists()) AppendRoundTrip(out, score.z);
  out.push_back(d);
  if (score.exists()) out.push_back(score.flagged ? '1' : '0');
}

void AppendRow(std::string& out, const Row& row, char d, core::growth::Language lang) {
  const Assessment a = core::growth::Assess(row.measurement);
  out.append(row.raw);
  out.push_back(d);
  if (!std::isnan(a.clenhei_cm)) AppendShortest(out, a.clenhei_cm);
  out.push_back(d);
  if (!std::isnan(a.bmi)) AppendRoundTrip(out, a.bmi);
  out.push_back(d);
  out.push_back(a.standing_under_9_months ? '1' : '0');
  for (Indicator i : {Indicator::kLengthForAge, Indicator::kWeightForAge,
                      Indicator::kWeightForLength, Indicator::kBmiForAge,
                      Indicator::kHeadCircumferenceForAge, Indicator::kArmCircumferenceForAge,
                      Indicator::kTricepsSkinfoldForAge, Indicator::kSubscapularSkinfoldForAge}) {
    AppendScore(out, a.score(i), d);
  }
  for (core::growth::Status s :
       {a.height_for_age, a.weight_for_age, a.weight_for_height, a.bmi_for_age}) {
    out.push_back(d);
    out.append(core::growth::StatusText(s, lang));
  }
  out.push_back('\n');
}

// Parses the data records of `text` (a slice of whole lines) into `rows`.
// Returns "" or the first error; `first_line` is the line number text starts on.
std::string ParseRows(std::string_view text, char delimiter, int first_line, RowParser& parser,
                      std::vector<Row>& rows) {
  core::csv::CsvReader reader(text, delimiter);
  std::vector<std::string_view> fields;
  const auto line = [&] { return std::to_string(first_line - 1 + reader.line()); };
  rows.reserve(text.size() / 40);
  while (reader.Next(fields)) {
    if (reader.raw_record().empty()) continue;  // a blank line
    if (fields.size() != parser.field_count) {
      return "line " + line() + ": " + std::to_string(fields.size()) +
             " fields, but the header has " + std::to_string(parser.field_count);
    }
    Row& row = rows.emplace_back();
    row.raw = reader.raw_record();
    if (!parser.Parse(fields, first_line - 1 + reader.line(), row.measurement)) {
      return parser.error;
    }
  }
  if (!reader.error().empty()) return "line " + line() + ": " + reader.error();
  return "";
}

// Cuts `body` into up to `n` slices of whole lines. Only valid when the text
// has no quotes (a quoted field may hold a line break).
std::vector<std::string_view> SplitAtLines(std::string_view body, size_t n) {
  std::vector<std::string_view> slices;
  size_t begin = 0;
  for (size_t i = 1; i <= n && begin < body.size(); ++i) {
    size_t end = i == n ? body.size() : std::max(begin, body.size() * i / n);
    if (end < body.size()) {
      end = body.find('\n', end);
      end = end == std::string_view::npos ? body.size() : end + 1;
    }
    slices.push_back(body.substr(begin, end - begin));
    begin = end;
  }
  return slices;
}

}  // namespace

std::string ConvertZscoreCsv(std::string_view input, const ZscoreCsvOptions& options,
                             const std::function<void(std::string_view)>& write) {
  if (input.starts_with("\xEF\xBB\xBF")) input.remove_prefix(3);  // a spreadsheet's BOM
  const char delimiter = core::csv::DetectDelimiter(input);
  core::csv::CsvReader header_reader(input, delimiter);
  std::vector<std::string_view> fields;
  if (!header_reader.Next(fields)) {
    return header_reader.error().empty() ? "the input is empty: a header line is needed"
                                         : "line 1: " + header_reader.error();
  }
  const std::string_view header = header_reader.raw_record();
  RowParser parser;
  parser.field_count = fields.size();
  std::fill(std::begin(parser.column_of), std::end(parser.column_of), -1);
  for (size_t i = 0; i < fields.size(); ++i) {
    for (int c = 0; c < kColumnCount; ++c) {
      if (Trim(fields[i]) == kColumnNames[c]) parser.column_of[c] = static_cast<int>(i);
    }
  }
  if (parser.column_of[kSex] < 0) {
    return "line 1: no 'sex' column: the header must name the columns (sex, age_days, "
           "weight_kg, lenhei_cm, ...)";
  }

  // Pass 1: read and check every row before anything is written. Without
  // quotes the lines are independent, so slices are parsed in parallel.
  const size_t thread_count = static_cast<size_t>(std::max(1, options.threads));
  size_t body_begin = header.size();
  if (body_begin < input.size() && input[body_begin] == '\r') ++body_begin;
  if (body_begin < input.size() && input[body_begin] == '\n') ++body_begin;
  const std::string_view body = input.substr(body_begin);
  const bool has_quotes = body.find('"') != std::string_view::npos;
  const std::vector<std::string_view> slices =
      has_quotes ? std::vector<std::string_view>{body} : SplitAtLines(body, thread_count);
  std::vector<std::vector<Row>> slice_rows(slices.size());
  std::vector<std::string> slice_errors(slices.size());
  std::vector<RowParser> parsers(slices.size(), parser);
  {
    std::vector<int> first_line(slices.size(), 2);
    for (size_t i = 1; i < slices.size(); ++i) {
      first_line[i] = first_line[i - 1] + static_cast<int>(std::count(slices[i - 1].begin(),
                                                                      slices[i - 1].end(), '\n'));
    }
    std::vector<std::jthread> workers;
    for (size_t i = 1; i < slices.size(); ++i) {
      workers.emplace_back([&, i] {
        slice_errors[i] = ParseRows(slices[i], delimiter, first_line[i], parsers[i], slice_rows[i]);
      });
    }
    if (!slices.empty()) {
      slice_errors[0] = ParseRows(slices[0], delimiter, first_line[0], parsers[0], slice_rows[0]);
    }
  }
  for (const std::string& error : slice_errors) {
    if (!error.empty()) return error;
  }

  std::string head(header);
  head.push_back(delimiter);
  for (char c : kOutputHeader) head.push_back(c == ',' ? delimiter : c);
  head.push_back('\n');
  write(head);

  // Pass 2: assess and format in blocks, each block's rows split across the
  // threads; a block is written while the next one is formatted.
  std::vector<const Row*> rows;
  for (const auto& part : slice_rows) {
    for (const Row& row : part) rows.push_back(&row);
  }
  constexpr size_t kBlockRows = 32768;
  std::vector<std::string> buffers[2] = {std::vector<std::string>(thread_count),
                                         std::vector<std::string>(thread_count)};
  std::jthread writer;
  for (size_t block = 0, n = 0; block < rows.size(); block += kBlockRows, ++n) {
    std::vector<std::string>& out = buffers[n % 2];
    const size_t block_end = std::min(rows.size(), block + kBlockRows);
    const size_t per_thread = (block_end - block + thread_count - 1) / thread_count;
    auto format = [&](size_t t) {
      out[t].clear();
      const size_t begin = std::min(block_end, block + t * per_thread);
      const size_t end = std::min(block_end, begin + per_thread);
      for (size_t r = begin; r < end; ++r) AppendRow(out[t], *rows[r], delimiter, options.language);
    };
    {
      std::vector<std::jthread> workers;
      for (size_t t = 1; t < thread_count; ++t) workers.emplace_back(format, t);
      format(0);
    }
    if (writer.joinable()) writer.join();
    writer = std::jthread([&write, pieces = &out] {
      for (const std::string& piece : *pieces) write(piece);
    });
  }
  return "";
}

}  // namespace cli
