// Bounds password guessing: after a few failed log-ins in a window, a user
// name (from anywhere) and an address (for any name) must wait. Kept in
// memory: a restart forgives, which costs an attacker a restart they cannot
// cause. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace syncing::server {

struct LoginLimits {
  int per_user = 5;      // failures of one user name in a window
  int per_address = 20;  // failures from one address in a window
  std::chrono::seconds window{15 * 60};
};

class LoginGuard {
 public:
  using Clock = std::chrono::steady_clock;
  explicit LoginGuard(LoginLimits limits = {}) : limits_(limits) {}

  // Seconds to wait before `user` may try from `address` again; 0 when it may now.
  int SecondsToWait(const std::string& user, const std::string& address,
                    Clock::time_point now = Clock::now());
  void Failed(const std::string& user, const std::string& address,
              Clock::time_point now = Clock::now());
  // A good log-in clears the user's failures (not the address's).
  void Succeeded(const std::string& user);

 private:
  struct Failures {
    int count = 0;
    Clock::time_point first;
  };
  static int Wait(std::unordered_map<std::string, Failures>& map, const std::string& key, int limit,
                  std::chrono::seconds window, Clock::time_point now);
  static void Count(std::unordered_map<std::string, Failures>& map, const std::string& key,
                    std::chrono::seconds window, Clock::time_point now);

  LoginLimits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, Failures> by_user_, by_address_;
};

}  // namespace syncing::server
