// tumbuh-server attacked as issue 13 found it could be: each test sends the
// exact request an anonymous client, or a cadre with her own password, would
// send to a real server process, and checks the server refuses it, keeps
// serving, and stores nothing it should not. Built twice: on the SQLite store
// (server_attack_tests) and on PostgreSQL (server_attack_postgres_tests).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <zlib.h>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include "gzip.h"
#include "server_process.h"
#include "server_store.h"
#include "store/store.h"
#include "store/sync_store.h"
#include "sync_client.h"
#include "sync_test_support.h"
#include "test_database.h"

namespace {

namespace fs = std::filesystem;
using core::model::Id;
using core::store::Store;
using syncing::protocol::Change;
using syncing::testing::ServerProcess;
using namespace std::chrono_literals;

using syncing::testing::kPassword;
using syncing::testing::kVillageA;
using syncing::testing::kVillageB;
using syncing::testing::Must;
using syncing::testing::RunShell;

// gzip of `text` at level 9 (zlib): what an attacker would send.
std::string Gzip(const std::string& text) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, text.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// A raw TCP connection to the server, for what httplib's client will not send.
class RawConnection {
 public:
  explicit RawConnection(int port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    timeval timeout{10, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~RawConnection() { close(fd_); }
  bool connected() const { return connected_; }
  // False once the server has closed (or reset) the connection.
  bool Send(const std::string& data) {
    return ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(data.size());
  }
  std::string ReadAll() {
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = read(fd_, buf, sizeof buf)) > 0) out.append(buf, n);
    return out;
  }

 private:
  int fd_;
  bool connected_ = false;
};

class ServerAttackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tumbuh-attack-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    server_db_ = syncing::testing::ServerDatabase((dir_ / "server.db").string());
    AddUser("kader_a", "kader", kVillageA);
    AddUser("kader_b", "kader", kVillageB);
    AddUser("bidan_a", "bidan", kVillageA);
    AddUser("supervisor", "supervisor", "3373");
    server_ = std::make_unique<ServerProcess>(server_db_, log());
    server_->Start();
  }
  void TearDown() override {
    server_.reset();
    tablets_.clear();
    if (!HasFailure()) fs::remove_all(dir_);
  }
  std::string log() const { return (dir_ / "server.log").string(); }

  void AddUser(const std::string& name, const std::string& role, const std::string& area) {
    const std::string command = std::string("echo '") + kPassword + "' | " + TUMBUH_SERVER_PATH +
                                " --db '" + server_db_ + "' user add " + name + " --role " + role +
                                " --area " + area + " --password-stdin >/dev/null";
    ASSERT_EQ(RunShell(command), 0) << command;
  }

  // A tablet enrolled as `user`, with village A and B known.
  Store& Tablet(const std::string& user, int64_t skew_ms = 0) {
    core::store::StoreOptions options;
    options.now_ms = [skew_ms] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count() +
             skew_ms;
    };
    auto opened = Store::Open((dir_ / (user + ".db")).string(), options);
    EXPECT_TRUE(opened) << opened.error().message;
    Store& store = *tablets_.emplace_back(std::move(*opened));
    for (const char* v : {kVillageA, kVillageB}) {
      EXPECT_TRUE(store.SaveArea({v, v, core::model::AreaLevel::kDesa, "337304"}));
    }
    auto profile = syncing::client::Enrol(store, server_->url(), user, kPassword);
    EXPECT_TRUE(profile) << profile.error().message;
    return store;
  }

  // A family with one child in `village`, written on `t` (not yet synced).
  Id AddFamily(Store& t, const std::string& village, const std::string& child_name) {
    core::model::Household h;
    h.kk = "3373041501200001";
    h.head_name = "Ahmad";
    h.address = "Jl. Melati 5";
    h.village_code = village;
    const auto household = Must(t.RegisterHousehold(h));
    core::model::Child c;
    c.name = child_name;
    c.sex = core::growth::Sex::kFemale;
    c.birth_date = t.Today() - 400;
    c.household_id = household;
    c.village_code = village;
    c.consent = {"Siti", t.NowMs() / 1000, "pemantauan pertumbuhan"};
    return Must(t.RegisterChild(c));
  }

  httplib::Client Http(Store* as = nullptr) {
    httplib::Client http(server_->url());
    http.set_read_timeout(30, 0);
    if (as) http.set_bearer_token_auth(*Must(core::store::GetSyncState(*as, "token")));
    return http;
  }

  // One change as `t`'s device would write it, numbered `seq`.
  static Change Upsert(Store& t, int seq, const std::string& area, syncing::protocol::Record record,
                       const std::string& entity) {
    Change c;
    c.change_id = t.device_id() + ":" + std::to_string(1000000 + seq);
    c.record_id = std::visit(
        [](const auto& r) -> std::string {
          if constexpr (std::is_same_v<std::decay_t<decltype(r)>, std::monostate>) {
            return "";
          } else {
            return r.meta.id.ToString();
          }
        },
        record);
    c.entity = entity;
    c.op = "upsert";
    c.hlc = core::model::MakeHlc(t.NowMs(), 0);
    c.device = t.device_id();
    c.area = area;
    c.record = std::move(record);
    return c;
  }

  httplib::Result Push(Store& as, const std::vector<Change>& changes) {
    return Http(&as).Post("/v1/push",
                          syncing::protocol::ToJson(syncing::protocol::PushRequest{changes}),
                          "application/json");
  }

  // The reason the server gave for refusing the only change of a push.
  std::string Refusal(Store& as, const Change& change) {
    auto res = Push(as, {change});
    EXPECT_TRUE(res);
    if (!res) return "";
    EXPECT_TRUE(res->status == 422 || res->status == 403) << res->status << " " << res->body;
    auto parsed = syncing::protocol::ParsePushResponse(res->body);
    EXPECT_TRUE(parsed && parsed->refused.size() == 1) << res->body;
    return parsed && !parsed->refused.empty() ? parsed->refused[0].reason : "";
  }

  int64_t ServerCount() {
    std::string error;
    auto store = syncing::server::OpenServerStore(server_db_, &error);
    EXPECT_TRUE(store) << error;
    return store ? Must(store->ChangeCount()) : -1;
  }

  void ExpectHealthy() {
    auto res = Http().Get("/v1/health");
    ASSERT_TRUE(res) << "the server stopped answering";
    EXPECT_EQ(res->status, 200);
  }

  fs::path dir_;
  std::string server_db_;
  std::unique_ptr<ServerProcess> server_;
  std::vector<std::unique_ptr<Store>> tablets_;
};

