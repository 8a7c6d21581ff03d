// The HTTP endpoints of tumbuh-server (/v1/...), on cpp-httplib. Handlers run
// on httplib's worker threads; the store is shared and locked per request.
#pragma once

#include <httplib.h>

#include <cstddef>

#include "server_store.h"

namespace syncing::server {

struct ApiOptions {
  size_t max_body_bytes = 8 * 1024 * 1024;  // a bigger request gets 413
  int max_pull = 1000;                      // changes per pull page at most
};

void InstallRoutes(httplib::Server& server, ServerStore& store, const ApiOptions& options);

// Makes a password hash (argon2id) for `user add`.
std::string HashPassword(const std::string& password);

}  // namespace syncing::server
