// The HTTP endpoints of tumbuh-server (/v1/...), on cpp-httplib. Handlers run
// on httplib's worker threads; the store is shared and locked per request.
#pragma once

#include <httplib.h>

#include <cstddef>

#include "login_guard.h"
#include "server_store.h"

namespace syncing::server {

struct ApiOptions {
  size_t max_body_bytes = 16 * 1024 * 1024;  // a bigger body, as inflated, gets 413
  size_t max_changes = 10000;                // changes in one push at most (413)
  int max_pull = 1000;                       // changes per pull page at most
  int threads = 64;                          // workers: a sync holds one for its whole connection
  int read_timeout_s = 5;                    // a client silent this long mid-request is dropped
  LoginLimits login;                         // failed log-ins before a user or address must wait
};

// Sets the server's limits (workers, timeouts, body size) and its routes.
void InstallRoutes(httplib::Server& server, ServerStore& store, const ApiOptions& options);

// Socket options for the listening socket: SO_REUSEADDR (a restart binds at
// once) but not cpp-httplib's SO_REUSEPORT, with which a second server on the
// same port would start and take half the requests.
void ExclusivePortOptions(int socket);

// cpp-httplib 0.11.4 is a compiled library whose listen() takes a backlog of 5
// (CPPHTTPLIB_LISTEN_BACKLOG): when 200 tablets connect in the same moment the
// accept queue overflows, the kernel drops their SYNs and each waits for its
// retransmission (1 s, then 3 s, 7 s...). Called after bind_to_port(), this
// listens again on the socket bound to `port` with `backlog` (Linux updates the
// backlog of a socket that already listens; the kernel caps it at somaxconn).
// False when no listening socket on that port was found.
bool WidenListenBacklog(int port, int backlog);

// Makes a password hash (argon2id) for `user add`.
std::string HashPassword(const std::string& password);

}  // namespace syncing::server
