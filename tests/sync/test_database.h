// The server database the sync scenarios run against: a SQLite file, or (built
// with TUMBUH_SYNC_POSTGRES) a fresh database in a throw-away PostgreSQL
// cluster on loopback, owned by an unprivileged user, removed at exit.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace syncing::testing {

#ifdef TUMBUH_SYNC_POSTGRES

// initdb + pg_ctl in a temporary folder (toolchain.md's recipe).
class PostgresCluster {
 public:
  static PostgresCluster& Get() {
    static PostgresCluster cluster;
    return cluster;
  }
  ~PostgresCluster() {
    if (started_)
      std::system(
          (As() + bin_ + "/pg_ctl -D " + dir_ + "/data -m immediate stop >/dev/null 2>&1").c_str());
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  bool ok() const { return started_; }
  const std::string& problem() const { return problem_; }
  std::string Url(const std::string& db) const {
    return "postgresql://tumbuh@127.0.0.1:" + std::to_string(port_) + "/" + db;
  }

 private:
  PostgresCluster() {
    for (const auto& version : {"17", "16", "15", "14", "13"}) {
      const std::string bin = std::string("/usr/lib/postgresql/") + version + "/bin";
      if (std::filesystem::exists(bin + "/initdb")) {
        bin_ = bin;
        break;
      }
    }
    if (bin_.empty()) {
      problem_ = "PostgreSQL is not installed (./dev test installs the postgresql package)";
      return;
    }
    char pattern[] = "/tmp/tumbuh-pg-XXXXXX";
    if (!mkdtemp(pattern)) return;
    dir_ = pattern;
    if (geteuid() == 0) {  // initdb refuses root: the cluster belongs to nobody
      std::system(("chown nobody " + dir_).c_str());
    }
    port_ = FreeTcpPort();
    const std::string init = As() + bin_ + "/initdb -D " + dir_ + "/data -A trust -U tumbuh " +
                             "--no-sync >" + dir_ + "/initdb.log 2>&1";
    if (std::system(init.c_str()) != 0) {
      problem_ = "initdb failed: see " + dir_ + "/initdb.log";
      return;
    }
    const std::string start = As() + bin_ + "/pg_ctl -D " + dir_ + "/data -w -o \"-k " + dir_ +
                              " -p " + std::to_string(port_) +
                              " -c listen_addresses=127.0.0.1 -c fsync=off\" -l " + dir_ +
                              "/log start >/dev/null 2>&1";
    if (std::system(start.c_str()) != 0) {
      problem_ = "pg_ctl start failed: see " + dir_ + "/log";
      return;
    }
    started_ = true;
  }
  std::string As() const { return geteuid() == 0 ? "runuser -u nobody -- " : ""; }
  static int FreeTcpPort();

  std::string bin_, dir_, problem_;
  int port_ = 0;
  bool started_ = false;
};

inline int PostgresCluster::FreeTcpPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

// A fresh, empty database in the cluster; its URL.
inline std::string ServerDatabase(const std::string&) {
  PostgresCluster& cluster = PostgresCluster::Get();
  EXPECT_TRUE(cluster.ok()) << cluster.problem();
  static int made = 0;
  const std::string name = "t" + std::to_string(getpid()) + "_" + std::to_string(++made);
  PGconn* conn = PQconnectdb(cluster.Url("postgres").c_str());
  EXPECT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  PQclear(PQexec(conn, ("CREATE DATABASE " + name).c_str()));
  PQfinish(conn);
  return cluster.Url(name);
}

#else

inline std::string ServerDatabase(const std::string& sqlite_path) {
  return sqlite_path;
}

#endif

}  // namespace syncing::testing
