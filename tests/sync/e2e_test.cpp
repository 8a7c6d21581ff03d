// End to end: a real tumbuh-server process and real tablet databases (two
// cadres in two villages, a supervisor for their kabupaten). After every
// scenario the devices converge, every change is on the server exactly once,
// and the conflict log holds the losing versions.
#include <atomic>

#include "server_process.h"
#include "server_store.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "store/sync_store.h"
#include "sync_client.h"

namespace syncing::testing {
namespace {

namespace fs = std::filesystem;
using core::store::Store;

constexpr const char* kVillageA = "3322012001";
constexpr const char* kVillageB = "3322012002";
constexpr int64_t kDayMs = 86'400'000;

class SyncE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tumbuh-sync-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    server_ = std::make_unique<ServerProcess>(dir_ / "server.db");
    server_->AddUser("kader_a", "kader", kVillageA);
    server_->AddUser("kader_b", "kader", kVillageB);
    server_->AddUser("supervisor", "supervisor", "3322");
    server_->Start();
  }
  void TearDown() override {
    tablets_.clear();
    server_.reset();
    fs::remove_all(dir_);
  }

  // A tablet database enrolled as `user`; its clock runs `skew_ms` off.
  Store& Tablet(const std::string& name, const std::string& user, int64_t skew_ms = 0) {
    core::store::StoreOptions options;
    options.now_ms = [skew_ms] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count() +
             skew_ms;
    };
    auto store = Store::Open((dir_ / (name + ".db")).string(), options);
    EXPECT_TRUE(store) << store.error().message;
    auto profile = client::Enrol(**store, server_->url(), user, "rahasia123");
    EXPECT_TRUE(profile) << profile.error().message;
    tablets_.push_back(std::move(*store));
    return *tablets_.back();
  }

  static void Sync(Store& tablet) {
    const auto report = client::SyncOnce(tablet);
    ASSERT_TRUE(report.ok()) << report.error;
  }

  // A family and a child in `village`, written through the service API.
  static core::model::Id FamilyWithChild(Store& tablet, const std::string& village,
                                         const std::string& child_name) {
    core::model::Household h;
    h.kk = village.substr(0, 6) + "0101200001";
    h.head_name = "Kepala " + child_name;
    h.village_code = village;
    auto household = tablet.RegisterHousehold(h);
    EXPECT_TRUE(household) << household.error().message;
    core::model::Child c;
    c.name = child_name;
    c.sex = core::growth::Sex::kFemale;
    c.birth_date = tablet.Today() - 400;
    c.household_id = *household;
    c.village_code = village;
    c.consent = {"Ibu", 1, "pemantauan"};
    auto child = tablet.RegisterChild(c);
    EXPECT_TRUE(child) << child.error().message;
    core::model::Measurement m;
    m.child_id = *child;
    m.measured_on = tablet.Today() - 1;
    m.weight_g = 8700;
    m.length_mm = 740;
    m.posture = core::growth::Posture::kLying;
    EXPECT_TRUE(tablet.RecordMeasurement(m));
    return *child;
  }

  int64_t ServerChanges() {
    std::string error;
    auto store = server::OpenSqliteServerStore(server_->db().string(), &error);
    EXPECT_TRUE(store) << error;
    return store->ChangeCount().value();
  }

  static std::vector<std::string> ChildNames(Store& tablet) {
    core::store::ChildFilter all;
    std::vector<std::string> names;
    const auto page = tablet.ListChildren(all, 0, 1000).value();
    for (const auto& row : page.rows) names.push_back(row.name);
    return names;
  }

  fs::path dir_;
  std::unique_ptr<ServerProcess> server_;
  std::vector<std::unique_ptr<Store>> tablets_;
};

TEST_F(SyncE2e, TwoVillagesAndASupervisorConvergeWithinTheirAreas) {
  Store& a = Tablet("a", "kader_a");
  Store& b = Tablet("b", "kader_b");
  Store& supervisor = Tablet("s", "supervisor");
  FamilyWithChild(a, kVillageA, "Ani");
  FamilyWithChild(b, kVillageB, "Bima");
  const int64_t written = a.PendingChanges().value() + b.PendingChanges().value();
  Sync(a);
  Sync(b);
  Sync(supervisor);
  Sync(a);
  EXPECT_EQ(a.PendingChanges().value(), 0);
  EXPECT_EQ(ServerChanges(), written);  // each change once
  EXPECT_EQ(ChildNames(supervisor), (std::vector<std::string>{"Ani", "Bima"}));
  EXPECT_EQ(ChildNames(a), std::vector<std::string>{"Ani"});  // never the other village
  EXPECT_EQ(ChildNames(b), std::vector<std::string>{"Bima"});
  // Derived values are recomputed on arrival.
  const auto child = supervisor.ListChildren({}, 0, 10).value().rows[0];
  const auto history = supervisor.MeasurementsOf(child.id).value();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_TRUE(history[0].assessment.score(core::growth::Indicator::kLengthForAge).exists());
  // A second sync moves nothing and stays in step.
  const auto again = client::SyncOnce(supervisor);
  EXPECT_TRUE(again.ok());
  EXPECT_EQ(again.pulled, 0);
}

