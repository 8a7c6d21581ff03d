// Endpoints: health, enrol, profile, push, pull. Every request but health and
// enrol carries "Authorization: Bearer <device token>". Bad input gets a 4xx
// with a reason in plain words in {"error": ...} (the parser's own words go to
// the log); nothing stored changes.
#include "http_api.h"

#include <netinet/in.h>
#include <sodium.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "change_texts.h"
#include "group_commit.h"

namespace syncing::server {
namespace {

constexpr size_t kMaxUserBytes = 120, kMaxPasswordBytes = 1024, kMaxDeviceBytes = 64;
constexpr const char* kNotJson = "the request body is not the JSON this endpoint expects";
constexpr const char* kStoreFailed = "the server could not do this now: try again later";

void Reply(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json");
}

void Refuse(httplib::Response& res, int status, const std::string& why) {
  Reply(res, status, protocol::ToJson(protocol::ErrorBody{why}));
}

// Printable and short: what a client sent goes into the log only like this.
std::string ForLog(const std::string& text) {
  std::string out;
  for (char c : text.substr(0, 64)) out.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  return out;
}

void Log(const httplib::Request& req, const std::string& what) {
  std::fprintf(stderr, "tumbuh-server: %s %s from %s: %s\n", req.method.c_str(), req.path.c_str(),
               req.remote_addr.c_str(), what.c_str());
}

std::string Hex(const unsigned char* data, size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

// Tokens are stored hashed: a stolen database gives no working token.
std::string HashToken(const std::string& token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return Hex(digest, sizeof digest);
}

// The body as cpp-httplib hands it over (inflated from gzip, de-chunked),
// counted as it comes: a 1 MB gzip of a 1 GiB body stops at the limit.
enum class BodyRead { kOk, kTooLarge, kBroken };
BodyRead ReadBody(const httplib::ContentReader& reader, size_t max_bytes, std::string& body) {
  bool too_large = false;
  const bool read = reader([&](const char* data, size_t size) {
    if (body.size() + size > max_bytes) {
      too_large = true;
      return false;
    }
    body.append(data, size);
    return true;
  });
  if (too_large) return BodyRead::kTooLarge;
  return read ? BodyRead::kOk : BodyRead::kBroken;
}

// Reads the body or answers for it: false when the handler is done.
bool TakeBody(const httplib::Request& req, httplib::Response& res,
              const httplib::ContentReader& reader, size_t max_bytes, std::string& body) {
  BodyRead read = ReadBody(reader, max_bytes, body);
  // cpp-httplib reads and drops a body whose Content-Length is over the
  // limit, then fails the read: that is a body too large, not a broken one.
  const std::string declared = req.get_header_value("Content-Length");
  if (read == BodyRead::kBroken && !declared.empty() &&
      std::strtoull(declared.c_str(), nullptr, 10) > max_bytes) {
    read = BodyRead::kTooLarge;
  }
  switch (read) {
    case BodyRead::kOk:
      return true;
    case BodyRead::kTooLarge:
      Log(req, "body over " + std::to_string(max_bytes) + " bytes");
      res.set_header("Connection", "close");  // the rest of it is not read
      Refuse(res, 413, "the request is larger than " + std::to_string(max_bytes) + " bytes");
      return false;
    case BodyRead::kBroken:
      res.set_header("Connection", "close");
      Refuse(res, 400, "the request body could not be read");
      return false;
  }
  return false;
}

// The JSON each change is stored with: the device's own bytes when the body
// has this client's layout (one text per parsed change), else encoded again.
std::vector<std::string> StoredBodies(const std::string& body,
                                      const protocol::PushRequest& request) {
  std::vector<std::string> bodies;
  bodies.reserve(request.changes.size());
  auto texts = protocol::PushChangeTexts(body);
  if (texts && texts->size() == request.changes.size()) {
    for (std::string_view text : *texts) {
      std::string& stored = bodies.emplace_back();
      stored.reserve(text.size() + 6);
      stored.append("{\"v\":").append(text).push_back('}');
    }
  } else {
    for (const protocol::Change& c : request.changes) bodies.push_back(protocol::ToJson(c));
  }
  return bodies;
}

std::string RefusalText(int status) {
  switch (status) {
    case 404:
      return "there is no such endpoint";
    case 405:
      return "this endpoint does not take that method";
    case 413:
      return "the request is too large";
    case 415:
      return "the request's Content-Encoding is not gzip";
    default:
      return "the request was refused (HTTP " + std::to_string(status) + ")";
  }
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::string HashPassword(const std::string& password) {
  if (sodium_init() < 0) return "";
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return "";
  }
  return out;
}

void ExclusivePortOptions(int socket) {
  const int yes = 1;
  setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

bool WidenListenBacklog(int port, int backlog) {
  bool widened = false;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", error)) {
    int fd = -1;
    try {
      fd = std::stoi(entry.path().filename().string());
    } catch (const std::exception&) {
      continue;
    }
    int listening = 0;
    socklen_t size = sizeof listening;
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) != 0 || !listening) continue;
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) continue;
    int bound = -1;
    if (address.ss_family == AF_INET) {
      bound = ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
    } else if (address.ss_family == AF_INET6) {
      bound = ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
    }
    if (bound == port && listen(fd, backlog) == 0) widened = true;
  }
  return widened;
}

