// Sync end to end, on the SQLite store (sync_scenario_tests) and on PostgreSQL
// (sync_postgres_tests): a real tumbuh-server process, real tablet stores, two
// villages and a supervisor, a loopback proxy that cuts answers mid-response,
// servers killed mid-push and mid-pull, a clock a day ahead, unsent edits,
// replayed batches, bad requests, revoked tokens, TLS, tumbuh-cli's exit codes.
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
#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "server_process.h"
#include "server_store.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "store/sync_store.h"
#include "sync_client.h"
#include "sync_test_support.h"
#include "test_database.h"
#include "util/civil_date.h"

namespace {

namespace fs = std::filesystem;
using core::store::Store;
using syncing::testing::ServerDatabase;
using namespace std::chrono_literals;

using syncing::testing::kPassword;
using syncing::testing::kVillageA;
using syncing::testing::kVillageB;
using syncing::testing::Must;
using syncing::testing::RunShell;

using syncing::testing::ServerProcess;

// A loopback proxy that, when told to, cuts a response after a few bytes.
class CuttingProxy {
 public:
  explicit CuttingProxy(int upstream) : upstream_(upstream) {
    listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
    const int one = 1;
    setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    listen(listen_fd_, 16);
    thread_ = std::thread([this] { Accept(); });
  }
  ~CuttingProxy() {
    stop_ = true;
    shutdown(listen_fd_, SHUT_RDWR);
    close(listen_fd_);
    thread_.join();
    for (auto& t : pumps_) t.join();
  }
  // Every `n`th connection (1-based count modulo n == 1) gets its response cut.
  void CutEvery(int n) { cut_every_ = n; }
  int cuts() const { return cuts_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  void Accept() {
    while (!stop_) {
      const int client = accept(listen_fd_, nullptr, nullptr);
      if (client < 0) return;
      const int count = ++connections_;
      const bool cut = cut_every_ > 0 && count % cut_every_ == 1;
      pumps_.emplace_back([this, client, cut] { Serve(client, cut); });
    }
  }
  void Serve(int client, bool cut) {
    const int server = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(upstream_);
    if (connect(server, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      close(client);
      close(server);
      return;
    }
    std::thread up([client, server] {
      char buf[16384];
      ssize_t n;
      while ((n = read(client, buf, sizeof buf)) > 0) {
        if (write(server, buf, n) != n) break;
      }
      shutdown(server, SHUT_WR);
    });
    char buf[16384];
    ssize_t n;
    size_t sent = 0;
    while ((n = read(server, buf, sizeof buf)) > 0) {
      if (cut && sent + n > 60) {  // the server answered; the line drops mid-response
        (void)!write(client, buf, 60 - sent);
        ++cuts_;
        break;
      }
      if (write(client, buf, n) != n) break;
      sent += n;
    }
    shutdown(client, SHUT_RDWR);
    shutdown(server, SHUT_RDWR);
    up.join();
    close(client);
    close(server);
  }

  int upstream_, listen_fd_, port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> cut_every_{0}, connections_{0}, cuts_{0};
  std::thread thread_;
  std::vector<std::thread> pumps_;
};

// A tablet: its own store file, optionally with a clock that is off.
struct Tablet {
  std::string path;
  int64_t skew_ms = 0;
  std::unique_ptr<Store> store;

  void Open() {
    core::store::StoreOptions options;
    const int64_t skew = skew_ms;
    options.now_ms = [skew] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count() +
             skew;
    };
    auto opened = Store::Open(path, options);
    ASSERT_TRUE(opened) << opened.error().message;
    store = std::move(*opened);
    for (const char* v : {kVillageA, kVillageB}) {
      ASSERT_TRUE(store->SaveArea({v, v, core::model::AreaLevel::kDesa, "337304"}));
    }
  }
  Store& operator*() { return *store; }
  Store* operator->() { return store.get(); }
};

class SyncE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tumbuh-sync-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    server_db_ = ServerDatabase((dir_ / "server.db").string());
    AddUser("kader_a", "kader", kVillageA);
    AddUser("kader_b", "kader", kVillageB);
    AddUser("supervisor", "supervisor", "3373");
    server_ = std::make_unique<ServerProcess>(server_db_, (dir_ / "server.log").string());
    server_->Start();
  }
  void TearDown() override {
    server_.reset();
    a_.store.reset();
    b_.store.reset();
    sup_.store.reset();
    if (!HasFailure()) fs::remove_all(dir_);
  }

  void AddUser(const std::string& name, const std::string& role, const std::string& area) {
    const std::string command = std::string("echo '") + kPassword + "' | " + TUMBUH_SERVER_PATH +
                                " --db '" + server_db_ + "' user add " + name + " --role " + role +
                                " --area " + area + " --password-stdin >/dev/null";
    ASSERT_EQ(RunShell(command), 0) << command;
  }

  void OpenTablet(Tablet& t, const std::string& name, const std::string& user,
                  int64_t skew_ms = 0) {
    t.path = (dir_ / (name + ".db")).string();
    t.skew_ms = skew_ms;
    t.Open();
    auto profile = syncing::client::Enrol(*t, server_->url(), user, kPassword);
    ASSERT_TRUE(profile) << profile.error().message;
  }

  void OpenTablets() {
    OpenTablet(a_, "a", "kader_a");
    OpenTablet(b_, "b", "kader_b");
    OpenTablet(sup_, "sup", "supervisor");
  }

