// Moves SQLite's WAL checkpoints off the request path.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace syncing::server {

// By default the commit that grows the WAL past 1,000 pages copies it back
// into the database file itself (a checkpoint: the copy and two fsyncs)
// before the push it belongs to is answered; over 100,000 pushed changes that
// was a fifth of the server's time. This does the same copy on its own thread
// and connection, so a push waits only for its own commit. Checkpoints are
// PASSIVE: they never block the writer or the readers.
class WalCheckpointer {
 public:
  // Takes over checkpointing for `writer` (the connection that commits) on
  // the database file at `path`. Does nothing when a second connection to
  // the file cannot be opened; the writer then keeps checkpointing itself.
  WalCheckpointer(sqlite3* writer, const std::string& path);
  ~WalCheckpointer();  // finishes the checkpoint under way, then stops
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

 private:
  static constexpr int kPagesBeforeCheckpoint = 1000;  // SQLite's own default
  static int AfterCommit(void* self, sqlite3* db, const char* schema, int wal_pages);
  void Run();

  sqlite3* writer_;
  sqlite3* own_ = nullptr;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool wanted_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace syncing::server
