#include <cstdio>
#include <string>

#include "commands.h"

namespace cli {

int UsageError(const char* usage, const std::string& why) {
  std::fprintf(stderr, "error: %s\n%s", why.c_str(), usage);
  return 2;
}

}  // namespace cli