  // A family with one child in `village`; returns the child's id.
  core::model::Id AddFamily(Tablet& t, const std::string& village, const std::string& child_name) {
    core::model::Posyandu p;
    p.name = "Posyandu " + village;
    p.village_code = village;
    const auto posyandu = Must(t->SavePosyandu(p));
    core::model::Household h;
    h.kk = "3373041501200001";
    h.head_name = "Ahmad";
    h.address = "Jl. Melati 5";
    h.rt = "003";
    h.rw = "002";
    h.village_code = village;
    h.water = core::model::WaterSource::kRiver;
    const auto household = Must(t->RegisterHousehold(h));
    core::model::Person mother;
    mother.name = "Siti";
    mother.nik = "3373045203950001";
    mother.household_id = household;
    const auto mother_id = Must(t->RegisterPerson(mother));
    core::model::Child c;
    c.name = child_name;
    c.sex = core::growth::Sex::kFemale;
    c.birth_date = t->Today() - 400;
    c.household_id = household;
    c.mother_id = mother_id;
    c.posyandu_id = posyandu;
    c.village_code = village;
    c.consent = {"Siti", t->NowMs() / 1000, "pemantauan pertumbuhan"};
    const auto child = Must(t->RegisterChild(c));
    core::model::Measurement m;
    m.child_id = child;
    m.measured_on = t->Today() - 1;
    m.weight_g = 8900;
    m.length_mm = 745;
    m.posture = core::growth::Posture::kLying;
    Must(t->RecordMeasurement(m));
    return child;
  }

  void Rename(Tablet& t, const core::model::Id& child, const std::string& name) {
    auto c = Must(t->GetChild(child));
    ASSERT_TRUE(c);
    c->name = name;
    Must(t->RegisterChild(*c));
  }

  static void SyncOk(Tablet& t) {
    const auto report = syncing::client::SyncOnce(*t);
    ASSERT_TRUE(report.ok()) << report.error;
    EXPECT_EQ(report.refused, 0);
    EXPECT_EQ(Must(t->PendingChanges()), 0);
  }

  // Sync every tablet twice over: afterwards everything has reached everyone.
  void SyncAll() {
    for (int round = 0; round < 2; ++round) {
      for (Tablet* t : {&a_, &b_, &sup_}) {
        if (t->store) SyncOk(*t);
      }
    }
  }

  static int64_t Count(Tablet& t, const std::string& sql) {
    auto stmt = t->db().Prepare(sql);
    EXPECT_TRUE(stmt) << sql;
    auto row = (*stmt)->Step();
    EXPECT_TRUE(row && *row) << sql;
    const int64_t n = (*stmt)->Int(0);
    (*stmt)->Reset();
    return n;
  }

  // Every synced record of the tablet (in `village` when given): id -> version.
  static std::map<std::string, std::string> Snapshot(Tablet& t, const std::string& village = "") {
    std::map<std::string, std::string> out;
    const std::string where = village.empty() ? "" : " WHERE v = '" + village + "'";
    const std::string sql =
        "SELECT k, ver FROM ("
        "SELECT 'c' || hex(c.id) k, c.hlc || '/' || c.deleted || '/' || c.name ver, "
        "c.village_code v FROM child c UNION ALL "
        "SELECT 'm' || hex(m.id), m.hlc || '/' || m.deleted || '/' || coalesce(m.weight_g, 0), "
        "c.village_code FROM measurement m JOIN child c ON c.n = m.child_n UNION ALL "
        "SELECT 'h' || hex(id), hlc || '/' || deleted || '/' || head_name, village_code "
        "FROM household UNION ALL "
        "SELECT 'p' || hex(id), hlc || '/' || deleted || '/' || name, village_code FROM posyandu)" +
        where;
    auto stmt = t->db().Prepare(sql);
    EXPECT_TRUE(stmt) << sql;
    if (!stmt) return out;
    while (true) {
      auto row = (*stmt)->Step();
      if (!row || !*row) break;
      out[(*stmt)->Text(0)] = (*stmt)->Text(1);
    }
    return out;
  }

  // The changes stored on the server, counted through its own store.
  int64_t ServerCount() {
    std::string error;
    auto store = syncing::server::OpenServerStore(server_db_, &error);
    EXPECT_TRUE(store) << error;
    if (!store) return -1;
    return Must(store->ChangeCount());
  }

  // Stores a change straight into the server's store, as if it had got there
  // whatever the server checks (an older server, a restored backup, a bug).
  void StoreOnServer(const syncing::protocol::Change& change) {
    std::string error;
    auto store = syncing::server::OpenServerStore(server_db_, &error);
    ASSERT_TRUE(store) << error;
    Must(store->StoreChanges({change}, {syncing::protocol::ToJson(change)}, {}));
  }

  // A measurement change from another device for `child` (which may be unknown).
  static syncing::protocol::Change MeasurementChange(const std::string& change_id,
                                                     const core::model::Id& id,
                                                     const core::model::Id& child, int day,
                                                     int weight_g, int64_t at_ms) {
    core::model::Measurement m;
    m.meta.id = id;
    m.child_id = child;
    m.measured_on = day;
    m.weight_g = weight_g;
    syncing::protocol::Change c;
    c.change_id = change_id;
    c.record_id = id.ToString();
    c.entity = "measurement";
    c.op = "upsert";
    c.hlc = core::model::MakeHlc(at_ms, 0);
    c.device = "other-device";
    c.area = kVillageA;
    c.record = m;
    return c;
  }

  // The last sequence number on the server the supervisor may pull.
  int64_t LastServerSeq() {
    std::string error;
    auto store = syncing::server::OpenServerStore(server_db_, &error);
    EXPECT_TRUE(store) << error;
    if (!store) return -1;
    int64_t next = 0;
    for (bool more = true; more;) {
      auto page = Must(store->ChangesAfter(next, "3373", 1000));
      next = page.next;
      more = page.more;
    }
    return next;
  }

  // Every outbox entry of every tablet is on the server, once (change ids are
  // unique there, so the count says both).
  void ExpectExactlyOnce(int64_t written) { EXPECT_EQ(ServerCount(), written); }

  fs::path dir_;
  std::string server_db_;
  std::unique_ptr<ServerProcess> server_;
  Tablet a_, b_, sup_;
};

