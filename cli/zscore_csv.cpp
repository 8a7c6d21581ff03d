// ConvertZscoreCsv cuts the rows into chunks of whole records as the threads
// take them in turn and parse, assess and format each into its own buffer, which
// an OrderedWriter puts out in input order. Small chunks keep each step's data
// in the cache. When bad input must write nothing, a parse-only pass runs first.
#include "zscore_csv.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "csv/csv_reader.h"
#include "growth/zscore.h"
#include "number_text.h"
#include "ordered_writer.h"
#include "record_chunks.h"
#include "text_source.h"
#include "util/civil_date.h"

namespace cli {
namespace {

using core::growth::Assessment;
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

bool IsNumberColumn(int c) {
  switch (c) {
    case kAgeDays:
    case kAgeMonths:
    case kWeight:
    case kLenhei:
    case kHeadc:
    case kMuac:
    case kTriskin:
    case kSubskin:
      return true;
    default:
      return false;
  }
}

// One cell the engine reads: its text and, when the fast path has read it as
// a plain decimal, its number.
struct CellText {
  std::string_view text;
  double number = 0;
  bool has_number = false;
};

// The cells of one record the engine reads, by column (empty when the header
// has no such column).
using Cells = std::array<CellText, kColumnCount>;

inline std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsMissing(std::string_view cell) {
  return cell.empty() || (cell.size() == 2 && cell[0] == 'N' && cell[1] == 'A');
}

// One-character codes by the character, kUnknown for any other. Looked up
// rather than compared: boys and girls, lying and standing come in random
// order, which a chain of branches would mispredict half the time.
template <typename Enum>
using CodeTable = std::array<Enum, 256>;

template <typename Enum>
constexpr CodeTable<Enum> MakeCodes(std::string_view first, Enum first_code,
                                    std::string_view second, Enum second_code) {
  CodeTable<Enum> table{};
  for (char c : first) table[static_cast<unsigned char>(c)] = first_code;
  for (char c : second) table[static_cast<unsigned char>(c)] = second_code;
  return table;
}

constexpr auto kSexCodes =
    MakeCodes("1mM", core::growth::Sex::kMale, "2fF", core::growth::Sex::kFemale);
enum class Oedema : std::uint8_t { kUnknown = 0, kYes, kNo };
constexpr auto kOedemaCodes = MakeCodes("yY1", Oedema::kYes, "nN2", Oedema::kNo);
constexpr auto kPostureCodes =
    MakeCodes("lL", core::growth::Posture::kLying, "hH", core::growth::Posture::kStanding);

template <typename Enum>
Enum Code(const CodeTable<Enum>& table, std::string_view cell) {
  return cell.size() == 1 ? table[static_cast<unsigned char>(cell[0])] : Enum{};
}

struct RowParser {
  int column_of[kColumnCount];  // index in the record, or -1
  std::vector<int> column_at;   // for each index in the record: its column, or -1
  size_t field_count;
  std::string problem;  // of the last failed Parse, without its line

  // The cells of a record the CSV reader has split.
  Cells CellsOf(const std::vector<std::string_view>& fields) const {
    Cells cells{};
    for (int c = 0; c < kColumnCount; ++c) {
      if (column_of[c] >= 0) cells[c].text = fields[column_of[c]];
    }
    return cells;
  }

  // Splits the record at `p` of a text without quotes into `cells`; returns
  // the record's end (its line break, or `end`), or nullptr when it does not
  // have field_count fields. One pass, no field list: the common case. A
  // number cell that is a plain decimal is read on the way.
  const char* SplitUnquoted(const char* p, const char* end, char delimiter, Cells& cells) const {
    const auto ends_cell = [&](const char* q) {
      return q == end || *q == delimiter || *q == '\n' || *q == '\r';
    };
    for (size_t field = 0;; ++field) {
      const char* q = nullptr;
      const int c = column_at[field];
      if (c >= 0 && IsNumberColumn(c)) {
        CellText& cell = cells[c];
        q = ReadPlainDecimal(p, end, delimiter, cell.number);
        cell.has_number = q != nullptr && ends_cell(q);
        if (!cell.has_number) q = nullptr;
      }
      if (q == nullptr) {
        q = p;
        while (!ends_cell(q)) ++q;
      }
      if (c >= 0) cells[c].text = std::string_view(p, q - p);
      const bool last = field + 1 == field_count;
      if (q == end || *q != delimiter) return last ? q : nullptr;
      if (last) return nullptr;
      p = q + 1;
    }
  }

