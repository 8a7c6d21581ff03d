// Group commit for pushes: the pushes that arrive while a group is being
// stored wait, then go together in the next group, one transaction and one
// commit (one fsync) for all of them. With 200 tablets pushing at once, each
// push had waited for up to 199 commits before its own.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <vector>

#include "server_store.h"

namespace syncing::server {

class GroupCommitter {
 public:
  // `store_lock` guards `store` for every handler; a group holds it while it runs.
  GroupCommitter(ServerStore& store, std::mutex& store_lock) : store_(store), lock_(store_lock) {}

  // Runs `work` inside a group's transaction, after the works of the pushes
  // that came before it in the group (it sees what they stored). Returns true
  // once the group has committed; false if it could not begin or commit, when
  // nothing any of its works stored was kept.
  bool Run(const std::function<void(ServerStore&)>& work);

 private:
  struct Job {
    const std::function<void(ServerStore&)>* work;
    bool done = false;
    bool committed = false;
  };
  // A bound on one transaction: a group takes at most this many pushes.
  static constexpr size_t kMaxGroup = 100;

  ServerStore& store_;
  std::mutex& lock_;
  std::mutex mutex_;  // guards the fields below
  std::condition_variable finished_;
  std::vector<Job*> waiting_;
  bool leading_ = false;  // a thread is storing a group now
};

}  // namespace syncing::server
