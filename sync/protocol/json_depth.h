// A bound on how deeply a JSON text nests, checked before any parser builds a
// document: RapidJSON (under cereal) parses and frees a document recursively,
// so a body of a million '[' overflows the stack. Nothing Tumbuh sends nests
// deeper than 6.
#pragma once

#include <string_view>

namespace syncing::protocol {

inline constexpr int kMaxJsonDepth = 16;

// True when no array or object in `json` lies more than `max_depth` deep
// (brackets inside strings do not count). It does not check the syntax.
bool JsonDepthWithin(std::string_view json, int max_depth = kMaxJsonDepth);

}  // namespace syncing::protocol