  bool Fail(Column column, std::string_view cell, std::string_view why) {
    problem = "column " + std::string(kColumnNames[column]) + ": '" + std::string(cell) + "' " +
              std::string(why);
    return false;
  }

  // Missing cells leave `value` as it is (NaN).
  bool Number(const Cells& f, Column c, double& value) {
    if (f[c].has_number) {
      value = f[c].number;
      return true;
    }
    const std::string_view cell = Trim(f[c].text);
    if (IsMissing(cell)) return true;
    const auto parsed = ParseDecimal(cell);
    if (!parsed) return Fail(c, cell, "is not a number");
    value = *parsed;
    return true;
  }

  std::string_view Cell(const Cells& f, Column c) { return Trim(f[c].text); }

  bool Parse(const Cells& f, Measurement& m) {
    using core::growth::Age;
    using core::growth::Posture;
    using core::growth::Sex;

    const std::string_view sex = Cell(f, kSex);
    if (const Sex code = Code(kSexCodes, sex); code != Sex::kUnknown) {
      m.sex = code;
    } else if (!IsMissing(sex)) {
      return Fail(kSex, sex, "is not a sex (1/2, m/f, M/F)");
    }

    double age_days = core::growth::kMissing, age_months = core::growth::kMissing;
    if (!Number(f, kAgeDays, age_days) || !Number(f, kAgeMonths, age_months)) {
      return false;
    }
    const std::string_view dob = Cell(f, kDob), date = Cell(f, kDate);
    std::optional<int> dob_day, date_day;
    if (!IsMissing(dob) && !(dob_day = core::ParseIsoDate(dob))) {
      return Fail(kDob, dob, "is not a date (YYYY-MM-DD)");
    }
    if (!IsMissing(date) && !(date_day = core::ParseIsoDate(date))) {
      return Fail(kDate, date, "is not a date (YYYY-MM-DD)");
    }
    if (!std::isnan(age_days)) {
      m.age = Age::FromDays(age_days);
    } else if (!std::isnan(age_months)) {
      m.age = Age::FromMonths(age_months);
    } else if (dob_day && date_day) {
      m.age = Age::FromDays(*date_day - *dob_day);
    }

    if (!Number(f, kWeight, m.weight_kg) || !Number(f, kLenhei, m.length_height_cm) ||
        !Number(f, kHeadc, m.head_circumference_cm) || !Number(f, kMuac, m.arm_circumference_cm) ||
        !Number(f, kTriskin, m.triceps_skinfold_mm) ||
        !Number(f, kSubskin, m.subscapular_skinfold_mm)) {
      return false;
    }

    const std::string_view measure = Cell(f, kMeasure);
    if (const Posture code = Code(kPostureCodes, measure); code != Posture::kUnknown) {
      m.posture = code;
    } else if (!IsMissing(measure)) {
      return Fail(kMeasure, measure, "is not a measure (l = lying, h = standing)");
    }

    const std::string_view oedema = Cell(f, kOedema);
    const Oedema code = Code(kOedemaCodes, oedema);
    if (code == Oedema::kYes) {
      m.oedema = true;
    } else if (code == Oedema::kUnknown && !IsMissing(oedema)) {
      return Fail(kOedema, oedema, "is not oedema (y/n)");
    }
    return true;
  }
};

char* WriteScore(char* p, const core::growth::Score& score, char d) {
  *p++ = d;
  if (score.exists()) p = WriteRoundTrip(p, score.z);
  *p++ = d;
  if (score.exists()) *p++ = score.flagged ? '1' : '0';
  return p;
}

char* WriteText(char* p, std::string_view text) {
  std::memcpy(p, text.data(), text.size());
  return p + text.size();
}

// Copies a row's own text in 16-byte blocks, which may read up to 15 bytes
// past it (`readable_end` says how far is safe) and write as many past its
// end, into room the buffer has: no call, no branch on the exact length.
char* WriteRaw(char* p, std::string_view text, const char* readable_end) {
  if (static_cast<size_t>(readable_end - text.data()) < text.size() + 16) return WriteText(p, text);
  for (size_t i = 0; i < text.size(); i += 16) std::memcpy(p + i, text.data() + i, 16);
  return p + text.size();
}

// Every status's label with the delimiter before it, padded to a fixed size:
// a row's four labels are then four fixed-size copies.
class LabelTexts {
 public:
  static constexpr size_t kPadded = 32;

