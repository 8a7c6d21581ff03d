// A real tumbuh-server process on a free loopback port, for end-to-end tests.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

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

class ServerProcess {
 public:
  explicit ServerProcess(std::filesystem::path db) : db_(std::move(db)), port_(FreePort()) {}
  ~ServerProcess() { Kill(SIGTERM); }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::filesystem::path& db() const { return db_; }

  // Adds a user with the server's own command line.
  void AddUser(const std::string& name, const std::string& role, const std::string& area) {
    const std::string cmd = "echo rahasia123 | " + std::string(TUMBUH_SERVER_PATH) + " --db " +
                            db_.string() + " user add " + name + " --role " + role + " --area " +
                            area + " --password-stdin > /dev/null";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }

  // Starts the server and waits (at most 10 s) until /v1/health answers.
  void Start() {
    pid_ = fork();
    ASSERT_GE(pid_, 0);
    if (pid_ == 0) {
      const std::string port = std::to_string(port_);
      execl(TUMBUH_SERVER_PATH, TUMBUH_SERVER_PATH, "--db", db_.c_str(), "--port", port.c_str(),
            "--host", "127.0.0.1", "--max-body", "2000000", static_cast<char*>(nullptr));
      _exit(127);
    }
    httplib::Client client(url());
    client.set_connection_timeout(0, 200000);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      if (auto res = client.Get("/v1/health"); res && res->status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL() << "tumbuh-server did not answer on " << url();
  }

  // Stops the server: SIGKILL to crash it, SIGTERM to stop it.
  void Kill(int signal = SIGKILL) {
    if (pid_ <= 0) return;
    kill(pid_, signal);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  std::filesystem::path db_;
  int port_;
  pid_t pid_ = -1;
};

}  // namespace syncing::testing
