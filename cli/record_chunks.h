// Cuts CSV text into chunks of whole records, as worker threads ask for them,
// so no thread waits for a pass over the whole input before it can start.
// Each chunk is read into the asking thread's own buffer.
#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text_source.h"

namespace cli {

struct Chunk {
  std::string_view text;  // in the caller's buffer, which has 16 readable bytes after it
  bool has_quotes;        // false: every line break ends a record, no field is quoted
  size_t offset;          // of text's first byte in the source
};

class RecordChunks {
 public:
  // How far a buffer may be read past a chunk's text.
  static constexpr size_t kReadablePadding = 16;

  // The records from `begin` to the end of `source` (which must outlive
  // this); each chunk is about `chunk_bytes` long, cut at a line break
  // outside quotes.
  RecordChunks(const TextSource& source, size_t begin, size_t chunk_bytes)
      : source_(source), chunk_bytes_(chunk_bytes < 1 ? 1 : chunk_bytes), cut_(begin) {}

  // Reads chunk number `n` into `buffer` (cut on first request, the cut kept
  // for later runs); nullopt past the end, or on a read error (see error()).
  // Thread-safe, one buffer per thread. After a read error every call gives
  // nullopt, so no thread is handed a chunk from past the failed one.
  std::optional<Chunk> Get(size_t n, std::vector<char>& buffer);

  // "" or the first read error.
  std::string error() const;

  // How many line breaks the source has from `begin` up to `offset` (to name
  // a line in an error message; reads it all again). nullopt on a read error.
  std::optional<size_t> LineBreaks(size_t begin, size_t offset) const;

 private:
  struct Span {
    size_t offset;
    size_t size;
    bool has_quotes;
  };

  // Reads the records from cut_ on into `buffer` and returns the chunk's span.
  std::optional<Span> CutNext(std::vector<char>& buffer);

  const TextSource& source_;
  size_t chunk_bytes_;
  mutable std::mutex mutex_;
  std::vector<Span> spans_;  // cut so far, in order
  size_t cut_;               // where the next one starts
  std::string error_;
};

}  // namespace cli