  LabelTexts(char delimiter, core::growth::Language language) {
    for (size_t s = 0; s < labels_.size(); ++s) {
      const std::string_view text =
          core::growth::StatusText(static_cast<core::growth::Status>(s), language);
      Label& label = labels_[s];
      label.size = std::min(text.size() + 1, kPadded);  // every label fits (checked in tests)
      label.text[0] = delimiter;
      std::memcpy(label.text + 1, text.data(), label.size - 1);
    }
  }

  char* Write(char* p, core::growth::Status status) const {
    const Label& label = labels_[static_cast<size_t>(status)];
    std::memcpy(p, label.text, kPadded);
    return p + label.size;
  }

 private:
  struct Label {
    char text[kPadded] = {};
    size_t size = 0;
  };
  std::array<Label, static_cast<size_t>(core::growth::Status::kObese) + 1> labels_;
};

// The most bytes WriteAssessment adds after a row's own text, and WriteRaw
// may write past it.
size_t MaxAddedBytes() {
  return 16 + 3 * (kMaxNumberText + 1) + core::growth::kIndicatorCount * (kMaxNumberText + 3) +
         4 * LabelTexts::kPadded + 1;
}

char* WriteAssessment(char* p, const Assessment& a, char d, const LabelTexts& labels) {
  *p++ = d;
  if (!std::isnan(a.clenhei_cm)) p = WriteShortest(p, a.clenhei_cm);
  *p++ = d;
  if (!std::isnan(a.bmi)) p = WriteRoundTrip(p, a.bmi);
  *p++ = d;
  *p++ = a.standing_under_9_months ? '1' : '0';
  for (const core::growth::Score& score : a.scores) p = WriteScore(p, score, d);  // zlen ... zss
  for (core::growth::Status s :
       {a.height_for_age, a.weight_for_age, a.weight_for_height, a.bmi_for_age}) {
    p = labels.Write(p, s);
  }
  *p++ = '\n';
  return p;
}

// One run over the chunks on `threads` threads. With `output` null it only
// parses (the check before writing); else each chunk's rows are assessed and
// formatted into a piece for the writer.
class ChunkRun {
 public:
  ChunkRun(size_t body_begin, RecordChunks& chunks, const RowParser& parser, char delimiter,
           core::growth::Language language, OrderedWriter* output)
      : body_begin_(body_begin),
        chunks_(chunks),
        parser_(parser),
        delimiter_(delimiter),
        labels_(delimiter, language),
        output_(output) {}

  // Returns "" or the first problem in input order.
  std::string Run(int threads) {
    {
      std::vector<std::jthread> workers;
      for (int t = 1; t < threads; ++t) workers.emplace_back([this] { Work(); });
      Work();
    }
    return first_error_;
  }