void InstallRoutes(httplib::Server& server, ServerStore& store, const ApiOptions& options) {
  if (sodium_init() < 0) return;
  // SQLite serialises writers anyway; one lock keeps the store's statements safe.
  static std::mutex lock;
  server.new_task_queue = [threads = options.threads] { return new httplib::ThreadPool(threads); };
  server.set_socket_options(ExclusivePortOptions);
  server.set_read_timeout(options.read_timeout_s, 0);
  server.set_write_timeout(30, 0);  // a slow mobile link still gets its page
  server.set_payload_max_length(options.max_body_bytes);
  // A sync is one connection (keep-alive): on a mobile link every new
  // connection is a TLS handshake, and a 1,000,000-record pull is 1,000 pages.
  server.set_keep_alive_max_count(10000);
  // An answer's header and body go out as two writes: with Nagle's algorithm
  // the body waited for the client's delayed ACK of the header (40 ms), twice
  // per pull on loopback, holding a worker all the while.
  server.set_tcp_nodelay(true);
  // cpp-httplib's own refusals (413 on Content-Length, 400 on a broken
  // request line) come with our JSON error body too.
  server.set_error_handler(
      httplib::Server::Handler([](const httplib::Request&, httplib::Response& res) {
        if (res.body.empty()) Refuse(res, res.status, RefusalText(res.status));
      }));

  // Unknown users cost the same argon2 verification as known ones, so the
  // answer's time does not tell which names exist.
  static const std::string decoy_hash = HashPassword("no such user: a decoy to verify against");
  static LoginGuard guard(options.login);

  auto authorise = [&store](const httplib::Request& req,
                            httplib::Response& res) -> std::optional<Session> {
    const std::string header = req.get_header_value("Authorization");
    if (header.rfind("Bearer ", 0) != 0) {
      Refuse(res, 401, "no device token: enrol first");
      return std::nullopt;
    }
    std::lock_guard held(lock);
    auto session = store.SessionForToken(HashToken(header.substr(7)));
    if (!session) {
      Log(req, session.error().message);
      Refuse(res, 500, kStoreFailed);
      return std::nullopt;
    }
    if (!*session) {
      Refuse(res, 401, "unknown or revoked device token: enrol again");
      return std::nullopt;
    }
    return *session;
  };

  server.Get("/v1/health", [](const httplib::Request&, httplib::Response& res) {
    Reply(res, 200, "{\"status\":\"ok\",\"version\":1}");
  });

  const size_t max_body = options.max_body_bytes;
  server.Post("/v1/enrol", [&store, max_body](const httplib::Request& req, httplib::Response& res,
                                              const httplib::ContentReader& reader) {
    std::string body;
    if (!TakeBody(req, res, reader, std::min<size_t>(max_body, 64 * 1024), body)) return;
    auto request = protocol::ParseEnrolRequest(body);
    if (!request) {
      Log(req, request.error().message);
      return Refuse(res, 400, kNotJson);
    }
    if (request->user.empty() || request->device.empty()) {
      return Refuse(res, 400, "user and device are needed");
    }
    if (request->user.size() > kMaxUserBytes || request->password.size() > kMaxPasswordBytes ||
        request->device.size() > kMaxDeviceBytes) {
      return Refuse(res, 400, "user, password or device is too long");
    }
    if (const int wait = guard.SecondsToWait(request->user, req.remote_addr); wait > 0) {
      Log(req, "enrol of '" + ForLog(request->user) + "' refused: too many failed log-ins");
      res.set_header("Retry-After", std::to_string(wait));
      return Refuse(
          res, 429,
          "too many failed log-ins: try again in " + std::to_string((wait + 59) / 60) + " minutes");
    }
    std::unique_lock held(lock);
    auto user = store.FindUser(request->user);
    held.unlock();
    if (!user) {
      Log(req, user.error().message);
      return Refuse(res, 500, kStoreFailed);
    }
    const std::string& hash = *user ? (*user)->password_hash : decoy_hash;
    const bool password_ok = crypto_pwhash_str_verify(hash.c_str(), request->password.data(),
                                                      request->password.size()) == 0;
    if (!*user || !password_ok) {  // the same answer for both
      guard.Failed(request->user, req.remote_addr);
      Log(req, "enrol of '" + ForLog(request->user) +
                   "' refused: " + (*user ? "wrong password" : "unknown user"));
      return Refuse(res, 401, "wrong user name or password");
    }
    guard.Succeeded(request->user);
    if ((*user)->disabled) {
      Log(req, "enrol of '" + ForLog(request->user) + "' refused: the user is disabled");
      return Refuse(res, 403, "this user is disabled: ask the district admin to enable it");
    }
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    const std::string token = Hex(raw, sizeof raw);
    held.lock();
    if (auto added = store.AddToken(HashToken(token), (*user)->name, request->device); !added) {
      if (added.error().kind == core::Error::Kind::kConflict) {
        return Refuse(res, 409, "this tablet is enrolled to another user");
      }
      Log(req, added.error().message);
      return Refuse(res, 500, kStoreFailed);
    }
    protocol::EnrolResponse response{token,
                                     {(*user)->id, (*user)->name, (*user)->role, (*user)->area}};
    Reply(res, 200, protocol::ToJson(response));
  });

  server.Get("/v1/profile", [authorise](const httplib::Request& req, httplib::Response& res) {
    auto session = authorise(req, res);
    if (!session) return;
    const UserRecord& u = session->user;
    Reply(res, 200, protocol::ToJson(protocol::Profile{u.id, u.name, u.role, u.area}));
  });

  const size_t max_changes = options.max_changes;
  auto groups = std::make_shared<GroupCommitter>(store, lock);
  server.Post("/v1/push", [groups, authorise, max_body, max_changes](
                              const httplib::Request& req, httplib::Response& res,
                              const httplib::ContentReader& reader) {
    auto session = authorise(req, res);
    if (!session) return;
    std::string body;
    if (!TakeBody(req, res, reader, max_body, body)) return;
    auto request = protocol::ParsePushRequest(body);
    if (!request) {
      Log(req, request.error().message);
      return Refuse(res, 400, kNotJson);
    }
    if (request->changes.size() > max_changes) {
      return Refuse(res, 413, "more than " + std::to_string(max_changes) + " changes in one push");
    }
    const auto role = protocol::RoleFromName(session->user.role);
    if (!role) return Refuse(res, 403, "your user has no known role");
    const Sender sender{*role, session->user.area, session->device};
    const std::vector<std::string> bodies = StoredBodies(body, *request);  // outside the lock
    const std::vector<std::string> ids = IdsToLookUp(request->changes);
    // Checked and stored in the next group commit: the places it looks up
    // include what the pushes before it in the group stored.
    PushVerdict verdict;
    std::vector<std::string> acknowledged;
    std::string store_error;
    const bool committed = groups->Run([&](ServerStore& in_group) {
      auto known = in_group.FindPlaces(ids);
      if (!known) {
        store_error = known.error().message;
        return;
      }
      verdict = CheckPush(request->changes, sender, std::move(*known), NowMs());
      if (!verdict.refused.empty()) return;  // the batch is stored whole or not at all
      auto stored = in_group.StoreChanges(request->changes, bodies, verdict.placed);
      if (!stored) {
        store_error = stored.error().message;
        return;
      }
      acknowledged = std::move(*stored);
    });
    protocol::PushResponse response;
    if (!verdict.refused.empty()) {
      response.refused = std::move(verdict.refused);
      return Reply(res, verdict.outside_area ? 403 : 422, protocol::ToJson(response));
    }
    if (!committed || !store_error.empty()) {
      Log(req, store_error.empty() ? "the group commit failed" : store_error);
      return Refuse(res, 500, kStoreFailed);
    }
    response.acknowledged = std::move(acknowledged);
    Reply(res, 200, protocol::ToJson(response));
  });

  const int max_pull = options.max_pull;
  server.Get("/v1/pull", [&store, authorise, max_pull](const httplib::Request& req,
                                                       httplib::Response& res) {
    auto session = authorise(req, res);
    if (!session) return;
    const std::string& area = session->user.area;
    int64_t after = 0;
    int limit = max_pull;
    try {
      if (req.has_param("after")) after = std::stoll(req.get_param_value("after"));
      if (req.has_param("limit")) limit = std::stoi(req.get_param_value("limit"));
    } catch (const std::exception&) {
      return Refuse(res, 400, "after and limit must be numbers");
    }
    if (after < 0 || limit < 1) return Refuse(res, 400, "after must be >= 0 and limit >= 1");
    limit = std::min(limit, max_pull);
    std::unique_lock held(lock);
    auto page = store.ChangesAfter(after, area, limit);
    if (!page) {
      Log(req, page.error().message);
      return Refuse(res, 500, kStoreFailed);
    }
    protocol::PullResponse response{std::move(page->changes), page->next, page->more};
    // Counting scans the area's changes: only when asked (a client asks once
    // per sync, then counts down itself).
    if (req.get_param_value("count") == "1") {
      auto remaining = page->more ? store.CountAfter(page->next, area) : core::Result<int64_t>(0);
      if (!remaining) {
        Log(req, remaining.error().message);
        return Refuse(res, 500, kStoreFailed);
      }
      response.remaining = *remaining;
    }
    held.unlock();  // the page is ours: others may use the store while it is written out
    Reply(res, 200, protocol::ToJson(response));
  });
}

}  // namespace syncing::server