TEST_F(SyncE2eTest, OfflineEditsOnAllTabletsConvergeWithinTheirAreas) {
  OpenTablets();
  const auto child_a = AddFamily(a_, kVillageA, "Ayu");
  const auto child_b = AddFamily(b_, kVillageB, "Bima");
  AddFamily(sup_, kVillageA, "Citra");  // the supervisor registers one too
  const int64_t written =
      Must(a_->PendingChanges()) + Must(b_->PendingChanges()) + Must(sup_->PendingChanges());
  SyncAll();
  ExpectExactlyOnce(written);

  // The supervisor has both villages; each cadre has exactly their own village.
  EXPECT_TRUE(Must(sup_->GetChild(child_a)));
  EXPECT_TRUE(Must(sup_->GetChild(child_b)));
  EXPECT_FALSE(Must(a_->GetChild(child_b)));
  EXPECT_FALSE(Must(b_->GetChild(child_a)));
  EXPECT_EQ(Count(a_, "SELECT count(*) FROM child WHERE village_code <> '3373041001'"), 0);
  EXPECT_EQ(Snapshot(a_), Snapshot(sup_, kVillageA));
  EXPECT_EQ(Snapshot(b_), Snapshot(sup_, kVillageB));
  EXPECT_EQ(Snapshot(sup_).size(), Snapshot(a_).size() + Snapshot(b_).size());
  // Pulled children are searchable (the derived caches were refreshed), and
  // derived values are recomputed on arrival.
  EXPECT_EQ(Must(sup_->SearchChildren("Bima", 10)).size(), 1u);
  const auto history = Must(sup_->MeasurementsOf(child_b));
  ASSERT_EQ(history.size(), 1u);
  EXPECT_TRUE(history[0].assessment.score(core::growth::Indicator::kLengthForAge).exists());
  // In step: another sync moves nothing.
  const auto again = syncing::client::SyncOnce(*sup_);
  EXPECT_TRUE(again.ok()) << again.error;
  EXPECT_EQ(again.pulled, 0);

  // A second round of offline edits on both sides, a deletion included.
  Rename(a_, child_a, "Ayu Lestari");
  ASSERT_TRUE(b_->Delete(core::store::Entity::kChild, child_b));
  const int64_t more = Must(a_->PendingChanges()) + Must(b_->PendingChanges());
  SyncAll();
  ExpectExactlyOnce(written + more);
  EXPECT_EQ(Must(sup_->GetChild(child_a))->name, "Ayu Lestari");
  EXPECT_TRUE(Must(sup_->GetChild(child_b))->meta.deleted);
  EXPECT_EQ(Snapshot(a_), Snapshot(sup_, kVillageA));
  EXPECT_EQ(Snapshot(b_), Snapshot(sup_, kVillageB));
}

TEST_F(SyncE2eTest, ProgressCountsDownWhatIsLeftToSendAndToReceive) {
  OpenTablets();
  for (int i = 0; i < 450; ++i) AddFamily(a_, kVillageA, "Anak " + std::to_string(i));
  const int64_t from_a = Must(a_->PendingChanges());
  AddFamily(b_, kVillageB, "Bima");
  const int64_t from_b = Must(b_->PendingChanges());
  AddFamily(sup_, kVillageB, "Citra");
  const int64_t from_sup = Must(sup_->PendingChanges());
  ASSERT_GT(from_a, 2000);  // more than two pages of 1,000

  std::vector<syncing::client::SyncProgress> seen;
  const auto record = [&](const syncing::client::SyncProgress& p) { seen.push_back(p); };
  ASSERT_TRUE(syncing::client::SyncOnce(*a_, record).ok());
  // Pushing: the whole outbox first, then what each acknowledged batch leaves.
  ASSERT_GE(seen.size(), 3u);
  EXPECT_EQ(seen.front().pending_up, from_a);
  EXPECT_EQ(seen.front().pending_down, -1);  // not asked yet
  for (size_t i = 1; i < seen.size(); ++i) EXPECT_LE(seen[i].pending_up, seen[i - 1].pending_up);
  EXPECT_EQ(seen.back().pending_up, 0);
  EXPECT_EQ(seen.back().pending_down, 0);
  SyncOk(b_);

  // The supervisor pulls everything in pages: the first page's answer says what
  // follows it, and each page counts down to 0.
  seen.clear();
  const auto report = syncing::client::SyncOnce(*sup_, record);
  ASSERT_TRUE(report.ok()) << report.error;
  ASSERT_EQ(report.pulled, from_a + from_b + from_sup);
  std::vector<int64_t> down;
  for (const auto& p : seen) {
    if (p.pending_down >= 0) down.push_back(p.pending_down);
  }
  ASSERT_EQ(down.size(), static_cast<size_t>((report.pulled + 999) / 1000));
  EXPECT_EQ(down.front(), report.pulled - 1000);
  for (size_t i = 1; i < down.size(); ++i) {
    EXPECT_EQ(down[i], std::max<int64_t>(0, down[i - 1] - 1000));
  }
  EXPECT_EQ(down.back(), 0);

  // The count is scoped like the pull: a cadre's village only.
  std::string error;
  auto store = syncing::server::OpenServerStore(server_db_, &error);
  ASSERT_TRUE(store) << error;
  EXPECT_EQ(Must(store->CountAfter(0, kVillageB)), from_b + from_sup);
  EXPECT_EQ(Must(store->CountAfter(0, kVillageA)), from_a);
  EXPECT_EQ(Must(store->CountAfter(0, "3373")), ServerCount());
}

TEST_F(SyncE2eTest, AWiderAreaBringsItsHistoryNotOnlyWhatComesAfter) {
  OpenTablets();
  const auto child_a = AddFamily(a_, kVillageA, "Ayu");
  const auto child_b = AddFamily(b_, kVillageB, "Bima");
  SyncAll();
  ASSERT_FALSE(Must(a_->GetChild(child_b)));
  const auto before = Snapshot(a_);

  // Ayu's cadre becomes the kecamatan's nutrition officer: her old token
  // stays valid, her area is wider now, and Bima was stored long before.
  AddUser("kader_a", "tpk", "3373");
  const auto report = syncing::client::SyncOnce(*a_);
  ASSERT_TRUE(report.ok()) << report.error;
  EXPECT_TRUE(Must(a_->GetChild(child_b)));
  EXPECT_EQ(Snapshot(a_), Snapshot(sup_));
  EXPECT_EQ(report.conflicts, 0);  // what she held comes back the same, not as a conflict
  EXPECT_EQ(Snapshot(a_, kVillageA), before);
  EXPECT_TRUE(Must(a_->GetChild(child_a)));

  // Next time, only what is new.
  const auto again = syncing::client::SyncOnce(*a_);
  ASSERT_TRUE(again.ok()) << again.error;
  EXPECT_EQ(again.pulled, 0);
}

