// A real tumbuh-server process on a free loopback port, for the sync tests.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace syncing::testing {

inline int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

// A tumbuh-server child process on a free loopback port, its output in `log`;
// Start() waits (polling /v1/health) until it serves. `extra` arguments go
// after --db/--host/--port (--cert/--key, --max-body).
class ServerProcess {
 public:
  ServerProcess(std::string db, std::string log, std::vector<std::string> extra = {})
      : db_(std::move(db)), log_(std::move(log)), extra_(std::move(extra)), port_(FreePort()) {}
  ~ServerProcess() { Kill(SIGTERM); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  void Start() {
    pid_ = fork();
    ASSERT_GE(pid_, 0);
    if (pid_ == 0) {
      const int fd = open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      dup2(fd, 1);
      dup2(fd, 2);
      std::vector<std::string> args = {
          TUMBUH_SERVER_PATH, "--db", db_, "--host", "127.0.0.1", "--port", std::to_string(port_)};
      args.insert(args.end(), extra_.begin(), extra_.end());
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    const bool tls = std::find(extra_.begin(), extra_.end(), "--cert") != extra_.end();
    httplib::Client http((tls ? "https://127.0.0.1:" : "http://127.0.0.1:") +
                         std::to_string(port_));
    http.enable_server_certificate_verification(false);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      auto res = http.Get("/v1/health");
      if (res && res->status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL() << "tumbuh-server did not start on port " << port_;
  }

  // Stops the server: SIGKILL to crash it, SIGTERM to stop it.
  void Kill(int signal) {
    if (pid_ <= 0) return;
    kill(pid_, signal);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  std::string db_, log_;
  std::vector<std::string> extra_;
  int port_;
  pid_t pid_ = -1;
};

}  // namespace syncing::testing
