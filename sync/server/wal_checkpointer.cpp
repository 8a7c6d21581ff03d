#include "wal_checkpointer.h"

#include <sqlite3.h>

namespace syncing::server {

WalCheckpointer::WalCheckpointer(sqlite3* writer, const std::string& path) : writer_(writer) {
  if (sqlite3_open_v2(path.c_str(), &own_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK ||
      sqlite3_exec(own_, "PRAGMA synchronous = FULL", nullptr, nullptr, nullptr) != SQLITE_OK) {
    sqlite3_close(own_);
    own_ = nullptr;
    return;
  }
  // The hook replaces the writer's automatic checkpoints.
  sqlite3_wal_hook(writer_, &WalCheckpointer::AfterCommit, this);
  thread_ = std::thread(&WalCheckpointer::Run, this);
}

WalCheckpointer::~WalCheckpointer() {
  if (!own_) return;
  sqlite3_wal_autocheckpoint(writer_, kPagesBeforeCheckpoint);  // the writer's own again
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  sqlite3_close(own_);
}

int WalCheckpointer::AfterCommit(void* self, sqlite3*, const char*, int wal_pages) {
  auto* checkpointer = static_cast<WalCheckpointer*>(self);
  if (wal_pages >= kPagesBeforeCheckpoint) {
    {
      std::lock_guard lock(checkpointer->mutex_);
      checkpointer->wanted_ = true;
    }
    checkpointer->wake_.notify_one();
  }
  return SQLITE_OK;
}

void WalCheckpointer::Run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return wanted_ || stopping_; });
    if (stopping_) return;
    wanted_ = false;
    lock.unlock();
    // A busy or failed checkpoint is only late: the next commit asks again.
    sqlite3_wal_checkpoint_v2(own_, "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
  }
}

}  // namespace syncing::server
