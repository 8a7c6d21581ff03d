// A fast reader of CSV text held in memory (RFC 4180: quoted fields may hold
// the delimiter, doubled quotes and line breaks; CRLF or LF line ends).
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace core::csv {

class CsvReader {
 public:
  // `text` must outlive the reader. `delimiter` is usually ',' (or ';' from
  // spreadsheets set to Indonesian, where ',' is the decimal mark).
  explicit CsvReader(std::string_view text, char delimiter = ',') noexcept
      : text_(text), delimiter_(delimiter) {}

  // Reads the next record into `fields` (views valid until the next call).
  // Returns false at the end of the text, or on a malformed record, in which
  // case error() says what is wrong and line() where.
  bool Next(std::vector<std::string_view>& fields);

  // The line (1-based) on which the last record read starts.
  int line() const noexcept { return record_line_; }
  // The last record's bytes as they stand in the text, without its line end.
  std::string_view raw_record() const noexcept { return raw_record_; }
  // Empty unless the last Next() failed on malformed input.
  const std::string& error() const noexcept { return error_; }

 private:
  bool Fail(std::string message);

  std::string_view text_;
  char delimiter_;
  size_t pos_ = 0;
  int next_line_ = 1;
  int record_line_ = 0;
  std::string_view raw_record_;
  std::string error_;
  // Storage for quoted fields with "" inside. A deque: adding one leaves the
  // others where they are, so the views of a record's earlier fields stay
  // valid (a vector moved them, and a short string's bytes with it).
  std::deque<std::string> unescaped_;
};

// Picks the delimiter of a CSV file from its header line: ';' when the header
// has semicolons and no commas, else ','.
char DetectDelimiter(std::string_view text) noexcept;

}  // namespace core::csv
