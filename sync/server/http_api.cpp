// Endpoints: health, enrol, profile, push, pull. Every request but health and
// enrol carries "Authorization: Bearer <device token>". Bad input gets a 4xx
// with a reason in {"error": ...}; nothing stored changes.
#include "http_api.h"

#include <sodium.h>

#include <mutex>

#include "change_texts.h"

namespace syncing::server {
namespace {

void Reply(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json");
}

void Refuse(httplib::Response& res, int status, const std::string& why) {
  Reply(res, status, protocol::ToJson(protocol::ErrorBody{why}));
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

bool Inside(const std::string& area, const std::string& prefix) {
  return area.size() >= prefix.size() && area.compare(0, prefix.size(), prefix) == 0;
}

// Checks one change's shape; "" when it is fine.
std::string ShapeProblem(const protocol::Change& c) {
  if (c.change_id.empty()) return "change_id is missing";
  if (!core::model::Id::Parse(c.record_id)) return "record_id is not an id";
  const int entity = protocol::EntityFromName(c.entity);
  if (entity == 0) return "unknown entity '" + c.entity + "'";
  if (c.op != "upsert" && c.op != "tombstone") return "op must be upsert or tombstone";
  if (c.device.empty()) return "device is missing";
  if (c.area.size() != 10) return "area must be a village code";
  if (c.op == "upsert" && c.record.index() != static_cast<size_t>(entity - 2)) {
    return "the record does not match the entity";
  }
  return "";
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

void InstallRoutes(httplib::Server& server, ServerStore& store, const ApiOptions& options) {
  if (sodium_init() < 0) return;
  // SQLite serialises writers anyway; one lock keeps the store's statements safe.
  static std::mutex lock;
  server.set_payload_max_length(options.max_body_bytes);
  // A sync is one connection (keep-alive): on a mobile link every new
  // connection is a TLS handshake, and a 1,000,000-record pull is 1,000 pages.
  server.set_keep_alive_max_count(10000);

  auto authorise = [&store](const httplib::Request& req,
                            httplib::Response& res) -> std::optional<UserRecord> {
    const std::string header = req.get_header_value("Authorization");
    if (header.rfind("Bearer ", 0) != 0) {
      Refuse(res, 401, "no device token: enrol first");
      return std::nullopt;
    }
    std::lock_guard guard(lock);
    auto user = store.UserForToken(HashToken(header.substr(7)));
    if (!user) {
      Refuse(res, 500, user.error().message);
      return std::nullopt;
    }
    if (!*user) {
      Refuse(res, 401, "unknown or revoked device token: enrol again");
      return std::nullopt;
    }
    return *user;
  };

  server.Get("/v1/health", [](const httplib::Request&, httplib::Response& res) {
    Reply(res, 200, "{\"status\":\"ok\",\"version\":1}");
  });

  server.Post("/v1/enrol", [&store](const httplib::Request& req, httplib::Response& res) {
    auto request = protocol::ParseEnrolRequest(req.body);
    if (!request) return Refuse(res, 400, request.error().message);
    if (request->user.empty() || request->device.empty()) {
      return Refuse(res, 400, "user and device are needed");
    }
    std::unique_lock guard(lock);
    auto user = store.FindUser(request->user);
    guard.unlock();
    if (!user) return Refuse(res, 500, user.error().message);
    // Same answer for an unknown user and a wrong password.
    if (!*user || crypto_pwhash_str_verify((*user)->password_hash.c_str(), request->password.data(),
                                           request->password.size()) != 0) {
      return Refuse(res, 401, "wrong user name or password");
    }
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    const std::string token = Hex(raw, sizeof raw);
    guard.lock();
    if (auto added = store.AddToken(HashToken(token), (*user)->name, request->device); !added) {
      return Refuse(res, 500, added.error().message);
    }
    protocol::EnrolResponse response{token,
                                     {(*user)->id, (*user)->name, (*user)->role, (*user)->area}};
    Reply(res, 200, protocol::ToJson(response));
  });

  server.Get("/v1/profile", [authorise](const httplib::Request& req, httplib::Response& res) {
    auto user = authorise(req, res);
    if (!user) return;
    Reply(res, 200,
          protocol::ToJson(protocol::Profile{user->id, user->name, user->role, user->area}));
  });

  server.Post("/v1/push", [&store, authorise](const httplib::Request& req, httplib::Response& res) {
    auto user = authorise(req, res);
    if (!user) return;
    auto request = protocol::ParsePushRequest(req.body);
    if (!request) return Refuse(res, 400, request.error().message);
    protocol::PushResponse response;
    bool outside = false;
    for (const protocol::Change& c : request->changes) {
      if (std::string why = ShapeProblem(c); !why.empty()) {
        response.refused.push_back({c.change_id, why});
      } else if (!Inside(c.area, user->area)) {
        response.refused.push_back({c.change_id, "outside your area " + user->area});
        outside = true;
      }
    }
    if (!response.refused.empty()) {  // the batch is stored whole or not at all
      return Reply(res, outside ? 403 : 422, protocol::ToJson(response));
    }
    const std::vector<std::string> bodies = StoredBodies(req.body, *request);  // outside the lock
    std::lock_guard guard(lock);
    auto acknowledged = store.StoreChanges(request->changes, bodies);
    if (!acknowledged) return Refuse(res, 500, acknowledged.error().message);
    response.acknowledged = std::move(*acknowledged);
    Reply(res, 200, protocol::ToJson(response));
  });

  const int max_pull = options.max_pull;
  server.Get("/v1/pull",
             [&store, authorise, max_pull](const httplib::Request& req, httplib::Response& res) {
               auto user = authorise(req, res);
               if (!user) return;
               int64_t after = 0;
               int limit = max_pull;
               try {
                 if (req.has_param("after")) after = std::stoll(req.get_param_value("after"));
                 if (req.has_param("limit")) limit = std::stoi(req.get_param_value("limit"));
               } catch (const std::exception&) {
                 return Refuse(res, 400, "after and limit must be numbers");
               }
               if (after < 0 || limit < 1)
                 return Refuse(res, 400, "after must be >= 0 and limit >= 1");
               limit = std::min(limit, max_pull);
               std::lock_guard guard(lock);
               auto page = store.ChangesAfter(after, user->area, limit);
               if (!page) return Refuse(res, 500, page.error().message);
               protocol::PullResponse response{std::move(page->changes), page->next, page->more};
               // Counting scans the area's changes: only when asked (a
               // client asks once per sync, then counts down itself).
               if (req.get_param_value("count") == "1") {
                 auto remaining = page->more ? store.CountAfter(page->next, user->area)
                                             : core::Result<int64_t>(0);
                 if (!remaining) return Refuse(res, 500, remaining.error().message);
                 response.remaining = *remaining;
               }
               Reply(res, 200, protocol::ToJson(response));
             });
}

}  // namespace syncing::server