TEST_F(SyncE2eTest, SameChildEditedOnTwoDevicesKeepsTheLaterAndLogsTheLoser) {
  OpenTablets();
  const auto child = AddFamily(a_, kVillageA, "Ayu");
  SyncAll();
  // Both edit offline; the supervisor's edit is later.
  Rename(a_, child, "Ayu (kader)");
  const auto lost_hlc = Must(a_->GetChild(child))->meta.updated_at;
  std::this_thread::sleep_for(5ms);  // a distinct wall-clock millisecond, not synchronisation
  Rename(sup_, child, "Ayu (supervisor)");
  const auto won_hlc = Must(sup_->GetChild(child))->meta.updated_at;
  ASSERT_GT(won_hlc, lost_hlc);
  const int64_t written = ServerCount() + Must(a_->PendingChanges()) + Must(sup_->PendingChanges());
  SyncAll();
  ExpectExactlyOnce(written);
  EXPECT_EQ(Must(a_->GetChild(child))->name, "Ayu (supervisor)");
  EXPECT_EQ(Must(sup_->GetChild(child))->name, "Ayu (supervisor)");
  EXPECT_EQ(Snapshot(a_), Snapshot(sup_, kVillageA));
  // The losing version is in a conflict log, with its content.
  const int64_t logged =
      Count(a_, "SELECT count(*) FROM conflict_log WHERE lost_hlc = " + std::to_string(lost_hlc) +
                    " AND payload LIKE '%Ayu (kader)%'") +
      Count(sup_, "SELECT count(*) FROM conflict_log WHERE lost_hlc = " + std::to_string(lost_hlc) +
                      " AND payload LIKE '%Ayu (kader)%'");
  EXPECT_GE(logged, 1);
  EXPECT_EQ(
      Count(a_, "SELECT count(*) FROM conflict_log WHERE lost_hlc = " + std::to_string(won_hlc)) +
          Count(sup_,
                "SELECT count(*) FROM conflict_log WHERE lost_hlc = " + std::to_string(won_hlc)),
      0);
}

TEST_F(SyncE2eTest, UnsentLocalEditIsNotClobberedByAnOlderPull) {
  OpenTablets();
  const auto child = AddFamily(a_, kVillageA, "Ayu");
  SyncAll();
  Rename(sup_, child, "older, from the supervisor");
  SyncOk(sup_);
  std::this_thread::sleep_for(5ms);  // a distinct wall-clock millisecond
  Rename(a_, child, "newer, unsent on the kader's tablet");
  // The pull half first (push nothing yet): the older remote version loses.
  const auto report = syncing::client::SyncOnce(*a_);
  ASSERT_TRUE(report.ok()) << report.error;
  SyncAll();
  EXPECT_EQ(Must(a_->GetChild(child))->name, "newer, unsent on the kader's tablet");
  EXPECT_EQ(Must(sup_->GetChild(child))->name, "newer, unsent on the kader's tablet");
  EXPECT_GE(Count(a_, "SELECT count(*) FROM conflict_log WHERE payload LIKE '%older, from%'") +
                Count(sup_, "SELECT count(*) FROM conflict_log WHERE payload LIKE '%older, from%'"),
            1);
}

TEST_F(SyncE2eTest, TabletClockADayAheadStillSyncsAndLaterEditsWin) {
  OpenTablet(a_, "a", "kader_a", 86'400'000);  // a day ahead
  OpenTablet(sup_, "sup", "supervisor");
  const auto child = AddFamily(a_, kVillageA, "Ayu");
  const int64_t written = Must(a_->PendingChanges());
  SyncAll();  // nothing is refused for the skew
  ExpectExactlyOnce(written);
  // The supervisor has seen the tablet's clock: its edit now orders after it.
  Rename(sup_, child, "corrected by the supervisor");
  EXPECT_GT(Must(sup_->GetChild(child))->meta.updated_at,
            Must(a_->GetChild(child))->meta.updated_at);
  SyncAll();
  EXPECT_EQ(Must(a_->GetChild(child))->name, "corrected by the supervisor");
  EXPECT_EQ(Snapshot(a_), Snapshot(sup_, kVillageA));
}

TEST_F(SyncE2eTest, ServerKilledMidPushThenRestartedLosesAndDoublesNothing) {
  OpenTablets();
  for (int i = 0; i < 300; ++i) AddFamily(a_, kVillageA, "Anak " + std::to_string(i));
  const int64_t written = Must(a_->PendingChanges());
  syncing::client::SyncReport report;
  std::thread push([&] { report = syncing::client::SyncOnce(*a_); });
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (ServerCount() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(1ms);
  }
  server_->Kill(SIGKILL);  // in the middle of the push (or just after it)
  push.join();
  const int64_t stored = ServerCount();
  EXPECT_GT(stored, 0);
  if (stored < written) {
    EXPECT_FALSE(report.ok());
  }
  // Only acknowledged entries left the outbox.
  EXPECT_GE(Must(a_->PendingChanges()) + stored, written);
  server_->Start();
  SyncAll();
  ExpectExactlyOnce(written);
  EXPECT_EQ(Snapshot(a_), Snapshot(sup_, kVillageA));
  EXPECT_EQ(Count(sup_, "SELECT count(*) FROM child"), 300);
}