TEST_F(SyncE2e, APushIntoAnotherAreaIsRefusedAndSetAside) {
  Store& a = Tablet("a", "kader_a");
  FamilyWithChild(a, kVillageA, "Ani");
  core::model::Household wrong;
  wrong.kk = "3322010101200009";
  wrong.head_name = "Salah Desa";
  wrong.village_code = kVillageB;  // not kader_a's village
  const auto refused_id = a.RegisterHousehold(wrong).value();
  const auto report = client::SyncOnce(a);
  EXPECT_TRUE(report.ok()) << report.error;
  EXPECT_EQ(report.refused, 1);
  EXPECT_EQ(core::store::QuarantineCount(a).value(), 1);  // kept, with the reason
  EXPECT_EQ(a.PendingChanges().value(), 0);
  EXPECT_EQ(ServerChanges(), 3);  // household, child, measurement of village A only
  EXPECT_TRUE(a.GetHousehold(refused_id).value());  // nothing deleted on the tablet
  Store& b = Tablet("b", "kader_b");
  Sync(b);
  EXPECT_FALSE(b.GetHousehold(refused_id).value());
}

TEST_F(SyncE2e, TheSameChildEditedOnTwoDevicesConvergesAndKeepsTheLoser) {
  Store& a = Tablet("a", "kader_a", kDayMs);  // this tablet's clock is a day ahead
  Store& supervisor = Tablet("s", "supervisor");
  const auto child_id = FamilyWithChild(a, kVillageA, "Ani");
  Sync(a);
  Sync(supervisor);
  // Offline, both rename the child.
  auto on_a = a.GetChild(child_id).value().value();
  on_a.name = "Ani Lestari";
  ASSERT_TRUE(a.RegisterChild(on_a));
  auto on_s = supervisor.GetChild(child_id).value().value();
  on_s.name = "Ani Rahayu";
  ASSERT_TRUE(supervisor.RegisterChild(on_s));
  Sync(supervisor);  // the supervisor's edit reaches the server first...
  Sync(a);           // ...but a's is later by the hybrid clock (a day ahead)
  Sync(supervisor);
  EXPECT_EQ(a.GetChild(child_id).value()->name, "Ani Lestari");
  EXPECT_EQ(supervisor.GetChild(child_id).value()->name, "Ani Lestari");
  // The losing version is kept: on a, which received it after its own.
  EXPECT_GE(core::store::ConflictCount(a).value(), 1);
  auto log = a.db().Prepare("SELECT payload FROM conflict_log");
  ASSERT_TRUE((*log)->Step().value());
  EXPECT_NE((*log)->Text(0).find("Ani Rahayu"), std::string::npos);
  (*log)->Reset();
  // A review is its own record: it never overwrites the cadre's edit.
  core::model::Review r;
  r.target_id = a.MeasurementsOf(child_id).value().front().meta.id;
  r.reviewer_id = core::model::IdGenerator(2).Make(1);
  r.decision = core::model::ReviewDecision::kVerified;
  ASSERT_TRUE(supervisor.AddReview(r));
  Sync(supervisor);
  Sync(a);
  EXPECT_EQ(a.ReviewsOf(r.target_id).value().size(), 1u);
  EXPECT_EQ(a.GetChild(child_id).value()->name, "Ani Lestari");
}

