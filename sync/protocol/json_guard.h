// What a JSON text must not hold before any parser builds a document from it:
// - nesting deeper than kMaxJsonDepth: RapidJSON (under cereal) parses and
//   frees a document recursively, so a million '[' overflow the stack;
//   nothing Tumbuh sends nests deeper than 6;
// - NaN and Infinity, which cereal's RapidJSON accepts but no JSON writer can
//   write back (ours would write "inf");
// - a number whose digits are all zero with an exponent (0e60, 0.0e60):
//   RapidJSON 1.1.0's full-precision path misreads it (clz of 0), 0.0e60 as
//   1.3e+33.
// A linear scan; it does not check the rest of the syntax.
#pragma once

#include <string_view>

namespace syncing::protocol {

inline constexpr int kMaxJsonDepth = 16;

// nullptr when the text may go to the parser, else the reason in plain words.
const char* JsonGuardProblem(std::string_view json, int max_depth = kMaxJsonDepth);

}  // namespace syncing::protocol
