// The tablet side of sync: enrol the device, then push the outbox in order
// and pull the area's changes by cursor, applying them with last writer wins.
// One-shot calls here; `SyncWorker` runs them on its own thread for the GUI.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "store/store.h"
#include "wire.h"

namespace syncing::client {

// What went wrong, for a message in the user's language.
enum class SyncProblem {
  kNone = 0,
  kNotEnrolled,   // no server or token yet
  kUnreachable,   // no connection: no signal, or a wrong address
  kUnauthorized,  // the token is unknown or revoked: enrol again
  kServer,        // the server answered with an error
  kStorage,       // this tablet's database failed
};

struct SyncReport {
  int pushed = 0;          // changes the server acknowledged
  int refused = 0;         // changes set aside in the quarantine
  int pulled = 0;          // changes received
  int applied = 0;         // versions that won and were stored (pulled or set aside before)
  int set_aside = 0;       // pulled changes this tablet could not apply: kept aside, with why
  int from_set_aside = 0;  // changes set aside before that were applied (or lost) now
  int64_t waiting_set_aside = 0;              // set aside on this tablet after the sync, waiting
  int conflicts = 0;                          // losing versions written to the conflict log
  double push_seconds = 0, pull_seconds = 0;  // wall time of each half
  std::string error;                          // "" when in step with the server
  SyncProblem problem = SyncProblem::kNone;
  bool ok() const { return error.empty(); }
};

// Asks the server for a device token with the user's name and password and
// keeps it (and the server address) in the store's sync state. A demo
// database (sync state "demo" = "1", set by tumbuh --demo) never enrols, and
// SyncOnce refuses it too.
core::Result<protocol::Profile> Enrol(core::store::Store& store, const std::string& server_url,
                                      const std::string& user, const std::string& password);

// What a sync under way still has to move, reported after every batch.
struct SyncProgress {
  int64_t pending_up = 0;     // outbox entries not yet acknowledged
  int64_t pending_down = -1;  // changes the server still holds for us; -1 unknown yet
};

// How a request that finds no connection (refused, reset, or dropped before
// the answer) is tried again within one sync: after first_wait, doubled each
// time, plus up to half again of random jitter; at most `attempts` tries in
// all and no new try once `budget` has passed. Then the sync reports kUnreachable.
struct ConnectRetry {
  int attempts = 5;
  std::chrono::milliseconds first_wait{200};
  std::chrono::milliseconds budget{10'000};
};

// One full push, then pull until the server has nothing more. On a cut or a
// server error it stops where it is: nothing unacknowledged is removed, the
// pull cursor only moves with the batch it belongs to. A pulled change this
// tablet cannot apply is set aside with its reason and the rest goes on; set-
// aside changes are tried again after the pull. `progress`, if given, is called
// on this thread after each batch.
SyncReport SyncOnce(core::store::Store& store,
                    const std::function<void(const SyncProgress&)>& progress = {},
                    const ConnectRetry& retry = {});

// The status the sync panel shows; copied out under a lock.
struct SyncStatus {
  bool configured = false;
  bool running = false;
  int64_t pending_up = 0;
  int64_t pending_down = -1;  // during a pull: what is left; 0 after a good sync; -1 unknown
  std::string last_success;   // "2026-11-25 09:41"
  std::string last_error;
  SyncProblem problem = SyncProblem::kNone;
  int refused = 0;        // changes the last sync set aside in the quarantine
  int64_t set_aside = 0;  // pulled changes set aside on this tablet, waiting to apply
};

// Runs SyncOnce on its own thread with its own connection to the database:
// on request, and again with exponential backoff and jitter while the outbox
// is not empty (up to 15 minutes between tries). The GUI never waits on it.
class SyncWorker {
 public:
  explicit SyncWorker(std::string db_path);
  ~SyncWorker();
  void SyncNow();
  // Enrols this tablet on the worker's thread; the outcome shows in status().
  void Enrol(std::string server_url, std::string user, std::string password);
  SyncStatus status() const;

 private:
  void Run();
  struct EnrolRequest {
    std::string url, user, password;
  };
  std::optional<EnrolRequest> enrol_;

  std::string db_path_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool now_ = false;
  bool stop_ = false;
  SyncStatus status_;
  std::thread thread_;
};

}  // namespace syncing::client
