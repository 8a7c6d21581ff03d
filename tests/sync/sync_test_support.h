// What the sync test programs share: the two villages and the password their
// users get, a shell command's exit code, and a Result that must hold.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <csignal>
#include <cstdlib>
#include <string>

#include "util/result.h"

namespace syncing::testing {

inline constexpr const char* kVillageA = "3373041001";
inline constexpr const char* kVillageB = "3373041002";
inline constexpr const char* kPassword = "rahasia-123";

// The server may refuse a request and close while a test still sends it.
inline const auto kIgnoreSigpipe = std::signal(SIGPIPE, SIG_IGN);

inline int RunShell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

template <typename T>
T Must(core::Result<T> result) {
  EXPECT_TRUE(result) << (result ? "" : result.error().message);
  return result ? std::move(*result) : T{};
}

}  // namespace syncing::testing
