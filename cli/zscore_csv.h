// The batch job of WHO Anthro's import: a CSV of measurements in, the same
// rows out with clenhei, cbmi, every z-score and flag, and the Permenkes labels.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "growth/status.h"
#include "text_source.h"

namespace cli {

struct ZscoreCsvOptions {
  core::growth::Language language = core::growth::Language::kIndonesian;  // of the labels
  int threads = 2;  // results do not depend on it
  // Each thread's unit of work; small enough to stay in the cache.
  size_t chunk_bytes = 64 * 1024;
  // True: the whole input is parsed and checked before the first write, so
  // bad input writes nothing (for a pipe). False: output may start before a
  // problem further down is found (for a file replaced only on success).
  bool check_before_writing = true;
};

// Converts a whole CSV text. `write` receives the output in order, in pieces
// (see check_before_writing for when). Returns "" on success, else a message
// naming the line and column of the first problem.
std::string ConvertZscoreCsv(const TextSource& input, const ZscoreCsvOptions& options,
                             const std::function<void(std::string_view)>& write);
std::string ConvertZscoreCsv(std::string_view input, const ZscoreCsvOptions& options,
                             const std::function<void(std::string_view)>& write);

}  // namespace cli
