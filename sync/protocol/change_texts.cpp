#include "change_texts.h"

#include <cstring>

namespace syncing::protocol {
namespace {

// Steps over one JSON value without building it: strings and nesting are
// followed, numbers and words run to the next delimiter (the full parse of
// the body judges them). False on anything unbalanced.
bool SkipValue(const char*& p, const char* end) {
  auto skip_string = [&]() {  // p at the opening quote
    for (++p; p != end; ++p) {
      if (*p == '\\') {
        if (++p == end) return false;
      } else if (*p == '"') {
        ++p;
        return true;
      }
    }
    return false;
  };
  while (p != end && std::strchr(" \t\n\r", *p) && *p) ++p;
  if (p == end) return false;
  if (*p == '"') return skip_string();
  if (*p == '{' || *p == '[') {
    int depth = 0;
    while (p != end) {
      if (*p == '"') {
        if (!skip_string()) return false;
        continue;
      }
      if (*p == '{' || *p == '[') ++depth;
      if ((*p == '}' || *p == ']') && --depth == 0) {
        ++p;
        return true;
      }
      ++p;
    }
    return false;
  }
  const char* start = p;
  while (p != end && !std::strchr(",}] \t\n\r", *p)) ++p;
  return p != start;
}

}  // namespace

std::optional<std::vector<std::string_view>> PushChangeTexts(std::string_view body) {
  constexpr std::string_view kHead = R"({"v":{"changes":[)";
  constexpr std::string_view kTail = "]}}";
  if (body.size() < kHead.size() + kTail.size() || !body.starts_with(kHead) ||
      !body.ends_with(kTail)) {
    return std::nullopt;
  }
  const char* p = body.data() + kHead.size();
  const char* end = body.data() + body.size() - kTail.size();
  std::vector<std::string_view> texts;
  // The elements must fill the array exactly: a stray ']' or '}' between them
  // would mean another layout.
  while (p != end) {
    const char* start = p;
    if (!SkipValue(p, end)) return std::nullopt;
    texts.emplace_back(start, static_cast<size_t>(p - start));
    if (p == end) break;
    if (*p++ != ',' || p == end) return std::nullopt;
  }
  return texts;
}

}  // namespace syncing::protocol
