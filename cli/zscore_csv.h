// The batch job of WHO Anthro's import: a CSV of measurements in, the same
// rows out with clenhei, cbmi, every z-score and flag, and the Permenkes labels.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "growth/status.h"

namespace cli {

struct ZscoreCsvOptions {
  core::growth::Language language = core::growth::Language::kIndonesian;  // of the labels
  int threads = 2;  // formatting threads; results do not depend on it
};

// Converts a whole CSV text. `write` receives the output in order, in pieces;
// it is called only after the whole input was read and found valid, so bad
// input writes nothing. Returns "" on success, else a message naming the line
// and column of the first problem.
std::string ConvertZscoreCsv(std::string_view input, const ZscoreCsvOptions& options,
                             const std::function<void(std::string_view)>& write);

}  // namespace cli