 private:
  void Work() {
    RowParser parser = parser_;
    std::vector<std::string_view> fields;
    std::vector<Row> rows;
    std::vector<char> buffer;  // this thread's chunk
    const size_t max_added = MaxAddedBytes();
    for (;;) {
      const size_t number = next_chunk_++;
      const std::optional<Chunk> chunk = chunks_.Get(number, buffer);
      if (!chunk) return;            // the end, or a read error (no chunk after it is given out)
      if (number > failed_chunk_) {  // past a problem: nothing more is worth making,
        if (output_ != nullptr) output_->Finish(number, {});  // but no number may be missing
        continue;
      }
      std::string piece = output_ != nullptr ? output_->Begin(number) : std::string();
      const std::string error = ParseChunk(*chunk, parser, fields, rows);
      if (!error.empty()) {
        Fail(number, error);
      } else if (output_ != nullptr) {
        size_t bytes = 0;
        for (const Row& row : rows) bytes += row.raw.size() + max_added;
        const char* readable_end =
            chunk->text.data() + chunk->text.size() + RecordChunks::kReadablePadding;
        piece.resize_and_overwrite(bytes, [&](char* begin, size_t) {
          char* p = begin;
          for (size_t i = 0; i < rows.size(); ++i) {
            if (i + 2 < rows.size()) core::growth::PrefetchReferenceRows(rows[i + 2].measurement);
            p = WriteRaw(p, rows[i].raw, readable_end);
            p = WriteAssessment(p, core::growth::Assess(rows[i].measurement), delimiter_, labels_);
          }
          return static_cast<size_t>(p - begin);
        });
      }
      if (output_ != nullptr) output_->Finish(number, std::move(piece));
    }
  }

  std::string ParseChunk(const Chunk& chunk, RowParser& parser,
                         std::vector<std::string_view>& fields, std::vector<Row>& rows) {
    rows.clear();
    std::string_view text = chunk.text;
    if (!chunk.has_quotes) {
      // The fast path. At a record it cannot take, the CSV reader below goes
      // on from there: it reads every record, and says what is wrong.
      const char* p = text.data();
      const char* const end = p + text.size();
      Cells cells{};
      while (p < end) {
        if (*p != '\n' && *p != '\r') {  // not a blank line
          const char* record_end = parser.SplitUnquoted(p, end, delimiter_, cells);
          if (record_end == nullptr) break;
          Row& row = rows.emplace_back();
          if (!parser.Parse(cells, row.measurement)) {
            rows.pop_back();
            break;
          }
          row.raw = std::string_view(p, record_end - p);
          p = record_end;
        }
        if (p < end && *p == '\r') ++p;
        if (p < end && *p == '\n') ++p;
      }
      text.remove_prefix(p - text.data());
    }
    core::csv::CsvReader reader(text, delimiter_);
    // Line numbers are counted only when needed, by reading the body again
    // up to here: it starts on line 2.
    const auto line = [&] {
      const size_t here = chunk.offset + static_cast<size_t>(text.data() - chunk.text.data());
      const std::optional<size_t> breaks = chunks_.LineBreaks(body_begin_, here);
      return "line " + (breaks ? std::to_string(*breaks + 1 + reader.line()) : "?");
    };
    while (reader.Next(fields)) {
      if (reader.raw_record().empty()) continue;  // a blank line
      if (fields.size() != parser.field_count) {
        return line() + ": " + std::to_string(fields.size()) + " fields, but the header has " +
               std::to_string(parser.field_count);
      }
      Row& row = rows.emplace_back();
      row.raw = reader.raw_record();
      if (!parser.Parse(parser.CellsOf(fields), row.measurement)) {
        return line() + ", " + parser.problem;
      }
    }
    if (!reader.error().empty()) return line() + ": " + reader.error();
    return "";
  }

  void Fail(size_t chunk, const std::string& error) {
    std::lock_guard lock(error_mutex_);
    if (chunk < failed_chunk_) {
      failed_chunk_ = chunk;
      first_error_ = error;
    }
  }

