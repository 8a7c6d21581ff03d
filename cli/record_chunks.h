// Cuts CSV text into chunks of whole records, as worker threads ask for them,
// so no thread waits for a pass over the whole input before it can start.
#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

namespace cli {

struct Chunk {
  std::string_view text;
  bool has_quotes;  // false: every line break ends a record, no field is quoted
};

class RecordChunks {
 public:
  // `text` (records only, no header) must outlive this; each chunk is about
  // `chunk_bytes` long, cut at a line break outside quotes.
  RecordChunks(std::string_view text, size_t chunk_bytes)
      : text_(text), chunk_bytes_(chunk_bytes < 1 ? 1 : chunk_bytes) {}

  // Chunk number `n` (cut on first request, kept for later runs), or nullopt
  // past the end. Thread-safe.
  std::optional<Chunk> Get(size_t n);

 private:
  // The chunk that starts at `begin`.
  Chunk Cut(size_t begin) const;

  std::string_view text_;
  size_t chunk_bytes_;
  std::mutex mutex_;
  std::vector<Chunk> chunks_;  // cut so far, in order
  size_t cut_ = 0;             // where the next one starts
};

}  // namespace cli
