// tumbuh-server: the sync server (HTTP/JSON, SQLite or PostgreSQL store).
#include <cstdio>
#include <cstring>

namespace {
constexpr const char* kUsage =
    "usage: tumbuh-server [--db FILE|postgresql://...] [--port N] [--cert F --key F]\n"
    "       tumbuh-server --db ... user add NAME --role ROLE --area CODE --password-stdin\n"
    "       tumbuh-server --db ... user revoke NAME\n"
    "The sync server of Tumbuh: tablets push their changes and pull their area's records.\n";
}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::fputs(kUsage, stdout);
      return 0;
    }
  }
  std::fputs("tumbuh-server: not serving yet in this version; see --help\n", stderr);
  return 2;
}
