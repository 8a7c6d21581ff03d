// tumbuh-cli-net: the commands of tumbuh-cli that talk to a server (enrol,
// sync). tumbuh-cli runs it for them with the same arguments; it is a program
// of its own so that tumbuh-cli does not load cpp-httplib and OpenSSL, which
// took 13 ms at every start: as long as a zscore run of 40,000 rows.
#include <csignal>
#include <string>

#include "commands.h"

namespace {
constexpr const char* kUsage =
    "usage: tumbuh-cli enrol|sync ...\n"
    "Run by tumbuh-cli for the commands that talk to a server.\n";
}  // namespace

int main(int argc, char** argv) {
  // A server that refuses a request and closes while it is still being sent
  // must give an error, not end the program.
  std::signal(SIGPIPE, SIG_IGN);
  if (argc < 2) return cli::UsageError(kUsage, "no command given");
  const std::string command = argv[1];
  if (command == "enrol") return cli::RunEnrol(argc - 2, argv + 2);
  if (command == "sync") return cli::RunSync(argc - 2, argv + 2);
  return cli::UsageError(kUsage, "unknown command '" + command + "'");
}
