// tumbuh-cli: the command-line tool (batch z-scores, demo data, exports, sync).
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "commands.h"

namespace {
constexpr const char* kUsage =
    "usage: tumbuh-cli COMMAND [ARGS]\n"
    "commands:\n"
    "  zscore INPUT.csv -o OUTPUT.csv   WHO z-scores, flags and Permenkes labels for a CSV\n"
    "  seed --db PATH --children N --months M [--seed S]   a demo kabupaten\n"
    "  stats --db PATH --json           counts, pending changes, integrity check\n"
    "  export --db PATH --month YYYY-MM -o FILE.csv   the month for e-PPGBM\n"
    "  enrol --db PATH --server URL --user NAME --password-stdin   register with a server\n"
    "  sync --db PATH                   one full push and pull\n"
    "Run 'tumbuh-cli COMMAND --help' for a command's arguments.\n";

// enrol and sync run in tumbuh-cli-net, beside this program (see net_main.cpp).
int RunNetworkCommand(char** argv) {
  std::error_code error;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) self = argv[0];
  const std::string net = (self.parent_path() / "tumbuh-cli-net").string();
  execv(net.c_str(), argv);
  std::fprintf(stderr, "tumbuh-cli %s: cannot run %s: %s\n", argv[1], net.c_str(),
               std::strerror(errno));
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return cli::UsageError(kUsage, "no command given");
  const std::string command = argv[1];
  if (command == "zscore") return cli::RunZscore(argc - 2, argv + 2);
  if (command == "seed") return cli::RunSeed(argc - 2, argv + 2);
  if (command == "stats") return cli::RunStats(argc - 2, argv + 2);
  if (command == "export") return cli::RunExport(argc - 2, argv + 2);
  if (command == "enrol" || command == "sync") return RunNetworkCommand(argv);
  if (command == "-h" || command == "--help" || command == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  return cli::UsageError(kUsage, "unknown command '" + command + "'");
}
