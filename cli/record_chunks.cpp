// A line break ends a record when an even number of quotes lie between it and
// the record's start: a quoted field opens and closes with one quote each,
// and a quote inside it is doubled (RFC 4180). On broken text (a stray quote)
// a cut may fall inside a record, but only after the problem, which the
// chunk holding it reports first.
#include "record_chunks.h"

#include <algorithm>
#include <cstring>

namespace cli {
namespace {

// Read past the chunk size at once: most records end well within it.
constexpr size_t kLookahead = 4096;

void EnsureSize(std::vector<char>& buffer, size_t size) {
  if (buffer.size() < size) buffer.resize(size);  // never shrinks: no refill
}

}  // namespace

std::optional<RecordChunks::Span> RecordChunks::CutNext(std::vector<char>& buffer) {
  const size_t begin = cut_;
  const size_t left = source_.size() - begin;
  size_t got = std::min(left, chunk_bytes_ + kLookahead);
  EnsureSize(buffer, got + kReadablePadding);
  if (!source_.Read(begin, got, buffer.data(), error_)) return std::nullopt;

  size_t pos = std::min(chunk_bytes_, got);
  bool in_quotes = false, has_quotes = false;
  // Usually there are no quotes, and this is one memchr over the chunk.
  const char* data = buffer.data();
  for (const char* q = data; (q = static_cast<const char*>(std::memchr(q, '"', pos - (q - data))));
       ++q) {
    in_quotes = !in_quotes;
    has_quotes = true;
  }
  for (;;) {
    for (; pos < got; ++pos) {
      if (data[pos] == '"') {
        in_quotes = !in_quotes;
        has_quotes = true;
      } else if (data[pos] == '\n' && !in_quotes) {
        return Span{begin, pos + 1, has_quotes};
      }
    }
    if (got == left) return Span{begin, got, has_quotes};                 // the last record
    const size_t more = std::min(left - got, std::max(got, kLookahead));  // a long record
    EnsureSize(buffer, got + more + kReadablePadding);
    data = buffer.data();
    if (!source_.Read(begin + got, more, buffer.data() + got, error_)) return std::nullopt;
    got += more;
  }
}

std::optional<Chunk> RecordChunks::Get(size_t n, std::vector<char>& buffer) {
  std::optional<Span> span;
  {
    std::lock_guard lock(mutex_);
    if (!error_.empty()) return std::nullopt;
    bool just_read = false;
    while (spans_.size() <= n && cut_ < source_.size()) {
      span = CutNext(buffer);
      if (!span) return std::nullopt;
      spans_.push_back(*span);
      cut_ += span->size;
      just_read = true;
    }
    if (n >= spans_.size()) return std::nullopt;
    if (just_read) return Chunk{{buffer.data(), span->size}, span->has_quotes, span->offset};
    span = spans_[n];
  }
  // Cut before (by another thread, or for an earlier run): read it again,
  // outside the lock.
  EnsureSize(buffer, span->size + kReadablePadding);
  std::string error;
  if (!source_.Read(span->offset, span->size, buffer.data(), error)) {
    std::lock_guard lock(mutex_);
    if (error_.empty()) error_ = error;
    return std::nullopt;
  }
  return Chunk{{buffer.data(), span->size}, span->has_quotes, span->offset};
}

std::string RecordChunks::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

std::optional<size_t> RecordChunks::LineBreaks(size_t begin, size_t offset) const {
  std::vector<char> block(64 * 1024);
  std::string error;
  size_t breaks = 0;
  for (size_t at = begin; at < offset;) {
    const size_t n = std::min(block.size(), offset - at);
    if (!source_.Read(at, n, block.data(), error)) return std::nullopt;
    breaks += static_cast<size_t>(std::count(block.data(), block.data() + n, '\n'));
    at += n;
  }
  return breaks;
}

}  // namespace cli