TEST_F(SyncE2eTest, ConnectionCutMidResponseResumesWhereItStopped) {
  CuttingProxy proxy(server_->port());
  a_.path = (dir_ / "a.db").string();
  a_.Open();
  ASSERT_TRUE(syncing::client::Enrol(*a_, proxy.url(), "kader_a", kPassword));
  sup_.path = (dir_ / "sup.db").string();
  sup_.Open();
  ASSERT_TRUE(syncing::client::Enrol(*sup_, proxy.url(), "supervisor", kPassword));
  for (int i = 0; i < 120; ++i) AddFamily(a_, kVillageA, "Anak " + std::to_string(i));
  const int64_t written = Must(a_->PendingChanges());
  proxy.CutEvery(2);  // every other connection loses its answer
  for (Tablet* t : {&a_, &sup_}) {
    // The cut answer is asked for again on a new connection within the sync.
    const auto report = syncing::client::SyncOnce(**t);
    EXPECT_TRUE(report.ok()) << report.error;
    EXPECT_EQ(Must((*t)->PendingChanges()), 0);
  }
  EXPECT_GT(proxy.cuts(), 0);
  proxy.CutEvery(0);
  SyncOk(a_);
  SyncOk(sup_);
  ExpectExactlyOnce(written);
  EXPECT_EQ(Snapshot(a_), Snapshot(sup_, kVillageA));
  EXPECT_EQ(Count(sup_, "SELECT count(*) FROM child"), 120);
}

TEST_F(SyncE2eTest, TlsServerWithCertAndKeySyncsATabletThatTrustsIt) {
  const std::string cert = (dir_ / "cert.pem").string(), key = (dir_ / "key.pem").string();
  ASSERT_EQ(RunShell("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
                     "-addext subjectAltName=IP:127.0.0.1 -keyout " +
                     key + " -out " + cert + " 2>/dev/null"),
            0);
  ServerProcess tls(server_db_, (dir_ / "tls.log").string(), {"--cert", cert, "--key", key});
  tls.Start();
  const std::string url = "https://127.0.0.1:" + std::to_string(tls.port());
  // Plain HTTP to the TLS port gets nowhere.
  httplib::Client plain("127.0.0.1", tls.port());
  auto res = plain.Get("/v1/health");
  EXPECT_TRUE(!res || res->status != 200);
  // The tablet trusts the certificate (as it would a CA's) and syncs over TLS.
  setenv("SSL_CERT_FILE", cert.c_str(), 1);
  a_.path = (dir_ / "a.db").string();
  a_.Open();
  auto profile = syncing::client::Enrol(*a_, url, "kader_a", kPassword);
  ASSERT_TRUE(profile) << profile.error().message;
  AddFamily(a_, kVillageA, "Ayu");
  const int64_t written = Must(a_->PendingChanges());
  SyncOk(a_);
  unsetenv("SSL_CERT_FILE");
  ExpectExactlyOnce(written);
}

TEST_F(SyncE2eTest, CliEnrolAndSyncExitCodes) {
  const std::string db = (dir_ / "cli.db").string();
  const std::string cli = TUMBUH_CLI_PATH;
  ASSERT_EQ(RunShell(cli + " seed --db " + db + " --children 20 --months 2 >/dev/null"), 0);
  AddUser("sup3322", "supervisor", "3322");
  EXPECT_NE(RunShell(cli + " sync --db " + db + " 2>/dev/null"), 0);  // not enrolled
  EXPECT_NE(RunShell(std::string("echo wrong | ") + cli + " enrol --db " + db + " --server " +
                     server_->url() + " --user sup3322 --password-stdin 2>/dev/null"),
            0);
  ASSERT_EQ(RunShell(std::string("echo '") + kPassword + "' | " + cli + " enrol --db " + db +
                     " --server " + server_->url() + " --user sup3322 --password-stdin >/dev/null"),
            0);
  EXPECT_EQ(RunShell(cli + " sync --db " + db + " >/dev/null"), 0);
  EXPECT_EQ(RunShell(cli + " sync --db " + db + " >/dev/null"), 0);
  server_->Kill(SIGKILL);
  EXPECT_NE(RunShell(cli + " sync --db " + db + " >/dev/null 2>&1"), 0);  // no server
}

#ifdef TUMBUH_SYNC_POSTGRES
TEST_F(SyncE2eTest, TwoServersSharingOnePostgresServeConcurrentPushesAndPulls) {
  ServerProcess second(server_db_, (dir_ / "server2.log").string());
  second.Start();
  OpenTablet(a_, "a", "kader_a");
  b_.path = (dir_ / "b.db").string();
  b_.Open();
  ASSERT_TRUE(syncing::client::Enrol(*b_, second.url(), "kader_b", kPassword));
  OpenTablet(sup_, "sup", "supervisor");
  for (int i = 0; i < 60; ++i) {
    AddFamily(a_, kVillageA, "A" + std::to_string(i));
    AddFamily(b_, kVillageB, "B" + std::to_string(i));
  }
  const int64_t written = Must(a_->PendingChanges()) + Must(b_->PendingChanges());
  // Both servers store at once while the supervisor keeps pulling: the
  // commit-ordered sequence never lets a pull skip a change.
  std::atomic<int> done{0};
  std::thread push_a([&] {
    EXPECT_TRUE(syncing::client::SyncOnce(*a_).ok());
    ++done;
  });
  std::thread push_b([&] {
    EXPECT_TRUE(syncing::client::SyncOnce(*b_).ok());
    ++done;
  });
  while (done < 2) SyncOk(sup_);
  push_a.join();
  push_b.join();
  SyncAll();
  ExpectExactlyOnce(written);
  EXPECT_EQ(Count(sup_, "SELECT count(*) FROM child"), 120);
  EXPECT_EQ(Snapshot(a_), Snapshot(sup_, kVillageA));
  EXPECT_EQ(Snapshot(b_), Snapshot(sup_, kVillageB));
}
#endif

