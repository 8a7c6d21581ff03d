// What the fuzz targets share: a check that stops the run with a message (a
// libFuzzer crash, with the input saved).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace fuzz {

#define FUZZ_CHECK(condition, what)                                                         \
  do {                                                                                      \
    if (!(condition)) {                                                                     \
      std::fprintf(stderr, "FUZZ CHECK FAILED: %s (%s:%d): %s\n", what, __FILE__, __LINE__, \
                   #condition);                                                             \
      std::abort();                                                                         \
    }                                                                                       \
  } while (0)

}  // namespace fuzz
