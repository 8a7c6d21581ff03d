// tumbuh-cli enrol | sync: register this database's device with a server, then
// one full push and pull.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

#include "commands.h"
#include "store/store.h"
#include "store/sync_store.h"
#include "sync_client.h"

namespace cli {
namespace {

constexpr const char* kEnrolUsage =
    "usage: tumbuh-cli enrol --db PATH --server URL --user NAME --password-stdin\n";
constexpr const char* kSyncUsage =
    "usage: tumbuh-cli sync --db PATH\n"
    "  One full push and pull. Exit 0 when in step with the server, 1 with the reason.\n";

}  // namespace

int RunEnrol(int argc, char** argv) {
  std::string db, server, user;
  bool password_stdin = false;
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--db" && i + 1 < argc) {
      db = argv[++i];
    } else if (a == "--server" && i + 1 < argc) {
      server = argv[++i];
    } else if (a == "--user" && i + 1 < argc) {
      user = argv[++i];
    } else if (a == "--password-stdin") {
      password_stdin = true;
    } else if (a == "--help" || a == "-h") {
      std::fputs(kEnrolUsage, stdout);
      return 0;
    } else {
      return UsageError(kEnrolUsage, "unexpected argument '" + a + "'");
    }
  }
  if (db.empty() || server.empty() || user.empty() || !password_stdin) {
    return UsageError(kEnrolUsage, "--db, --server, --user and --password-stdin are needed");
  }
  std::string password;
  std::getline(std::cin, password);
  auto store = core::store::Store::Open(db);
  if (!store) {
    std::fprintf(stderr, "tumbuh-cli enrol: %s\n", store.error().message.c_str());
    return 1;
  }
  auto profile = syncing::client::Enrol(**store, server, user, password);
  if (!profile) {
    std::fprintf(stderr, "tumbuh-cli enrol: %s\n", profile.error().message.c_str());
    return 1;
  }
  std::printf("enrolled %s as %s (%s, area %s)\n", (*store)->device_id().c_str(),
              profile->name.c_str(), profile->role.c_str(), profile->area.c_str());
  return 0;
}

int RunSync(int argc, char** argv) {
  std::string db;
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--db" && i + 1 < argc) {
      db = argv[++i];
    } else if (a == "--help" || a == "-h") {
      std::fputs(kSyncUsage, stdout);
      return 0;
    } else {
      return UsageError(kSyncUsage, "unexpected argument '" + a + "'");
    }
  }
  if (db.empty()) return UsageError(kSyncUsage, "--db is needed");
  if (!std::filesystem::exists(db)) {
    std::fprintf(stderr, "tumbuh-cli sync: no database at %s\n", db.c_str());
    return 1;
  }
  auto store = core::store::Store::Open(db);
  if (!store) {
    std::fprintf(stderr, "tumbuh-cli sync: %s\n", store.error().message.c_str());
    return 1;
  }
  const auto report = syncing::client::SyncOnce(**store);
  // "applied" counts only what was stored; what could not be applied is "set aside".
  std::printf(
      "pushed %d in %.2f s, refused %d, pulled %d in %.2f s, applied %d, set aside %d "
      "(%d earlier ones applied, %lld waiting), conflicts %d, pending %lld\n",
      report.pushed, report.push_seconds, report.refused, report.pulled, report.pull_seconds,
      report.applied, report.set_aside, report.from_set_aside,
      static_cast<long long>(report.waiting_set_aside), report.conflicts,
      static_cast<long long>((*store)->PendingChanges().value_or(-1)));
  if (!report.ok()) {
    std::fprintf(stderr, "tumbuh-cli sync: %s\n", report.error.c_str());
    return 1;
  }
  if (report.set_aside > 0) {  // in step with the server; these wait on this tablet
    std::fprintf(stderr,
                 "tumbuh-cli sync: %d pulled changes could not be applied here (a record they "
                 "refer to has not arrived, or a refused value); they are set aside with the "
                 "reason and tried again at every sync\n",
                 report.set_aside);
  }
  if (report.refused > 0) {
    std::fprintf(stderr,
                 "tumbuh-cli sync: the server refused %d changes (outside this tablet's area or "
                 "malformed); they are set aside in the quarantine, not lost\n",
                 report.refused);
    return 1;
  }
  return 0;
}

}  // namespace cli