TEST_F(SyncE2eTest, APushIntoAnotherAreaIsRefusedAndSetAside) {
  OpenTablets();
  AddFamily(a_, kVillageA, "Ayu");
  const int64_t good = Must(a_->PendingChanges());
  core::model::Household wrong;
  wrong.kk = "3373041501200009";
  wrong.head_name = "Salah Desa";
  wrong.village_code = kVillageB;  // not kader_a's village
  const auto refused_id = Must(a_->RegisterHousehold(wrong));
  const auto report = syncing::client::SyncOnce(*a_);
  EXPECT_TRUE(report.ok()) << report.error;
  EXPECT_EQ(report.refused, 1);
  EXPECT_EQ(Must(core::store::QuarantineCount(*a_)), 1);  // kept, with the reason
  EXPECT_EQ(Must(a_->PendingChanges()), 0);
  ExpectExactlyOnce(good);                          // the rest of the batch went in
  EXPECT_TRUE(Must(a_->GetHousehold(refused_id)));  // nothing deleted on the tablet
  SyncOk(b_);
  EXPECT_FALSE(Must(b_->GetHousehold(refused_id)));
}

TEST_F(SyncE2eTest, ARefusalInAnEarlyBatchStillSendsTheRestOfItFirst) {
  // The next batch is read while one is on the wire; a refused batch must
  // still have its good changes sent again, and nothing skipped or doubled.
  OpenTablets();
  for (int i = 0; i < 450; ++i) {
    AddFamily(a_, kVillageA, "Anak " + std::to_string(i));
    if (i == 200) {  // in the middle of the first batch of 2,000
      core::model::Household wrong;
      wrong.kk = "3373041501200009";
      wrong.head_name = "Salah Desa";
      wrong.village_code = kVillageB;
      Must(a_->RegisterHousehold(wrong));
    }
  }
  const int64_t written = Must(a_->PendingChanges());
  ASSERT_GT(written, 2000);  // two batches
  const auto report = syncing::client::SyncOnce(*a_);
  ASSERT_TRUE(report.ok()) << report.error;
  EXPECT_EQ(report.refused, 1);
  EXPECT_EQ(report.pushed, written - 1);
  EXPECT_EQ(Must(a_->PendingChanges()), 0);
  ExpectExactlyOnce(written - 1);
  SyncOk(sup_);
  EXPECT_EQ(Snapshot(sup_, kVillageA), Snapshot(a_, kVillageA));
  EXPECT_EQ(Count(sup_, "SELECT count(*) FROM child"), 450);
}

TEST_F(SyncE2eTest, AReviewNeverOverwritesTheCadresEdit) {
  OpenTablets();
  const auto child = AddFamily(a_, kVillageA, "Ayu");
  SyncAll();
  Rename(a_, child, "Ayu Lestari");  // offline on the cadre's tablet...
  core::model::Review review;        // ...while the supervisor verifies the measurement
  review.target_id = Must(sup_->MeasurementsOf(child)).front().meta.id;
  review.reviewer_id = core::model::IdGenerator(2).Make(1);
  review.decision = core::model::ReviewDecision::kVerified;
  ASSERT_TRUE(sup_->AddReview(review));
  SyncAll();
  EXPECT_EQ(Must(a_->ReviewsOf(review.target_id)).size(), 1u);
  EXPECT_EQ(Must(a_->GetChild(child))->name, "Ayu Lestari");
  EXPECT_EQ(Must(sup_->GetChild(child))->name, "Ayu Lestari");
  EXPECT_EQ(Must(core::store::ConflictCount(*a_)), 0);
  EXPECT_EQ(Must(core::store::ConflictCount(*sup_)), 0);
}

TEST_F(SyncE2eTest, ARetriedBatchWhoseAnswerWasLostIsStoredOnce) {
  OpenTablets();
  AddFamily(a_, kVillageA, "Ayu");
  const int64_t written = Must(a_->PendingChanges());
  SyncOk(a_);
  ExpectExactlyOnce(written);
  // Send exactly what was stored again, as a tablet whose acknowledgement was lost.
  httplib::Client http(server_->url());
  http.set_bearer_token_auth(*Must(core::store::GetSyncState(*a_, "token")));
  auto pull = http.Get("/v1/pull?after=0");
  ASSERT_TRUE(pull && pull->status == 200);
  const auto page = Must(syncing::protocol::ParsePullResponse(pull->body));
  const syncing::protocol::PushRequest replay{page.changes};
  for (int i = 0; i < 2; ++i) {
    auto res = http.Post("/v1/push", syncing::protocol::ToJson(replay), "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(Must(syncing::protocol::ParsePushResponse(res->body)).acknowledged.size(),
              static_cast<size_t>(written));
  }
  ExpectExactlyOnce(written);
}

TEST_F(SyncE2eTest, AServerKilledMidPullResumesWhereItStopped) {
  OpenTablets();
  for (int i = 0; i < 450; ++i) AddFamily(a_, kVillageA, "Anak " + std::to_string(i));
  SyncOk(a_);  // 2,250 changes on the server: three pull pages
  std::thread puller([&] { (void)syncing::client::SyncOnce(*sup_); });
  std::this_thread::sleep_for(40ms);
  server_->Kill(SIGKILL);  // the connection is cut wherever it was
  puller.join();
  const auto cursor = Must(core::store::GetSyncState(*sup_, "cursor")).value_or("0");
  server_->Start();
  SyncOk(sup_);
  EXPECT_EQ(Count(sup_, "SELECT count(*) FROM child"), 450) << "cursor was " << cursor;
  EXPECT_EQ(Count(sup_, "SELECT count(*) FROM measurement"), 450);
  EXPECT_EQ(Snapshot(sup_, kVillageA), Snapshot(a_));
}

