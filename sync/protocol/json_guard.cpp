#include "json_guard.h"

namespace syncing::protocol {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// A number starting at `i`: true when its digits are all zeros and an
// exponent follows. `i` moves past the number.
bool ZeroWithExponent(std::string_view json, size_t& i) {
  if (json[i] == '-') ++i;
  bool all_zero = true;
  while (i < json.size() && (IsDigit(json[i]) || json[i] == '.')) {
    if (json[i] >= '1' && json[i] <= '9') all_zero = false;
    ++i;
  }
  const bool exponent = i < json.size() && (json[i] == 'e' || json[i] == 'E');
  while (i < json.size() && (IsDigit(json[i]) || json[i] == 'e' || json[i] == 'E' ||
                             json[i] == '+' || json[i] == '-')) {
    ++i;
  }
  --i;  // the loop of the caller moves on
  return all_zero && exponent;
}

}  // namespace

const char* JsonGuardProblem(std::string_view json, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return "the JSON nests too deeply";
    } else if (c == ']' || c == '}') {
      --depth;
    } else if (c == 'N' || c == 'I') {
      return "NaN and Infinity are not JSON numbers";
    } else if (c == '-' || IsDigit(c)) {
      if (ZeroWithExponent(json, i)) return "a zero with an exponent is not taken: write 0";
    }
  }
  return nullptr;
}

}  // namespace syncing::protocol
