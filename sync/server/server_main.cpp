// tumbuh-server: the sync server.
//   tumbuh-server [--db FILE] [--port N] [--host ADDR] [--cert F --key F] [--max-body BYTES]
//                [--threads N]
//   tumbuh-server [--db FILE] user add NAME --role ROLE --area CODE --password-stdin
//   tumbuh-server [--db FILE] user revoke NAME
//   tumbuh-server [--db FILE] user enable NAME
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "http_api.h"
#include "model/id.h"
#include "model/validation.h"
#include "server_store.h"

namespace {

constexpr const char* kUsage =
    "usage: tumbuh-server [--db FILE] [--port N] [--host ADDR] [--cert F --key F] [--max-body "
    "BYTES] [--threads N]\n"
    "       tumbuh-server [--db FILE] user add NAME --role ROLE --area CODE --password-stdin\n"
    "       tumbuh-server [--db FILE] user revoke NAME   (its tablets stop syncing; it cannot "
    "enrol again)\n"
    "       tumbuh-server [--db FILE] user enable NAME   (it may enrol again)\n"
    "The sync server of Tumbuh: tablets push their changes and pull their area's records.\n"
    "  --db FILE   the SQLite store (default ./tumbuh-server.db), or a PostgreSQL URL\n"
    "              postgresql://USER@HOST:PORT/DB (several servers may share one)\n"
    "  --threads N worker threads (default 64): a sync holds one for its whole connection\n"
    "  roles: kader, bidan, tpk, babinsa, bhabinkamtibmas, supervisor, admin\n"
    "  area: a Kemendagri code, e.g. 6403 (kabupaten) or 6403011001 (village)\n";

int Usage(const std::string& why) {
  std::fprintf(stderr, "tumbuh-server: %s\n%s", why.c_str(), kUsage);
  return 2;
}

httplib::Server* g_server = nullptr;
void Stop(int) {
  if (g_server) g_server->stop();
}

int UserCommand(syncing::server::ServerStore& store, int argc, char** argv, int i) {
  if (i + 1 >= argc) return Usage("user add, user revoke or user enable");
  const std::string verb = argv[i], name = argv[i + 1];
  if (verb == "revoke" || verb == "enable") {
    auto found = store.SetUserDisabled(name, verb == "revoke");
    if (!found)
      return std::fprintf(stderr, "tumbuh-server: %s\n", found.error().message.c_str()), 1;
    if (!*found) return std::fprintf(stderr, "tumbuh-server: no user %s\n", name.c_str()), 2;
    if (verb == "enable") {
      std::printf("%s may enrol again\n", name.c_str());
      return 0;
    }
    auto revoked = store.RevokeTokens(name);
    if (!revoked)
      return std::fprintf(stderr, "tumbuh-server: %s\n", revoked.error().message.c_str()), 1;
    std::printf("revoked %d device token(s) of %s; %s cannot enrol until enabled\n", *revoked,
                name.c_str(), name.c_str());
    return 0;
  }
  if (verb != "add") return Usage("unknown user command '" + verb + "'");
  std::string role, area;
  bool password_stdin = false;
  for (int j = i + 2; j < argc; ++j) {
    const std::string a = argv[j];
    if (a == "--role" && j + 1 < argc) {
      role = argv[++j];
    } else if (a == "--area" && j + 1 < argc) {
      area = argv[++j];
    } else if (a == "--password-stdin") {
      password_stdin = true;
    } else {
      return Usage("unexpected argument '" + a + "'");
    }
  }
  if (!syncing::protocol::RoleFromName(role)) return Usage("unknown role '" + role + "'");
  if (!core::model::IsAreaCode(area)) return Usage("the area must be a 2, 4, 6 or 10-digit code");
  if (!password_stdin) return Usage("give the password on standard input (--password-stdin)");
  std::string password;
  std::getline(std::cin, password);
  if (password.size() < 8) return Usage("the password needs at least 8 characters");
  syncing::server::UserRecord user{core::model::IdGenerator().Make(0).ToString(), name, role, area,
                                   syncing::server::HashPassword(password)};
  if (auto existing = store.FindUser(name); existing && *existing) user.id = (*existing)->id;
  if (auto added = store.AddUser(user); !added) {
    return std::fprintf(stderr, "tumbuh-server: %s\n", added.error().message.c_str()), 1;
  }
  std::printf("user %s (%s, area %s) saved\n", name.c_str(), role.c_str(), area.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db = "./tumbuh-server.db", host = "0.0.0.0", cert, key;
  int port = 8080;
  syncing::server::ApiOptions options;
  int i = 1;
  for (; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (a == "--db" && i + 1 < argc) {
      db = argv[++i];
    } else if (a == "--port" && i + 1 < argc) {
      port = std::atoi(argv[++i]);
    } else if (a == "--host" && i + 1 < argc) {
      host = argv[++i];
    } else if (a == "--cert" && i + 1 < argc) {
      cert = argv[++i];
    } else if (a == "--key" && i + 1 < argc) {
      key = argv[++i];
    } else if (a == "--threads" && i + 1 < argc) {
      options.threads = std::atoi(argv[++i]);
    } else if (a == "--max-body" && i + 1 < argc) {
      options.max_body_bytes = static_cast<size_t>(std::atoll(argv[++i]));
    } else if (a == "user") {
      break;
    } else {
      return Usage("unexpected argument '" + a + "'");
    }
  }
  std::string error;
  auto store = syncing::server::OpenServerStore(db, &error);
  if (!store) return std::fprintf(stderr, "tumbuh-server: %s\n", error.c_str()), 1;
  if (i < argc) return UserCommand(*store, argc, argv, i + 1);
  if (port <= 0 || port > 65535) return Usage("--port takes 1-65535");
  if (cert.empty() != key.empty()) return Usage("--cert and --key go together");
  if (options.threads < 1 || options.threads > 4096) return Usage("--threads takes 1-4096");

  std::unique_ptr<httplib::Server> server;
  if (!cert.empty()) {
    server = std::make_unique<httplib::SSLServer>(cert.c_str(), key.c_str());
    if (!server->is_valid())
      return std::fprintf(stderr, "tumbuh-server: cannot load %s / %s\n", cert.c_str(),
                          key.c_str()),
             1;
  } else {
    server = std::make_unique<httplib::Server>();
  }
  syncing::server::InstallRoutes(*server, *store, options);
  g_server = server.get();
  std::signal(SIGPIPE, SIG_IGN);  // a client gone mid-answer ends its request, not the server
  std::signal(SIGTERM, Stop);
  std::signal(SIGINT, Stop);
  if (!server->bind_to_port(host.c_str(), port)) {
    std::fprintf(stderr,
                 "tumbuh-server: cannot listen on %s:%d: the port is in use (another server?) "
                 "or the address is not this machine's\n",
                 host.c_str(), port);
    return 1;
  }
  // A district's tablets may all sync in the same minute: room for them to
  // wait in the accept queue rather than have their connections dropped.
  if (!syncing::server::WidenListenBacklog(port, 4096)) {
    std::fprintf(stderr, "tumbuh-server: could not widen the listen backlog (kept at 5)\n");
  }
  std::printf("tumbuh-server: listening on %s:%d (%s)\n", host.c_str(), port, db.c_str());
  std::fflush(stdout);
  if (!server->listen_after_bind()) {
    std::fprintf(stderr, "tumbuh-server: stopped listening on %s:%d\n", host.c_str(), port);
    return 1;
  }
  return 0;
}