TEST_F(SyncE2eTest, BadRequestsGetAReasonAndTheServerKeepsServing) {
  // This server takes bodies up to 2,000,000 bytes.
  server_.reset();
  server_ = std::make_unique<ServerProcess>(server_db_, (dir_ / "server.log").string(),
                                            std::vector<std::string>{"--max-body", "2000000"});
  server_->Start();
  OpenTablet(a_, "a", "kader_a");
  httplib::Client http(server_->url());
  EXPECT_EQ(http.Post("/v1/push", "{}", "application/json")->status, 401);  // no token
  http.set_bearer_token_auth(*Must(core::store::GetSyncState(*a_, "token")));
  auto broken = http.Post("/v1/push", "{\"v\": {\"changes\": [", "application/json");
  EXPECT_EQ(broken->status, 400);
  EXPECT_NE(broken->body.find("error"), std::string::npos);
  EXPECT_EQ(http.Post("/v1/push", "{\"v\": {\"changes\": 7}}", "application/json")->status, 400);
  EXPECT_EQ(http.Post("/v1/push", "{\"v\": {}}", "application/json")->status, 400);  // no field
  EXPECT_EQ(http.Get("/v1/pull?after=abc")->status, 400);
  // The server answers 413 once it has read the headers and closes: a client
  // still sending the body may find the connection cut (no answer) first.
  auto too_big = http.Post("/v1/push", std::string(3'000'000, ' '), "application/json");
  if (too_big) {
    EXPECT_EQ(too_big->status, 413);
  }
  EXPECT_EQ(http.Get("/v1/health")->status, 200);
  ExpectExactlyOnce(0);
  // Revoking the user's tokens locks the tablet out until it enrols again.
  ASSERT_EQ(RunShell(std::string(TUMBUH_SERVER_PATH) + " --db '" + server_db_ +
                     "' user revoke kader_a > /dev/null"),
            0);
  const auto report = syncing::client::SyncOnce(*a_);
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.problem, syncing::client::SyncProblem::kUnauthorized);
  EXPECT_NE(report.error.find("enrol"), std::string::npos) << report.error;
}

// The server keeps this client's bytes for each change and encodes the
// changes of any other layout itself: a tablet pulls both the same way.
TEST_F(SyncE2eTest, PushesInAnyJsonLayoutArePulledBackAlike) {
  OpenTablets();
  httplib::Client http(server_->url());
  http.set_bearer_token_auth(*Must(core::store::GetSyncState(*a_, "token")));
  const std::string ids[] = {"01a2123f-a678-7985-8185-7047b7493461",
                             "01a2123f-a678-7985-8185-7047b7493462"};
  const std::string device = a_->device_id();  // the token's: the only one it may write as
  auto change = [&](const std::string& id, const char* name, const char* space) {
    const std::string s = space;
    return "{" + s + "\"change_id\":" + s + "\"" + device + ":" + id.substr(35) + "\"," + s +
           "\"record_id\":\"" + id + "\",\"entity\":\"posyandu\",\"op\":\"upsert\"," +
           "\"hlc\":117676604850176000,\"device\":\"" + device + "\",\"area\":\"" + kVillageA +
           "\",\"seq\":0,\"record\":{\"index\":1,\"data\":{\"id\":\"" + id + "\",\"name\":\"" +
           name + "\",\"village\":\"" + kVillageA + "\",\"cadres\":[]}}}";
  };
  const std::string compact =
      "{\"v\":{\"changes\":[" + change(ids[0], "Mawar \\\"1\\\" [RW 2]", "") + "]}}";
  const std::string spaced =
      "{ \"v\" : { \"changes\" : [ " + change(ids[1], "Melati", " ") + " ] } }";
  for (const std::string& body : {compact, spaced}) {
    auto res = http.Post("/v1/push", body, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
  }
  SyncOk(b_);  // kader_b's village: sees neither
  SyncOk(sup_);
  const auto first = Must(sup_->GetPosyandu(*core::model::Id::Parse(ids[0])));
  const auto second = Must(sup_->GetPosyandu(*core::model::Id::Parse(ids[1])));
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->name, "Mawar \"1\" [RW 2]");
  EXPECT_EQ(second->name, "Melati");
  EXPECT_EQ(first->meta.device, device);
  EXPECT_FALSE(Must(b_->GetPosyandu(*core::model::Id::Parse(ids[0]))));
}

// Finding 6 of issue 13: one change a tablet cannot apply must not stop the
// area's pulls. A measurement of a child nobody has and one weighing -5 kg
// are on the server (stored straight into its store); a fresh supervisor
// tablet still gets everything else, its cursor moves past them, they wait
// set aside with their reasons, and the counts say so.
TEST_F(SyncE2eTest, APulledChangeThatCannotBeAppliedIsSetAsideAndTheRestApplies) {
  OpenTablets();
  const auto child_a = AddFamily(a_, kVillageA, "Ayu");
  SyncOk(a_);
  const int64_t now = a_->NowMs();
  core::model::IdGenerator ids(9);
  const core::model::Id orphan = ids.Make(now);  // a child no device has (yet)
  const core::model::Id dangling = ids.Make(now), negative = ids.Make(now);
  StoreOnServer(MeasurementChange("other-device:1", dangling, orphan, a_->Today() - 2, 9100, now));
  StoreOnServer(
      MeasurementChange("other-device:2", negative, child_a, a_->Today() - 2, -5000, now));
  AddFamily(a_, kVillageA, "Bunga");  // good changes after the bad ones
  AddFamily(b_, kVillageB, "Bima");
  SyncOk(a_);
  SyncOk(b_);
  const int64_t on_server = ServerCount();

  const auto report = syncing::client::SyncOnce(*sup_);
  ASSERT_TRUE(report.ok()) << report.error;
  EXPECT_EQ(report.pulled, on_server);
  EXPECT_EQ(report.set_aside, 2);
  EXPECT_EQ(report.applied, on_server - 2);  // only what was stored
  EXPECT_EQ(report.waiting_set_aside, 2);
  EXPECT_EQ(Must(core::store::SetAsideCount(*sup_)), 2);
  EXPECT_EQ(Must(core::store::GetSyncState(*sup_, "cursor")), std::to_string(LastServerSeq()));
  EXPECT_EQ(Count(sup_, "SELECT count(*) FROM child"), 3);
  EXPECT_EQ(Count(sup_, "SELECT count(*) FROM measurement"), 3);
  EXPECT_FALSE(Must(sup_->GetMeasurement(dangling)));
  EXPECT_FALSE(Must(sup_->GetMeasurement(negative)));  // refused by the same rules as a local write
  const auto waiting = Must(core::store::ReadSetAside(*sup_));
  ASSERT_EQ(waiting.size(), 2u);
  EXPECT_EQ(waiting[0].change_id, "other-device:1");
  EXPECT_NE(waiting[0].reason.find("error.unknown_child"), std::string::npos) << waiting[0].reason;
  EXPECT_EQ(waiting[1].change_id, "other-device:2");
  EXPECT_NE(waiting[1].reason.find("error.weight_range"), std::string::npos) << waiting[1].reason;
  EXPECT_EQ(Snapshot(sup_, kVillageA), Snapshot(a_));
  EXPECT_EQ(Snapshot(sup_, kVillageB), Snapshot(b_));
  // The cadre's tablet of the same village pulled past them too; the other village never saw them.
  EXPECT_EQ(Must(core::store::SetAsideCount(*a_)), 2);
  EXPECT_EQ(Must(core::store::SetAsideCount(*b_)), 0);

  // In step: nothing more comes, the two still wait, and the counts stay true.
  const auto again = syncing::client::SyncOnce(*sup_);
  ASSERT_TRUE(again.ok()) << again.error;
  EXPECT_EQ(again.pulled, 0);
  EXPECT_EQ(again.applied, 0);
  EXPECT_EQ(again.set_aside, 0);
  EXPECT_EQ(again.waiting_set_aside, 2);
}

