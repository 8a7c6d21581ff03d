// Many tablets at once (issue 13): N simulated tablets, each a real client
// store enrolled as its own kader (one village each), sync against one real
// tumbuh-server on loopback: all N at the same moment, then for a bounded time
// at random intervals with a few new changes each time. Prints push and pull
// latency percentiles, failures, the server's CPU time and peak RSS, and checks
// that the server holds exactly the union of every tablet's changes.
//   load_bench [--tablets N=200] [--seconds S=20] [--postgres] [--threads T]
//              [--families F=10] [--tablets-on-disk] [--keep]
// Exit 0 only when no sync failed and the union check holds. TUMBUH_SERVER=path
// runs another tumbuh-server binary (figures before and after a change).
#include <fcntl.h>
#include <httplib.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <latch>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "http_api.h"
#include "model/id.h"
#include "server_store.h"
#include "store/store.h"
#include "sync_client.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
constexpr const char* kPassword = "load-bench-password";

[[noreturn]] void Die(const std::string& why) {
  std::fprintf(stderr, "load_bench: %s\n", why.c_str());
  std::exit(2);
}

int FreePort() {
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

// A throw-away PostgreSQL cluster (toolchain.md's recipe, as
// tests/sync/test_database.h makes it, without GoogleTest).
class PostgresCluster {
 public:
  PostgresCluster() {
    for (const auto& version : {"17", "16", "15", "14", "13"}) {
      const std::string bin = std::string("/usr/lib/postgresql/") + version + "/bin";
      if (fs::exists(bin + "/initdb")) {
        bin_ = bin;
        break;
      }
    }
    if (bin_.empty()) Die("PostgreSQL is not installed");
    char pattern[] = "/tmp/tumbuh-load-pg-XXXXXX";
    if (!mkdtemp(pattern)) Die("mkdtemp failed");
    dir_ = pattern;
    if (geteuid() == 0) std::system(("chown nobody " + dir_).c_str());
    port_ = FreePort();
    if (std::system((As() + bin_ + "/initdb -D " + dir_ + "/data -A trust -U tumbuh --no-sync >" +
                     dir_ + "/initdb.log 2>&1")
                        .c_str()) != 0)
      Die("initdb failed: see " + dir_ + "/initdb.log");
    // fsync stays on: the server's commits cost what they cost in the field.
    if (std::system((As() + bin_ + "/pg_ctl -D " + dir_ + "/data -w -o \"-k " + dir_ + " -p " +
                     std::to_string(port_) +
                     " -c listen_addresses=127.0.0.1 -c max_connections=300\" -l " + dir_ +
                     "/log start >/dev/null 2>&1")
                        .c_str()) != 0)
      Die("pg_ctl start failed: see " + dir_ + "/log");
    started_ = true;
  }
  ~PostgresCluster() {
    if (started_)
      std::system(
          (As() + bin_ + "/pg_ctl -D " + dir_ + "/data -m immediate stop >/dev/null 2>&1").c_str());
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  std::string Url() const {
    return "postgresql://tumbuh@127.0.0.1:" + std::to_string(port_) + "/postgres";
  }
  // The server's PostgreSQL processes, for their CPU time.
  std::string dir() const { return dir_; }

 private:
  std::string As() const { return geteuid() == 0 ? "runuser -u nobody -- " : ""; }
  std::string bin_, dir_;
  int port_ = 0;
  bool started_ = false;
};

class ServerProcess {
 public:
  ServerProcess(const std::string& db, const std::string& log, int threads) : port_(FreePort()) {
    pid_ = fork();
    if (pid_ < 0) Die("fork failed");
    if (pid_ == 0) {
      const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      dup2(fd, 1);
      dup2(fd, 2);
      const char* binary = std::getenv("TUMBUH_SERVER");  // another build, for before/after
      std::vector<std::string> args = {binary ? binary : TUMBUH_SERVER_PATH,
                                       "--db",
                                       db,
                                       "--host",
                                       "127.0.0.1",
                                       "--port",
                                       std::to_string(port_)};
      if (threads > 0) args.insert(args.end(), {"--threads", std::to_string(threads)});
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    httplib::Client http(url());
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    while (Clock::now() < deadline) {
      auto res = http.Get("/v1/health");
      if (res && res->status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    Die("tumbuh-server did not start: see " + log);
  }
  ~ServerProcess() { Stop(); }
  void Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  pid_t pid() const { return pid_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // User + system CPU seconds so far, from /proc/<pid>/stat.
  double CpuSeconds() const {
    std::ifstream in("/proc/" + std::to_string(pid_) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto close_paren = text.rfind(')');
    if (close_paren == std::string::npos) return 0;
    std::istringstream fields(text.substr(close_paren + 2));
    std::string field;
    double utime = 0, stime = 0;
    for (int i = 3; fields >> field; ++i) {  // field 3 is the state
      if (i == 14) utime = std::stod(field);
      if (i == 15) {
        stime = std::stod(field);
        break;
      }
    }
    return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
  }
  // A line of /proc/<pid>/status in MiB (VmHWM: the peak resident set).
  double StatusMiB(const std::string& key) const {
    std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
    for (std::string line; std::getline(in, line);) {
      if (line.rfind(key + ":", 0) == 0) return std::stod(line.substr(key.size() + 1)) / 1024.0;
    }
    return 0;
  }

 private:
  int port_;
  pid_t pid_ = -1;
};

template <typename T>
T Must(core::Result<T> result, const char* what) {
  if (!result) Die(std::string(what) + ": " + result.error().message);
  return std::move(*result);
}
void Must(core::Result<void> result, const char* what) {
  if (!result) Die(std::string(what) + ": " + result.error().message);
}

struct Tablet {
  std::string village;
  std::unique_ptr<core::store::Store> store;
  core::model::Id posyandu;
  int64_t written = 0;  // outbox entries this tablet wrote, all told
  int families = 0;
};

// One family: a household, the mother, a child and `months` monthly
// measurements (3 + months changes), as sync_scenario_test's AddFamily.
void AddFamily(Tablet& t, int months) {
  auto& s = *t.store;
  const unsigned n = static_cast<unsigned>(t.families++);
  char kk[17], nik[17];
  std::snprintf(kk, sizeof kk, "337304150120%04u", n % 10000);
  std::snprintf(nik, sizeof nik, "337304520395%04u", n % 10000);
  core::model::Household h;
  h.kk = kk;
  h.head_name = "Ahmad";
  h.address = "Jl. Melati " + std::to_string(n + 1);
  h.rt = "003";
  h.rw = "002";
  h.village_code = t.village;
  h.water = core::model::WaterSource::kRiver;
  const auto household = Must(s.RegisterHousehold(h), "household");
  core::model::Person mother;
  mother.name = "Siti";
  mother.nik = nik;
  mother.household_id = household;
  const auto mother_id = Must(s.RegisterPerson(mother), "mother");
  core::model::Child c;
  c.name = "Anak " + std::to_string(n);
  c.sex = n % 2 ? core::growth::Sex::kMale : core::growth::Sex::kFemale;
  c.birth_date = s.Today() - 30 * months - 20 - static_cast<int>(n % 10);
  c.household_id = household;
  c.mother_id = mother_id;
  c.posyandu_id = t.posyandu;
  c.village_code = t.village;
  c.consent = {"Siti", s.NowMs() / 1000, "pemantauan pertumbuhan"};
  const auto child = Must(s.RegisterChild(c), "child");
  for (int m = 1; m <= months; ++m) {
    core::model::Measurement measurement;
    measurement.child_id = child;
    measurement.measured_on = c.birth_date + 30 * m;
    measurement.weight_g = 3300 + 600 * m;
    measurement.length_mm = 500 + 25 * m;
    measurement.posture = core::growth::Posture::kLying;
    Must(s.RecordMeasurement(measurement), "measurement");
  }
}

// Writes in one transaction and counts what went into the outbox.
template <typename F>
void Write(Tablet& t, F&& write) {
  const int64_t before = Must(t.store->PendingChanges(), "pending");
  Must(t.store->BeginBatch(), "begin");
  write();
  Must(t.store->CommitBatch(), "commit");
  t.written += Must(t.store->PendingChanges(), "pending") - before;
}

struct Sample {
  double push = 0, pull = 0, total = 0;
  bool ok = true;
  std::string error;
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = static_cast<size_t>(p / 100.0 * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

void PrintPhase(const char* name, const std::vector<Sample>& samples, double wall) {
  std::vector<double> push, pull;
  int failed = 0;
  std::map<std::string, int> errors;
  for (const auto& s : samples) {
    if (!s.ok) {
      ++failed;
      ++errors[s.error];
      continue;
    }
    push.push_back(s.push * 1000);
    pull.push_back(s.pull * 1000);
  }
  std::printf(
      "%-8s %6zu syncs %5d failed  push ms p50 %7.1f p95 %7.1f p99 %7.1f  "
      "pull ms p50 %7.1f p95 %7.1f p99 %7.1f  (%.2f s)\n",
      name, samples.size(), failed, Percentile(push, 50), Percentile(push, 95),
      Percentile(push, 99), Percentile(pull, 50), Percentile(pull, 95), Percentile(pull, 99), wall);
  for (const auto& [error, count] : errors)
    std::printf("           %5d x %s\n", count, error.c_str());
}

// This process's CPU time (the simulated tablets'), user + system.
double OwnCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

Sample SyncTimed(Tablet& t) {
  const auto start = Clock::now();
  const auto report = syncing::client::SyncOnce(*t.store);
  Sample s{report.push_seconds, report.pull_seconds,
           std::chrono::duration<double>(Clock::now() - start).count(), report.ok(), report.error};
  if (s.ok && report.refused > 0) {
    s.ok = false;
    s.error = std::to_string(report.refused) + " change(s) refused";
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  int tablets = 200, seconds = 20, threads = 0, families = 10;
  bool postgres = false, keep = false, tablets_on_disk = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--tablets" && i + 1 < argc) {
      tablets = std::atoi(argv[++i]);
    } else if (a == "--seconds" && i + 1 < argc) {
      seconds = std::atoi(argv[++i]);
    } else if (a == "--threads" && i + 1 < argc) {
      threads = std::atoi(argv[++i]);
    } else if (a == "--families" && i + 1 < argc) {
      families = std::atoi(argv[++i]);
    } else if (a == "--postgres") {
      postgres = true;
    } else if (a == "--tablets-on-disk") {
      tablets_on_disk = true;
    } else if (a == "--keep") {
      keep = true;
    } else {
      std::fprintf(stderr,
                   "usage: load_bench [--tablets N=200] [--seconds S=20] [--postgres] "
                   "[--threads T] [--families F=10] [--tablets-on-disk] [--keep]\n");
      return 2;
    }
  }
  if (tablets < 1 || tablets > 9999 || seconds < 0 || families < 1) Die("bad arguments");
  std::signal(SIGPIPE, SIG_IGN);
  rlimit files{};
  getrlimit(RLIMIT_NOFILE, &files);
  files.rlim_cur = files.rlim_max;
  setrlimit(RLIMIT_NOFILE, &files);

  char pattern[] = "/tmp/tumbuh-load-XXXXXX";
  if (!mkdtemp(pattern)) Die("mkdtemp failed");
  const fs::path dir = pattern;
  // Each real tablet has its own flash: 200 simulated tablets fsyncing on the
  // server's disk would measure that disk's queue, not the server. Their
  // stores go to tmpfs (/dev/shm) unless --tablets-on-disk.
  fs::path tablet_dir = dir;
  char shm_pattern[] = "/dev/shm/tumbuh-load-XXXXXX";
  if (!tablets_on_disk && fs::is_directory("/dev/shm") && mkdtemp(shm_pattern)) {
    tablet_dir = shm_pattern;
  }
  std::unique_ptr<PostgresCluster> cluster;
  std::string db = (dir / "server.db").string();
  if (postgres) {
    cluster = std::make_unique<PostgresCluster>();
    db = cluster->Url();
  }

  // One kader per tablet, each in its own village (3373041001, ...); the
  // password hashed once (argon2 for 200 users would take a while).
  auto village = [](int i) { return std::to_string(3373040000LL + 1 + i); };
  {
    std::string error;
    auto server_store = syncing::server::OpenServerStore(db, &error);
    if (!server_store) Die("server store: " + error);
    const std::string hash = syncing::server::HashPassword(kPassword);
    core::model::IdGenerator ids;
    for (int i = 0; i < tablets; ++i) {
      Must(server_store->AddUser(
               {ids.Make(0).ToString(), "kader" + std::to_string(i), "kader", village(i), hash}),
           "user add");
    }
  }
  ServerProcess server(db, (dir / "server.log").string(), threads);
  std::printf("load_bench: tumbuh-server pid %d on %s\n", static_cast<int>(server.pid()),
              server.url().c_str());
  std::fflush(stdout);

  std::vector<Tablet> fleet(tablets);
  const auto setup_start = Clock::now();
  {
    std::atomic<int> next{0};
    std::vector<std::thread> workers;
    for (int w = 0; w < 2; ++w) {
      workers.emplace_back([&] {
        for (int i; (i = next++) < tablets;) {
          Tablet& t = fleet[i];
          t.village = village(i);
          t.store = Must(core::store::Store::Open(
                             (tablet_dir / ("tablet" + std::to_string(i) + ".db")).string()),
                         "open tablet");
          Must(t.store->SaveArea({t.village, "Desa " + t.village, core::model::AreaLevel::kDesa,
                                  t.village.substr(0, 6)}),
               "area");
          Must(syncing::client::Enrol(*t.store, server.url(), "kader" + std::to_string(i),
                                      kPassword),
               "enrol");
          Write(t, [&] {
            core::model::Posyandu p;
            p.name = "Posyandu " + t.village;
            p.village_code = t.village;
            t.posyandu = Must(t.store->SavePosyandu(p), "posyandu");
            for (int f = 0; f < families; ++f) AddFamily(t, 11);
          });
        }
      });
    }
    for (auto& w : workers) w.join();
  }
  int64_t first_written = 0;
  for (const auto& t : fleet) first_written += t.written;
  std::printf(
      "load_bench: %d tablets (stores in %s), %s store, %.1f changes each; set up in %.1f s\n",
      tablets, tablet_dir.c_str(), postgres ? "PostgreSQL" : "SQLite",
      static_cast<double>(first_written) / tablets,
      std::chrono::duration<double>(Clock::now() - setup_start).count());

  const double cpu_before = server.CpuSeconds();
  // Phase 1: all at once. Phase 2: a few changes, then a sync, at random
  // intervals (0.5-5 s apart) until `seconds` have passed.
  std::vector<Sample> burst(tablets);
  std::vector<std::vector<Sample>> steady(tablets);
  std::latch ready(tablets + 1);
  std::latch burst_done(tablets + 1);  // the random syncs start after the last of the burst
  Clock::time_point burst_start, burst_end;
  double burst_cpu = 0, burst_bench_cpu = 0;
  {
    std::vector<std::thread> threads_;
    for (int i = 0; i < tablets; ++i) {
      threads_.emplace_back([&, i] {
        Tablet& t = fleet[i];
        ready.arrive_and_wait();
        burst[i] = SyncTimed(t);
        burst_done.arrive_and_wait();
        std::mt19937 random(static_cast<unsigned>(i) * 7919u + 17u);
        std::uniform_int_distribution<int> pause_ms(500, 5000), months(1, 3);
        const auto stop = Clock::now() + std::chrono::seconds(seconds);
        while (true) {
          const auto wake = Clock::now() + std::chrono::milliseconds(pause_ms(random));
          if (wake >= stop) break;
          std::this_thread::sleep_until(wake);
          Write(t, [&] { AddFamily(t, months(random)); });
          steady[i].push_back(SyncTimed(t));
        }
      });
    }
    const double bench_cpu_before = OwnCpuSeconds();
    burst_start = Clock::now();
    ready.arrive_and_wait();
    burst_done.arrive_and_wait();
    burst_end = Clock::now();
    burst_cpu = server.CpuSeconds() - cpu_before;
    burst_bench_cpu = OwnCpuSeconds() - bench_cpu_before;
    for (auto& th : threads_) th.join();
  }
  const double burst_wall = std::chrono::duration<double>(burst_end - burst_start).count();
  const double cpu = server.CpuSeconds() - cpu_before;
  const double rss = server.StatusMiB("VmHWM");

  // In step: a final sync of every tablet (one at a time) empties each outbox.
  int failures = 0, not_empty = 0;
  int64_t written = 0;
  for (auto& t : fleet) {
    const auto last = SyncTimed(t);
    if (!last.ok) {
      ++failures;
      std::printf("final sync of %s failed: %s\n", t.village.c_str(), last.error.c_str());
    }
    if (Must(t.store->PendingChanges(), "pending") != 0) ++not_empty;
    written += t.written;
  }
  server.Stop();

  std::vector<Sample> all_steady;
  for (const auto& v : steady) all_steady.insert(all_steady.end(), v.begin(), v.end());
  PrintPhase("at once", burst, burst_wall);
  PrintPhase("steady", all_steady, static_cast<double>(seconds));
  for (const auto& s : burst) failures += !s.ok;
  for (const auto& s : all_steady) failures += !s.ok;

  std::string error;
  auto server_store = syncing::server::OpenServerStore(db, &error);
  if (!server_store) Die("server store: " + error);
  const int64_t held = Must(server_store->ChangeCount(), "change count");
  server_store.reset();
  const bool union_ok = held == written && not_empty == 0;
  std::printf(
      "server   CPU %.2f s in the burst, %.2f s in all (user+system), peak RSS %.1f MiB%s\n"
      "tablets  CPU %.2f s in the burst (the simulated tablets, this process)\n",
      burst_cpu, cpu, rss,
      postgres ? " (tumbuh-server only; PostgreSQL's own processes not counted)" : "",
      burst_bench_cpu);
  std::printf(
      "union    the server holds %lld changes; the tablets wrote %lld; %d outbox(es) not empty: "
      "%s\n",
      static_cast<long long>(held), static_cast<long long>(written), not_empty,
      union_ok ? "ok" : "MISMATCH");
  std::printf("failures %d\n", failures);

  fleet.clear();
  cluster.reset();
  if (keep) {
    std::printf("kept %s and %s\n", dir.c_str(), tablet_dir.c_str());
  } else {
    fs::remove_all(dir);
    if (tablet_dir != dir) fs::remove_all(tablet_dir);
  }
  return failures == 0 && union_ok ? 0 : 1;
}
