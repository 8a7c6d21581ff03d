// A line break ends a record when an even number of quotes lie between it and
// the record's start: a quoted field opens and closes with one quote each,
// and a quote inside it is doubled (RFC 4180). On broken text (a stray quote)
// a cut may fall inside a record, but only after the problem, which the
// chunk holding it reports first.
#include "record_chunks.h"

#include <cstring>

namespace cli {

Chunk RecordChunks::Cut(size_t begin) const {
  const char* data = text_.data();
  const size_t size = text_.size();
  size_t pos = begin + chunk_bytes_ < size ? begin + chunk_bytes_ : size;
  bool in_quotes = false, has_quotes = false;
  // Usually there are no quotes, and this is one memchr over the chunk.
  for (const char* q = data + begin;
       (q = static_cast<const char*>(std::memchr(q, '"', pos - (q - data)))) != nullptr; ++q) {
    in_quotes = !in_quotes;
    has_quotes = true;
  }
  for (; pos < size; ++pos) {
    if (data[pos] == '"') {
      in_quotes = !in_quotes;
      has_quotes = true;
    } else if (data[pos] == '\n' && !in_quotes) {
      ++pos;
      break;
    }
  }
  return {text_.substr(begin, pos - begin), has_quotes};
}

std::optional<Chunk> RecordChunks::Get(size_t n) {
  std::lock_guard lock(mutex_);
  while (chunks_.size() <= n && cut_ < text_.size()) {
    chunks_.push_back(Cut(cut_));
    cut_ += chunks_.back().text.size();
  }
  if (n < chunks_.size()) return chunks_[n];
  return std::nullopt;
}

}  // namespace cli