TEST_F(ServerAttackTest, DeeplyNestedJsonIsRefusedWithoutALogIn) {
  const std::string million =
      "{\"v\":" + std::string(1'000'000, '[') + std::string(1'000'000, ']') + "}";
  const std::string zipped = Gzip(million);
  EXPECT_LT(zipped.size(), 5000u);
  httplib::Headers gzip = {{"Content-Encoding", "gzip"}};
  auto res = Http().Post("/v1/enrol", gzip, zipped, "application/json");
  ASSERT_TRUE(res) << "the server crashed";
  EXPECT_GE(res->status, 400);
  EXPECT_LT(res->status, 500);
  // 200,000 levels (400 KB) fit a push body: the depth bound refuses them.
  Store& a = Tablet("kader_a");
  const std::string plain = "{\"v\":" + std::string(200'000, '[') + std::string(200'000, ']') + "}";
  res = Http(&a).Post("/v1/push", plain, "application/json");
  ASSERT_TRUE(res) << "the server crashed";
  EXPECT_EQ(res->status, 400);
  ExpectHealthy();
}

TEST_F(ServerAttackTest, BodyLimitsHoldOnTheInflatedSizeAndOnChunkedBodies) {
  Store& a = Tablet("kader_a");
  // 64 MiB of JSON-ish spaces in a gzip of about 64 KB: stopped at 16 MiB.
  const std::string bomb = Gzip(std::string(64u << 20, ' '));
  EXPECT_LT(bomb.size(), 200'000u);
  auto res = Http(&a).Post("/v1/push", {{"Content-Encoding", "gzip"}}, bomb, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_NE(res->body.find("\"error\""), std::string::npos) << res->body;
  res = Http().Post("/v1/enrol", {{"Content-Encoding", "gzip"}}, bomb, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);

  // 50 MB sent chunked: the server stops reading and answers 413.
  RawConnection raw(server_->port());
  ASSERT_TRUE(raw.connected());
  const std::string token = *Must(core::store::GetSyncState(a, "token"));
  ASSERT_TRUE(raw.Send("POST /v1/push HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                       "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk = "100000\r\n" + std::string(0x100000, ' ') + "\r\n";
  for (int i = 0; i < 50 && raw.Send(chunk); ++i) {
  }
  const std::string answer = raw.ReadAll();
  EXPECT_NE(answer.find("413"), std::string::npos) << answer.substr(0, 200);
  EXPECT_EQ(ServerCount(), 0);
  ExpectHealthy();
}

TEST_F(ServerAttackTest, TheAreaComesFromTheRecordsTheServerHolds) {
  Store& a = Tablet("kader_a");
  Store& b = Tablet("kader_b");
  const Id child_id = AddFamily(a, kVillageA, "Dewi");
  ASSERT_TRUE(syncing::client::SyncOnce(a).ok());
  const int64_t stored = ServerCount();
  auto child = *Must(a.GetChild(child_id));

  // kader_b renames village A's child and writes her own village as the area.
  auto renamed = child;
  renamed.name = "Diubah";
  EXPECT_NE(Refusal(b, Upsert(b, 1, kVillageB, renamed, "child")).find("outside your area"),
            std::string::npos);
  // ...or moves the child into her village.
  auto moved = renamed;
  moved.village_code = kVillageB;
  EXPECT_NE(Refusal(b, Upsert(b, 2, kVillageB, moved, "child")).find("not its family's"),
            std::string::npos);
  // A hint that disagrees with the record's place is refused even inside the area.
  Store& sup = Tablet("supervisor");
  EXPECT_NE(Refusal(sup, Upsert(sup, 1, kVillageB, renamed, "child")).find("not where the record"),
            std::string::npos);
  // ...or measures it, with her own village as the area.
  core::model::Measurement m;
  m.meta.id = Id::Parse("01a2123f-a678-7985-8185-7047b7493499").value();
  m.child_id = child_id;
  m.measured_on = b.Today();
  m.weight_g = 9000;
  EXPECT_FALSE(Refusal(b, Upsert(b, 3, kVillageB, m, "measurement")).empty());
  // A record the server cannot place is refused too.
  m.child_id = Id::Parse("01a2123f-a678-7985-8185-7047b7490000").value();
  EXPECT_NE(Refusal(b, Upsert(b, 4, kVillageB, m, "measurement")).find("does not hold"),
            std::string::npos);
  EXPECT_EQ(ServerCount(), stored);

  // The supervisor still sees kader_a's child as she wrote it.
  ASSERT_TRUE(syncing::client::SyncOnce(sup).ok());
  EXPECT_EQ((*Must(sup.GetChild(child_id))).name, "Dewi");
}

TEST_F(ServerAttackTest, EveryChangeIsValidatedOnTheServer) {
  Store& a = Tablet("kader_a");
  const Id child_id = AddFamily(a, kVillageA, "Dewi");
  ASSERT_TRUE(syncing::client::SyncOnce(a).ok());
  const int64_t stored = ServerCount();
  const auto child = *Must(a.GetChild(child_id));

  core::model::Measurement m;
  m.meta.id = Id::Parse("01a2123f-a678-7985-8185-7047b7493499").value();
  m.child_id = child_id;
  m.measured_on = a.Today();
  m.weight_g = -5000;
  EXPECT_NE(Refusal(a, Upsert(a, 1, kVillageA, m, "measurement")).find("error.weight_range"),
            std::string::npos);
  auto unborn = child;
  unborn.birth_date = 47482;  // 2100-01-01
  EXPECT_NE(Refusal(a, Upsert(a, 2, kVillageA, unborn, "child")).find("error.birth_date_future"),
            std::string::npos);
  auto long_name = child;
  long_name.name = std::string(1 << 20, 'a');
  EXPECT_NE(Refusal(a, Upsert(a, 3, kVillageA, long_name, "child")).find("error.text_too_long"),
            std::string::npos);
  auto bad_utf8 = child;
  bad_utf8.name = "Dewi \xC3\x28";
  EXPECT_NE(Refusal(a, Upsert(a, 4, kVillageA, bad_utf8, "child")).find("error.text_encoding"),
            std::string::npos);
  auto long_id = Upsert(a, 5, kVillageA, child, "child");
  long_id.change_id = a.device_id() + ":" + std::string(1 << 20, '7');
  EXPECT_NE(Refusal(a, long_id).find("too long"), std::string::npos);
  EXPECT_EQ(ServerCount(), stored);
}

TEST_F(ServerAttackTest, ChangeIdsAndClocksAreBoundToTheSender) {
  Store& a = Tablet("kader_a");
  Store& a2 = Tablet("bidan_a");
  const Id child_id = AddFamily(a, kVillageA, "Dewi");
  ASSERT_TRUE(syncing::client::SyncOnce(a).ok());
  auto child = *Must(a.GetChild(child_id));
  // bidan_a pushes changes numbered as kader_a's tablet's next ones.
  auto stolen = Upsert(a2, 1, kVillageA, child, "child");
  stolen.change_id = a.device_id() + ":1000";
  EXPECT_NE(Refusal(a2, stolen).find("not written by this device"), std::string::npos);
  stolen.change_id = a2.device_id() + ":1000";
  stolen.device = a.device_id();
  EXPECT_NE(Refusal(a2, stolen).find("not written by this device"), std::string::npos);
  // ...or enrols a second tablet with kader_a's device id.
  httplib::Client http(server_->url());
  auto res = http.Post("/v1/enrol",
                       syncing::protocol::ToJson(
                           syncing::protocol::EnrolRequest{"bidan_a", kPassword, a.device_id()}),
                       "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 409) << res->body;

  // An HLC at the end of time would freeze the record for everyone.
  auto future = Upsert(a, 1, kVillageA, child, "child");
  future.hlc = 0x7fffffffffffffffULL;
  EXPECT_NE(Refusal(a, future).find("clock"), std::string::npos);

  // A tablet whose clock is a day fast still syncs.
  Store& fast = Tablet("supervisor", 24 * 3600 * 1000LL);
  ASSERT_TRUE(syncing::client::SyncOnce(fast).ok());
  child = *Must(fast.GetChild(child_id));
  child.name = "Dewi Lestari";
  Must(fast.RegisterChild(child));
  const auto report = syncing::client::SyncOnce(fast);
  EXPECT_TRUE(report.ok()) << report.error;
  EXPECT_EQ(report.refused, 0);
}

TEST_F(ServerAttackTest, RolesDecideWhatAUserMayWrite) {
  AddUser("babinsa_a", "babinsa", kVillageA);
  Store& a = Tablet("kader_a");
  Store& bidan = Tablet("bidan_a");
  Store& babinsa = Tablet("babinsa_a");
  const Id child_id = AddFamily(a, kVillageA, "Dewi");
  core::model::Measurement m;
  m.child_id = child_id;
  m.measured_on = a.Today();
  m.weight_g = 9000;
  const Id measurement = Must(a.RecordMeasurement(m)).meta.id;
  ASSERT_TRUE(syncing::client::SyncOnce(a).ok());

  core::model::Review review;
  review.meta.id = Id::Parse("01a2123f-a678-7985-8185-7047b7493401").value();
  review.target_id = measurement;
  review.reviewer_id = Id::Parse("01a2123f-a678-7985-8185-7047b7493402").value();
  review.decision = core::model::ReviewDecision::kVerified;
  review.reviewed_at = a.NowMs() / 1000;
  EXPECT_NE(Refusal(a, Upsert(a, 1, kVillageA, review, "review")).find("role"), std::string::npos);
  auto measured = *Must(a.GetMeasurement(measurement));
  measured.weight_g = 9100;
  EXPECT_NE(Refusal(babinsa, Upsert(babinsa, 1, kVillageA, measured, "measurement")).find("role"),
            std::string::npos);
  auto res = Push(bidan, {Upsert(bidan, 1, kVillageA, review, "review")});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
}

TEST_F(ServerAttackTest, DuplicateChangeIdsInOneBatchAreRefused) {
  Store& a = Tablet("kader_a");
  core::model::Household h;
  h.meta.id = Id::Parse("01a2123f-a678-7985-8185-7047b7493411").value();
  h.kk = "3373041501200001";
  h.head_name = "Ahmad";
  h.village_code = kVillageA;
  auto first = Upsert(a, 1, kVillageA, h, "household");
  auto second = first;
  second.hlc += 1;
  auto res = Push(a, {first, second});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_NE(res->body.find("twice"), std::string::npos) << res->body;
  EXPECT_EQ(ServerCount(), 0);
}

TEST_F(ServerAttackTest, PasswordGuessingIsSlowedAndNamesDoNotShowInTheTiming) {
  httplib::Client http(server_->url());
  auto enrol = [&](const std::string& user, const std::string& password) {
    return http.Post("/v1/enrol",
                     syncing::protocol::ToJson(syncing::protocol::EnrolRequest{
                         user, password, "01a2123f-a678-7985-8185-7047b74934aa"}),
                     "application/json");
  };
  auto timed = [&](const std::string& user) {
    const auto start = std::chrono::steady_clock::now();
    auto res = enrol(user, "wrong password");
    EXPECT_EQ(res->status, 401);
    return std::chrono::steady_clock::now() - start;
  };
  // An unknown name costs the server the same password check as a known one.
  const auto unknown = timed("nobody_here");
  const auto known = timed("kader_b");
  EXPECT_GT(unknown * 3, known) << "unknown " << unknown.count() << " known " << known.count();
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(enrol("kader_a", "guess " + std::to_string(i))->status, 401);
  auto locked = enrol("kader_a", kPassword);  // the right one, after 5 wrong: wait
  EXPECT_EQ(locked->status, 429);
  EXPECT_FALSE(locked->get_header_value("Retry-After").empty());
  EXPECT_NE(locked->body.find("try again"), std::string::npos);
  std::this_thread::sleep_for(200ms);  // the log is written
  std::ifstream in(log());
  const std::string logged((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(logged.find("kader_a"), std::string::npos);
  EXPECT_EQ(logged.find("guess"), std::string::npos) << "a password went into the log";
}

TEST_F(ServerAttackTest, ARevokedUserCannotEnrolUntilEnabledAgain) {
  Store& a = Tablet("kader_a");
  ASSERT_EQ(RunShell(std::string(TUMBUH_SERVER_PATH) + " --db '" + server_db_ +
                     "' user revoke kader_a > /dev/null"),
            0);
  auto again = syncing::client::Enrol(a, server_->url(), "kader_a", kPassword);
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("disabled"), std::string::npos) << again.error().message;
  ASSERT_EQ(RunShell(std::string(TUMBUH_SERVER_PATH) + " --db '" + server_db_ +
                     "' user enable kader_a > /dev/null"),
            0);
  EXPECT_TRUE(syncing::client::Enrol(a, server_->url(), "kader_a", kPassword));
}

TEST_F(ServerAttackTest, ASecondServerOnABusyPortRefusesToStart) {
  const std::string command = std::string(TUMBUH_SERVER_PATH) + " --db '" + server_db_ +
                              "' --host 127.0.0.1 --port " + std::to_string(server_->port()) +
                              " > " + (dir_ / "second.log").string() + " 2>&1";
  EXPECT_EQ(RunShell("timeout 10 " + command), 1);
  std::ifstream in(dir_ / "second.log");
  const std::string said((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(said.find("in use"), std::string::npos) << said;
  ExpectHealthy();
}

TEST_F(ServerAttackTest, ErrorsSayWhatIsWrongWithoutTheParsersInsides) {
  Store& a = Tablet("kader_a");
  for (const char* body : {"{\"v\": {\"changes\": 7}}", "{\"v\": {}}", "[1,2", "\xff\xfe"}) {
    auto res = Http(&a).Post("/v1/push", body, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400);
    EXPECT_EQ(syncing::protocol::ParseErrorMessage(res->body),
              "the request body is not the JSON this endpoint expects");
    EXPECT_EQ(res->body.find("rapidjson"), std::string::npos) << res->body;
  }
}

TEST_F(ServerAttackTest, SlowClientsDoNotHoldTheServer) {
  // 40 connections that send a request's headers a byte at a time.
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 40; ++i) {
    slow.push_back(std::make_unique<RawConnection>(server_->port()));
    ASSERT_TRUE(slow.back()->connected());
    slow.back()->Send("G");
  }
  httplib::Client http(server_->url());
  http.set_read_timeout(2, 0);
  http.set_connection_timeout(2, 0);
  for (int i = 0; i < 5; ++i) {
    for (auto& c : slow) c->Send("E");
    auto res = http.Get("/v1/health");
    ASSERT_TRUE(res) << "health did not answer within 2 s while slow clients were connected";
    EXPECT_EQ(res->status, 200);
    std::this_thread::sleep_for(100ms);
  }
}

}  // namespace

namespace {

// tumbuh --demo marks its database: its made-up children never reach a server.
TEST_F(ServerAttackTest, ADemoDatabaseNeverEnrolsOrSyncs) {
  auto opened = Store::Open((dir_ / "demo.db").string());
  ASSERT_TRUE(opened) << opened.error().message;
  Store& demo = **opened;
  ASSERT_TRUE(core::store::PutSyncState(demo, "demo", "1"));
  AddFamily(demo, kVillageA, "Anak Demo");
  auto enrolled = syncing::client::Enrol(demo, server_->url(), "kader_a", kPassword);
  ASSERT_FALSE(enrolled);
  EXPECT_NE(enrolled.error().message.find("demo"), std::string::npos);
  const auto report = syncing::client::SyncOnce(demo);
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(ServerCount(), 0);
}

}  // namespace