TEST_F(SyncE2eTest, ASetAsideChangeIsAppliedWhenWhatItNeedsArrivesUnderTheConflictRule) {
  OpenTablets();
  const auto sibling = AddFamily(a_, kVillageA, "Ayu");
  SyncOk(a_);
  const int64_t now = a_->NowMs();
  core::model::IdGenerator ids(9);
  const core::model::Id orphan = ids.Make(now);
  const core::model::Id early = ids.Make(now), overtaken = ids.Make(now);
  const int day = a_->Today() - 2;
  StoreOnServer(MeasurementChange("other-device:1", early, orphan, day, 9100, now - 60'000));
  StoreOnServer(
      MeasurementChange("other-device:2", overtaken, orphan, day - 1, 9000, now - 60'000));
  SyncOk(sup_);
  ASSERT_EQ(Must(core::store::SetAsideCount(*sup_)), 2);

  // The child arrives later (registered on the cadre's tablet with that id),
  // with a newer version of one of the two measurements.
  auto c = Must(a_->GetChild(sibling));  // a sister, in the same family
  ASSERT_TRUE(c);
  c->meta = {};
  c->meta.id = orphan;
  c->name = "Citra";
  Must(a_->RegisterChild(*c));
  core::model::Measurement newer;
  newer.meta.id = overtaken;
  newer.child_id = orphan;
  newer.measured_on = day - 1;
  newer.weight_g = 9500;
  Must(a_->RecordMeasurement(newer));
  SyncOk(a_);

  const auto report = syncing::client::SyncOnce(*sup_);
  ASSERT_TRUE(report.ok()) << report.error;
  EXPECT_EQ(report.pulled, 2);  // the child and the newer measurement
  EXPECT_EQ(report.set_aside, 0);
  EXPECT_EQ(report.from_set_aside, 2);  // one applied, one lost to the newer version
  EXPECT_EQ(report.applied, 3);
  EXPECT_EQ(report.waiting_set_aside, 0);
  EXPECT_EQ(Must(core::store::SetAsideCount(*sup_)), 0);
  ASSERT_TRUE(Must(sup_->GetMeasurement(early)));
  EXPECT_EQ(Must(sup_->GetMeasurement(early))->weight_g, 9100);
  // The older set-aside version did not replace the newer one: it is logged.
  EXPECT_EQ(Must(sup_->GetMeasurement(overtaken))->weight_g, 9500);
  EXPECT_EQ(Must(core::store::ConflictCount(*sup_)), 1);
  EXPECT_EQ(Must(sup_->MeasurementsOf(orphan)).size(), 2u);
}

TEST_F(SyncE2eTest, ASyncWaitsForAServerThatIsNotUpYetAndGivesUpInTime) {
  OpenTablets();
  AddFamily(a_, kVillageA, "Ayu");
  const int64_t written = Must(a_->PendingChanges());
  server_->Kill(SIGTERM);
  // Nobody listens: a few quick tries, then kUnreachable.
  const auto started = std::chrono::steady_clock::now();
  const auto gone = syncing::client::SyncOnce(*a_, {}, {3, 50ms, 10s});
  EXPECT_FALSE(gone.ok());
  EXPECT_EQ(gone.problem, syncing::client::SyncProblem::kUnreachable);
  EXPECT_GE(std::chrono::steady_clock::now() - started, 150ms);  // waited 50 + 100 ms
  EXPECT_EQ(Must(a_->PendingChanges()), written);
  // The server comes up a second after the sync began: the sync waits for it.
  std::thread later([&] {
    std::this_thread::sleep_for(1s);
    server_->Start();
  });
  const auto report = syncing::client::SyncOnce(*a_, {}, {10, 100ms, 60s});
  later.join();
  ASSERT_TRUE(report.ok()) << report.error;
  EXPECT_EQ(report.pushed, written);
  ExpectExactlyOnce(written);
}

TEST_F(SyncE2eTest, WrongPasswordIsRefused) {
  auto store = Store::Open((dir_ / "x.db").string());
  ASSERT_TRUE(store);
  auto profile = syncing::client::Enrol(**store, server_->url(), "kader_a", "wrong-password");
  ASSERT_FALSE(profile);
  EXPECT_NE(profile.error().message.find("wrong user name or password"), std::string::npos);
}

}  // namespace