  size_t body_begin_;
  RecordChunks& chunks_;
  const RowParser& parser_;
  char delimiter_;
  LabelTexts labels_;
  OrderedWriter* output_;
  std::atomic<size_t> next_chunk_ = 0;
  std::atomic<size_t> failed_chunk_ = SIZE_MAX;  // no chunk after it need be read
  std::mutex error_mutex_;
  std::string first_error_;
};

// The header record, read from the input's start in a block grown until it
// holds the whole record.
struct Header {
  std::string block;     // the input's first bytes
  std::string_view raw;  // the record, in block
  // Copies: a quoted name with "" inside is unescaped into the reader's own
  // storage, which goes with the reader at the end of ReadHeader.
  std::vector<std::string> fields;
  char delimiter = ',';
};

// Returns "" or the problem.
std::string ReadHeader(const TextSource& input, Header& header) {
  for (size_t n = std::min<size_t>(input.size(), 64 * 1024);; n = std::min(input.size(), 2 * n)) {
    header.block.resize(n);
    std::string error;
    if (!input.Read(0, n, header.block.data(), error)) return "cannot read the input: " + error;
    std::string_view text = header.block;
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a spreadsheet's BOM
    header.delimiter = core::csv::DetectDelimiter(text);
    core::csv::CsvReader reader(text, header.delimiter);
    std::vector<std::string_view> fields;
    const bool read = reader.Next(fields);
    header.fields.assign(fields.begin(), fields.end());
    header.raw = reader.raw_record();
    // Two bytes after it: its whole line break ("\r\n") is in the block too.
    const bool complete =
        read && header.raw.data() + header.raw.size() + 1 < text.data() + text.size();
    if (!complete && n < input.size()) continue;  // the header may go on past this block
    if (!read) {
      return reader.error().empty() ? "the input is empty: a header line is needed"
                                    : "line 1: " + reader.error();
    }
    return "";
  }
}

}  // namespace

std::string ConvertZscoreCsv(const TextSource& input, const ZscoreCsvOptions& options,
                             const std::function<void(std::string_view)>& write) {
  Header header_record;
  if (std::string error = ReadHeader(input, header_record); !error.empty()) return error;
  const std::vector<std::string>& fields = header_record.fields;
  const std::string_view header = header_record.raw;
  const char delimiter = header_record.delimiter;
  const std::string& start = header_record.block;
  RowParser parser;
  parser.field_count = fields.size();
  std::fill(std::begin(parser.column_of), std::end(parser.column_of), -1);
  for (size_t i = 0; i < fields.size(); ++i) {
    for (int c = 0; c < kColumnCount; ++c) {
      if (Trim(fields[i]) == kColumnNames[c]) parser.column_of[c] = static_cast<int>(i);
    }
  }
  parser.column_at.assign(fields.size(), -1);
  for (int c = 0; c < kColumnCount; ++c) {
    if (parser.column_of[c] >= 0) parser.column_at[parser.column_of[c]] = c;
  }
  if (parser.column_of[kSex] < 0) {
    return "line 1: no 'sex' column: the header must name the columns (sex, age_days, "
           "weight_kg, lenhei_cm, ...)";
  }

  size_t body_begin = static_cast<size_t>(header.data() + header.size() - start.data());
  if (body_begin < start.size() && start[body_begin] == '\r') ++body_begin;
  if (body_begin < start.size() && start[body_begin] == '\n') ++body_begin;
  RecordChunks chunks(input, body_begin, options.chunk_bytes);
  const int threads = std::max(1, options.threads);
  const auto run = [&](OrderedWriter* output) {
    std::string error =
        ChunkRun(body_begin, chunks, parser, delimiter, options.language, output).Run(threads);
    if (error.empty() && !chunks.error().empty())
      error = "cannot read the input: " + chunks.error();
    return error;
  };
  if (options.check_before_writing) {
    if (std::string error = run(nullptr); !error.empty()) return error;
  }

  std::string head(header);
  head.push_back(delimiter);
  for (char c : kOutputHeader) head.push_back(c == ',' ? delimiter : c);
  head.push_back('\n');
  write(head);
  OrderedWriter output(write, 2 * static_cast<size_t>(threads) + 2);
  return run(&output);
}

std::string ConvertZscoreCsv(std::string_view input, const ZscoreCsvOptions& options,
                             const std::function<void(std::string_view)>& write) {
  return ConvertZscoreCsv(StringSource(input), options, write);
}

}  // namespace cli