TEST_F(SyncE2e, AServerKilledMidPushLosesNothingAndStoresNothingTwice) {
  Store& a = Tablet("a", "kader_a");
  for (int i = 0; i < 400; ++i) FamilyWithChild(a, kVillageA, "Anak " + std::to_string(i));
  const int64_t written = a.PendingChanges().value();  // 1,200 changes: several batches
  std::atomic<bool> done{false};
  std::thread pusher([&] {
    (void)client::SyncOnce(a);  // fails when the server dies
    done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  server_->Kill(SIGKILL);
  pusher.join();
  const int64_t left = a.PendingChanges().value();
  server_->Start();
  Sync(a);
  EXPECT_EQ(a.PendingChanges().value(), 0);
  EXPECT_EQ(ServerChanges(), written) << left << " were still pending after the kill";
  Store& supervisor = Tablet("s", "supervisor");
  Sync(supervisor);
  EXPECT_EQ(ChildNames(supervisor).size(), 400u);
}

TEST_F(SyncE2e, ARetriedBatchWhoseAnswerWasLostIsStoredOnce) {
  Store& a = Tablet("a", "kader_a");
  FamilyWithChild(a, kVillageA, "Ani");
  Sync(a);
  ASSERT_EQ(ServerChanges(), 3);
  // Replay exactly what was sent, as a tablet whose acknowledgement was lost.
  Store& again = Tablet("s", "supervisor");
  Sync(again);
  httplib::Client http(server_->url());
  http.set_bearer_token_auth(core::store::GetSyncState(a, "token").value().value());
  auto pull = http.Get("/v1/pull?after=0");
  ASSERT_TRUE(pull && pull->status == 200);
  auto page = protocol::ParsePullResponse(pull->body).value();
  protocol::PushRequest replay{page.changes};
  for (int i = 0; i < 2; ++i) {
    auto res = http.Post("/v1/push", protocol::ToJson(replay), "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(protocol::ParsePushResponse(res->body)->acknowledged.size(), 3u);
  }
  EXPECT_EQ(ServerChanges(), 3);
}

TEST_F(SyncE2e, ACutPullResumesWhereItStopped) {
  Store& a = Tablet("a", "kader_a");
  for (int i = 0; i < 700; ++i) FamilyWithChild(a, kVillageA, "Anak " + std::to_string(i));
  Sync(a);  // 2,100 changes on the server: three pull pages
  Store& supervisor = Tablet("s", "supervisor");
  std::thread puller([&] { (void)client::SyncOnce(supervisor); });
  std::this_thread::sleep_for(std::chrono::milliseconds(40));
  server_->Kill(SIGKILL);  // the connection is cut wherever it was
  puller.join();
  const auto cursor = core::store::GetSyncState(supervisor, "cursor").value().value_or("0");
  server_->Start();
  Sync(supervisor);
  EXPECT_EQ(ChildNames(supervisor).size(), 700u);
  EXPECT_EQ(supervisor.Stats()->measurements, 700) << "cursor was " << cursor;
}

TEST_F(SyncE2e, BadRequestsGetAReasonAndTheServerKeepsServing) {
  Store& a = Tablet("a", "kader_a");
  const std::string token = core::store::GetSyncState(a, "token").value().value();
  httplib::Client http(server_->url());
  EXPECT_EQ(http.Post("/v1/push", "{}", "application/json")->status, 401);  // no token
  http.set_bearer_token_auth(token);
  auto broken = http.Post("/v1/push", "{\"v\": {\"changes\": [", "application/json");
  EXPECT_EQ(broken->status, 400);
  EXPECT_NE(broken->body.find("error"), std::string::npos);
  EXPECT_EQ(http.Post("/v1/push", "{\"v\": {\"changes\": 7}}", "application/json")->status, 400);
  EXPECT_EQ(http.Post("/v1/push", "{\"v\": {}}", "application/json")->status, 400);  // missing field
  EXPECT_EQ(http.Get("/v1/pull?after=abc")->status, 400);
  EXPECT_EQ(http.Post("/v1/push", std::string(3'000'000, ' '), "application/json")->status, 413);
  EXPECT_EQ(http.Get("/v1/health")->status, 200);
  EXPECT_EQ(ServerChanges(), 0);
  // Revoking the user's tokens locks the tablet out until it enrols again.
  const std::string cmd = std::string(TUMBUH_SERVER_PATH) + " --db " + server_->db().string() +
                          " user revoke kader_a > /dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  const auto report = client::SyncOnce(a);
  EXPECT_FALSE(report.ok());
  EXPECT_NE(report.error.find("enrol"), std::string::npos) << report.error;
}

TEST_F(SyncE2e, WrongPasswordIsRefused) {
  auto store = Store::Open((dir_ / "x.db").string());
  auto profile = client::Enrol(**store, server_->url(), "kader_a", "wrong-password");
  ASSERT_FALSE(profile);
  EXPECT_NE(profile.error().message.find("wrong user name or password"), std::string::npos);
}

}  // namespace
}  // namespace syncing::testing
