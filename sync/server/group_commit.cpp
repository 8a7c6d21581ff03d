#include "group_commit.h"

#include <algorithm>

namespace syncing::server {

bool GroupCommitter::Run(const std::function<void(ServerStore&)>& work) {
  Job job{&work};
  std::unique_lock guard(mutex_);
  waiting_.push_back(&job);
  while (!job.done) {
    if (leading_) {
      finished_.wait(guard);
      continue;
    }
    // No group is running: this thread stores the waiting pushes (its own among them).
    leading_ = true;
    const size_t take = std::min(waiting_.size(), kMaxGroup);
    std::vector<Job*> group(waiting_.begin(), waiting_.begin() + take);
    waiting_.erase(waiting_.begin(), waiting_.begin() + take);
    guard.unlock();
    bool committed = false;
    {
      std::lock_guard store_guard(lock_);
      if (store_.BeginGroup()) {
        for (Job* j : group) (*j->work)(store_);
        committed = store_.EndGroup(true).has_value();
      }
    }
    guard.lock();
    for (Job* j : group) {
      j->committed = committed;
      j->done = true;
    }
    leading_ = false;
    finished_.notify_all();
  }
  return job.committed;
}

}  // namespace syncing::server
