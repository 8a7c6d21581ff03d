// The subcommands of tumbuh-cli. Each takes the arguments after its name and
// returns the process exit code: 0 done, 1 failed (I/O), 2 bad input or usage.
#pragma once

#include <string>

namespace cli {

int RunZscore(int argc, char** argv);
int RunSeed(int argc, char** argv);
int RunStats(int argc, char** argv);
int RunExport(int argc, char** argv);
int RunEnrol(int argc, char** argv);  // in tumbuh-cli-net (sync_commands.cpp)
int RunSync(int argc, char** argv);   // in tumbuh-cli-net

// Prints "error: WHY" and the usage to stderr; returns 2.
int UsageError(const char* usage, const std::string& why);

}  // namespace cli
