#include "login_guard.h"

namespace syncing::server {
namespace {

// Past this many keys the expired ones are dropped, so a flood of made-up
// names or addresses cannot grow the maps without end.
constexpr size_t kPruneAbove = 10000;

}  // namespace

int LoginGuard::Wait(std::unordered_map<std::string, Failures>& map, const std::string& key,
                     int limit, std::chrono::seconds window, Clock::time_point now) {
  auto found = map.find(key);
  if (found == map.end() || found->second.count < limit) return 0;
  const auto left = found->second.first + window - now;
  if (left <= Clock::duration::zero()) {
    map.erase(found);
    return 0;
  }
  return static_cast<int>(std::chrono::ceil<std::chrono::seconds>(left).count());
}

void LoginGuard::Count(std::unordered_map<std::string, Failures>& map, const std::string& key,
                       std::chrono::seconds window, Clock::time_point now) {
  if (map.size() > kPruneAbove) {
    std::erase_if(map, [&](const auto& entry) { return entry.second.first + window <= now; });
  }
  Failures& f = map[key];
  if (f.count == 0 || f.first + window <= now) f = Failures{0, now};
  ++f.count;
}

int LoginGuard::SecondsToWait(const std::string& user, const std::string& address,
                              Clock::time_point now) {
  std::lock_guard guard(mutex_);
  return std::max(Wait(by_user_, user, limits_.per_user, limits_.window, now),
                  Wait(by_address_, address, limits_.per_address, limits_.window, now));
}

void LoginGuard::Failed(const std::string& user, const std::string& address,
                        Clock::time_point now) {
  std::lock_guard guard(mutex_);
  Count(by_user_, user, limits_.window, now);
  Count(by_address_, address, limits_.window, now);
}

void LoginGuard::Succeeded(const std::string& user) {
  std::lock_guard guard(mutex_);
  by_user_.erase(user);
}

}  // namespace syncing::server
