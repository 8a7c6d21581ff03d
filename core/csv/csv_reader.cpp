// CsvReader: one pass over the bytes; unquoted fields are views into the text.
#include "csv/csv_reader.h"

#include <cstring>

namespace core::csv {

bool CsvReader::Fail(std::string message) {
  error_ = std::move(message);
  pos_ = text_.size();
  return false;
}

bool CsvReader::Next(std::vector<std::string_view>& fields) {
  fields.clear();
  if (pos_ >= text_.size()) return false;
  record_line_ = next_line_;
  const size_t record_begin = pos_;
  size_t used_unescaped = 0;
  const char* data = text_.data();
  const size_t size = text_.size();

  while (true) {
    if (pos_ < size && data[pos_] == '"') {
      // Quoted field: runs to the closing quote; "" is a literal quote.
      size_t p = pos_ + 1;
      std::string* scratch = nullptr;
      size_t chunk_begin = p;
      while (true) {
        const void* q = std::memchr(data + p, '"', size - p);
        if (q == nullptr) {
          return Fail("a quoted field is never closed (missing \")");
        }
        const size_t quote = static_cast<const char*>(q) - data;
        for (size_t i = p; i < quote; ++i) next_line_ += data[i] == '\n';
        if (quote + 1 < size && data[quote + 1] == '"') {
          if (scratch == nullptr) {
            if (used_unescaped == unescaped_.size()) unescaped_.emplace_back();
            scratch = &unescaped_[used_unescaped++];
            scratch->clear();
          }
          scratch->append(data + chunk_begin, quote + 1 - chunk_begin);
          p = quote + 2;
          chunk_begin = p;
          continue;
        }
        if (scratch != nullptr) {
          scratch->append(data + chunk_begin, quote - chunk_begin);
          fields.emplace_back(*scratch);
        } else {
          fields.emplace_back(data + pos_ + 1, quote - pos_ - 1);
        }
        pos_ = quote + 1;
        break;
      }
      if (pos_ < size && data[pos_] != delimiter_ && data[pos_] != '\n' && data[pos_] != '\r') {
        return Fail("text after the closing quote of a field");
      }
    } else {
      size_t p = pos_;
      while (p < size && data[p] != delimiter_ && data[p] != '\n' && data[p] != '\r') {
        if (data[p] == '"') return Fail("a quote inside an unquoted field");
        ++p;
      }
      fields.emplace_back(data + pos_, p - pos_);
      pos_ = p;
    }
    if (pos_ < size && data[pos_] == delimiter_) {
      ++pos_;
      continue;
    }
    // End of record: CRLF, LF, a lone CR, or the end of the text.
    raw_record_ = text_.substr(record_begin, pos_ - record_begin);
    if (pos_ < size && data[pos_] == '\r') ++pos_;
    if (pos_ < size && data[pos_] == '\n') ++pos_;
    ++next_line_;
    return true;
  }
}

char DetectDelimiter(std::string_view text) noexcept {
  const std::string_view header = text.substr(0, text.find('\n'));
  const bool has_comma = header.find(',') != std::string_view::npos;
  const bool has_semicolon = header.find(';') != std::string_view::npos;
  return has_semicolon && !has_comma ? ';' : ',';
}

}  // namespace core::csv
