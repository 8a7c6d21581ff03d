// The real screens driven headless, asserting on app state and the database.
#include <chrono>

#include "model/pin.h"
#include "model/validation.h"
#include "store/settings.h"
#include "store/sqlite.h"
#include "ui_harness.h"
#include "util/civil_date.h"

namespace app::testing {
namespace {

namespace fs = std::filesystem;
using core::store::Store;

class UiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tumbuh-ui-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    ui_.reset();
    fs::remove_all(dir_);
  }

  // A village with a posyandu and its cadre (or officer), signed in.
  void StartSignedIn(core::model::Role role = core::model::Role::kKader) {
    auto store = Store::Open((dir_ / "tumbuh.db").string());
    ASSERT_TRUE(store);
    ASSERT_TRUE(
        (*store)->SaveArea({"3322", "Kabupaten Semarang", core::model::AreaLevel::kKabupaten, ""}));
    ASSERT_TRUE(
        (*store)->SaveArea({"3322012001", "Sumberrejo", core::model::AreaLevel::kDesa, "3322"}));
    core::model::User user;
    user.name = role == core::model::Role::kKader ? "Ibu Sri" : "Serda Joko";
    user.role = role;
    user.area_code = "3322012001";
    user.meta.id = *(*store)->SaveUser(user);
    core::model::Posyandu p;
    p.name = "Posyandu Melati";
    p.village_code = "3322012001";
    if (role == core::model::Role::kKader) p.cadre_ids = {user.meta.id};
    ASSERT_TRUE((*store)->SavePosyandu(p));
    user_ = user;
    ui_ = std::make_unique<UiHarness>(std::move(*store));
    ui_->app().SignIn(user);
    ui_->Frames(2);
  }

  Store& store() { return ui_->app().store(); }
  int64_t Count(const char* table) {
    auto stmt = store().db().Prepare(std::string("SELECT count(*) FROM ") + table);
    EXPECT_TRUE((*stmt)->Step().value());
    const int64_t n = (*stmt)->Int(0);
    (*stmt)->Reset();
    return n;
  }

  // Registers a family and an 18-month-old girl through the register screen.
  void RegisterThroughTheScreen() {
    UiHarness& ui = *ui_;
    ui.Click("nav_children");
    ui.Click("children_register");
    ASSERT_EQ(ui.app().screen(), ScreenId::kRegister);
    ui.TypeInto("reg_kk", "3322011203150001");
    ui.TypeInto("reg_head", "Slamet Wibowo");
    ui.TypeInto("reg_address", "Dusun Krajan RT 2");
    ui.TypeInto("reg_mother", "Sumiati");
    ui.TypeInto("reg_mother_nik", "3322015507950002");
    ui.TypeInto("reg_child", "Nabila Wibowo");
    ui.Click("sex_girl");
    const int born = store().Today() - 548;  // 18 months
    const std::string iso = core::FormatIsoDate(born);
    ui.TypeInto("reg_birth", iso.substr(8, 2) + "-" + iso.substr(5, 2) + "-" + iso.substr(0, 4));
    ui.Click("reg_consent");
    ui.Click("reg_save");
  }

  fs::path dir_;
  std::unique_ptr<UiHarness> ui_;
  core::model::User user_;
};

TEST_F(UiTest, FirstStartAsksWhoAndAPinThenThePin) {
  auto store = Store::Open((dir_ / "tumbuh.db").string());
  ASSERT_TRUE((*store)->SaveArea({"3322012001", "Sumberrejo", core::model::AreaLevel::kDesa, ""}));
  ui_ = std::make_unique<UiHarness>(std::move(*store));
  UiHarness& ui = *ui_;
  ui.Frames(2);
  ASSERT_EQ(ui.app().screen(), ScreenId::kLogin);
  ui.TypeInto("login_name", "Ibu Sri");
  ui.Click("role_kader");
  ui.app().login.area_code = "3322012001";  // the combo's choice
  ui.Keypad("2468");
  ui.Click("pin_next");
  ui.Keypad("2468");
  ui.Click("login_start");
  ASSERT_TRUE(ui.app().user());
  EXPECT_EQ(ui.app().user()->name, "Ibu Sri");
  EXPECT_EQ(ui.app().screen(), ScreenId::kHome);
  auto hash = core::store::GetSetting(ui.app().store(), "pin_hash").value();
  ASSERT_TRUE(hash);
  EXPECT_EQ(hash->find("2468"), std::string::npos);  // never the PIN itself

  // Signed out, a wrong PIN keeps the tablet closed; the right one opens it.
  ui.app().SignOut();
  ui.Keypad("1111");
  ui.Click("login_open");
  EXPECT_FALSE(ui.app().user());
  EXPECT_EQ(ui.app().login.error_key, "error.pin_wrong");
  ui.Keypad("2468");
  ui.Click("login_open");
  ASSERT_TRUE(ui.app().user());
}

TEST_F(UiTest, RegisterAFamilyAndChildThenMeasureAndReadTheLabel) {
  StartSignedIn();
  RegisterThroughTheScreen();
  UiHarness& ui = *ui_;
  ASSERT_EQ(Count("child"), 1) << ::testing::PrintToString(ui.app().register_form.errors);
  EXPECT_EQ(Count("household"), 1);
  EXPECT_EQ(Count("person"), 1);
  ASSERT_EQ(ui.app().screen(), ScreenId::kMeasure);                    // straight on to weighing
  EXPECT_EQ(ui.app().measure.posture, core::growth::Posture::kLying);  // under 2 years

  ui.Click("field_weight");
  ui.Keypad("8,5");
  ui.Click("field_length");
  ui.Keypad("73");
  ui.Click("measure_save");
  ASSERT_TRUE(ui.app().measure.saved)
      << (ui.app().measure.error_keys.empty() ? "" : ui.app().measure.error_keys[0]);
  const auto& m = *ui.app().measure.saved;
  EXPECT_EQ(m.weight_g, 8500);
  EXPECT_EQ(m.length_mm, 730);
  EXPECT_EQ(m.assessment.height_for_age, core::growth::Status::kStunted);  // 73 cm at 18 months
  EXPECT_STREQ(ui.app().StatusText(m.assessment.height_for_age), "pendek");
  EXPECT_EQ(Count("measurement"), 1);
  EXPECT_EQ(store().PendingChanges().value(),
            5);  // posyandu, household, mother, child, measurement
}

TEST_F(UiTest, RegistrationWithMissingFieldsSavesNothing) {
  StartSignedIn();
  UiHarness& ui = *ui_;
  ui.Click("nav_children");
  ui.Click("children_register");
  ui.TypeInto("reg_kk", "12345");  // too short
  ui.TypeInto("reg_child", "Tanpa Tanggal");
  ui.Click("reg_save");
  EXPECT_EQ(ui.app().screen(), ScreenId::kRegister);
  const auto& errors = ui.app().register_form.errors;
  EXPECT_EQ(errors.at("family.kk"), "error.kk_digits");
  EXPECT_EQ(errors.at("child.birth_date"), "error.date_format");
  EXPECT_EQ(errors.at("child.consent"), "error.consent_required");
  EXPECT_EQ(Count("household") + Count("person") + Count("child"), 0);
}

TEST_F(UiTest, AnImpossibleWeightIsRefusedWithNothingSaved) {
  StartSignedIn();
  RegisterThroughTheScreen();
  UiHarness& ui = *ui_;
  const int64_t pending = store().PendingChanges().value();
  ui.Click("field_weight");
  ui.Keypad("95");  // 95 kg
  ui.Click("measure_save");
  EXPECT_FALSE(ui.app().measure.saved);
  ASSERT_EQ(ui.app().measure.error_keys.size(), 1u);
  EXPECT_EQ(ui.app().measure.error_keys[0], "error.weight_range");
  EXPECT_EQ(Count("measurement"), 0);
  EXPECT_EQ(store().PendingChanges().value(), pending);
}

TEST_F(UiTest, AFlaggedValueIsSavedOnlyAfterConfirming) {
  StartSignedIn();
  RegisterThroughTheScreen();
  UiHarness& ui = *ui_;
  ui.Click("field_weight");
  ui.Keypad("25");  // 25 kg at 18 months: beyond +5 SD, a slip
  ui.Click("measure_save");
  ASSERT_TRUE(ui.app().measure.confirm_flagged);
  EXPECT_EQ(Count("measurement"), 0);
  ui.Click("remeasure_yes");  // "Ukur ulang": nothing saved
  EXPECT_FALSE(ui.app().measure.confirm_flagged);
  EXPECT_EQ(Count("measurement"), 0);

  ui.Click("measure_save");
  ASSERT_TRUE(ui.app().measure.confirm_flagged);
  ui.Click("remeasure_keep");  // saved with its flag, for the supervisor
  ASSERT_TRUE(ui.app().measure.saved);
  EXPECT_TRUE(ui.app().measure.saved->flagged());
  EXPECT_EQ(Count("measurement"), 1);
  EXPECT_EQ(store().ReviewQueue("3322", 10)->size(), 1u);
}

TEST_F(UiTest, AVisitWithTwoAidItemsIsLogged) {
  StartSignedIn(core::model::Role::kBabinsa);
  core::model::Household h;
  h.kk = "3322011203150009";
  h.head_name = "Darmaji";
  h.village_code = "3322012001";
  h.address = "Dusun Ngemplak";
  const auto household = store().RegisterHousehold(h).value();
  core::model::Assignment a;
  a.household_id = household;
  a.assignee_id = user_.meta.id;
  a.from_day = store().Today() - 30;
  ASSERT_TRUE(store().Assign(a));

  UiHarness& ui = *ui_;
  ui.Click("nav_visits");
  ui.Click("visit_0");  // the family, due today (never visited)
  ASSERT_EQ(ui.app().visits.household_id, household);
  ui.Click("purpose_3");  // aid delivery
  ui.Click("add_aid");
  ui.Click("add_aid");
  ui.TypeInto("aid_type_0", "telur");
  ui.TypeInto("aid_qty_0", "30");
  ui.TypeInto("aid_unit_0", "butir");
  ui.TypeInto("aid_type_1", "beras");
  ui.TypeInto("aid_qty_1", "5");
  ui.TypeInto("aid_unit_1", "kg");
  ui.Click("ate1");  // the child eats it: yes
  ui.Click("visit_save");
  auto visits = store().VisitsOf(household).value();
  ASSERT_EQ(visits.size(), 1u);
  ASSERT_EQ(visits[0].aid.size(), 2u);
  EXPECT_EQ(visits[0].aid[0].type, "telur");
  EXPECT_EQ(visits[0].aid[0].quantity, 30);
  EXPECT_EQ(visits[0].aid[1].unit, "kg");
  EXPECT_EQ(visits[0].visitor_name, "Serda Joko");
  EXPECT_EQ(visits[0].child_ate_aid, true);
  EXPECT_EQ(visits[0].purpose, core::model::VisitPurpose::kAidDelivery);
  EXPECT_TRUE(ui.app().visits.household_id.empty());  // back to the list
}

TEST_F(UiTest, ASupervisorSendsAFlaggedValueBackWithAComment) {
  StartSignedIn();
  RegisterThroughTheScreen();
  UiHarness& ui = *ui_;
  ui.Click("field_weight");
  ui.Keypad("25");
  ui.Click("measure_save");
  ui.Click("remeasure_keep");
  ASSERT_EQ(store().ReviewQueue("3322", 10)->size(), 1u);
  EXPECT_FALSE(ui.Has("nav_review"));  // a cadre does not review

  core::model::User supervisor;
  supervisor.name = "Bu Ratna";
  supervisor.role = core::model::Role::kSupervisor;
  supervisor.area_code = "3322";
  supervisor.meta.id = store().SaveUser(supervisor).value();
  ui.app().SignIn(supervisor);
  ui.Click("nav_review");
  ui.Frames(1);
  ASSERT_EQ(ui.app().review.queue.size(), 1u);
  ui.Click("review_open_0");
  ASSERT_EQ(ui.app().screen(), ScreenId::kProfile);
  const std::string id = ui.app().review.queue[0].measurement.meta.id.ToString();
  ui.Click("check_" + id);
  ui.Click("review_send_back");  // no comment: refused
  EXPECT_EQ(ui.app().profile.review_error_key, "error.review_comment");
  ui.TypeInto("review_comment", "Timbang ulang, 25 kg tidak mungkin");
  ui.Click("review_send_back");
  EXPECT_TRUE(ui.app().profile.reviewing.empty())
      << ui.app().profile.review_error_key << " [" << ui.app().profile.review_comment << "]";
  const auto reviews = store().ReviewsOf(ui.app().review.queue[0].measurement.meta.id).value();
  ASSERT_EQ(reviews.size(), 1u);
  EXPECT_EQ(reviews[0].decision, core::model::ReviewDecision::kSentBack);
  EXPECT_EQ(reviews[0].comment, "Timbang ulang, 25 kg tidak mungkin");
  EXPECT_TRUE(store().ReviewQueue("3322", 10)->empty());
  EXPECT_EQ(store().MeasurementsOf(ui.app().review.queue[0].measurement.child_id)->front().weight_g,
            25000);  // the cadre's value is never overwritten
}

TEST_F(UiTest, TheSyncPanelSaysWhatIsTrue) {
  StartSignedIn();
  UiHarness& ui = *ui_;
  ui.Click("nav_sync");
  EXPECT_FALSE(ui.Has("sync_now"));  // no worker: no button pretending to sync
  int syncs = 0;
  SyncStatus status;
  ui.app().SetSyncControl({[&] { return status; }, [&] { ++syncs; }, nullptr});
  ui.Frames(2);
  EXPECT_FALSE(ui.Has("sync_now"));  // not enrolled yet
  status.configured = true;
  status.last_error = "cannot reach the server";
  ui.Frames(2);
  ui.Click("sync_now");
  EXPECT_EQ(syncs, 1);
  EXPECT_EQ(ui.Label("pending_down"),
            "Menunggu diterima dari server: belum diketahui (belum tersambung)");
  status.running = true;
  status.pending_down = 41000;  // a pull under way counts down
  ui.Frames(2);
  EXPECT_FALSE(ui.Has("sync_now"));  // one sync at a time
  EXPECT_EQ(ui.Label("pending_down"), "Menunggu diterima dari server: 41000");
}

TEST_F(UiTest, SwitchingLanguageChangesTheWords) {
  StartSignedIn();
  UiHarness& ui = *ui_;
  ui.Frames(2);
  EXPECT_EQ(ui.Label("nav_home"), "Beranda");
  ui.Click("nav_settings");
  ui.Click("lang_en");
  ui.Frames(2);
  EXPECT_EQ(ui.Label("nav_home"), "Home");
  EXPECT_EQ(ui.Label("sign_out"), "Sign out");
  EXPECT_EQ(core::store::GetSetting(store(), "language").value(), "en");  // kept
  ui.Click("lang_id");
  ui.Frames(2);
  EXPECT_EQ(ui.Label("nav_settings"), "Pengaturan");
}

TEST_F(UiTest, TheChildrenListScrollsThroughOneHundredThousandRows) {
  StartSignedIn(core::model::Role::kSupervisor);
  // 100,000 children in one family (the list does not care), in one batch.
  core::model::Household h;
  h.kk = "3322011203150003";
  h.head_name = "Keluarga Besar";
  h.village_code = "3322012001";
  const auto household = store().RegisterHousehold(h).value();
  ASSERT_TRUE(store().BeginBatch());
  for (int i = 0; i < 100000; ++i) {
    core::model::Child c;
    char name[32];
    std::snprintf(name, sizeof name, "Anak %06d", i);
    c.name = name;
    c.sex = i % 2 ? core::growth::Sex::kFemale : core::growth::Sex::kMale;
    c.birth_date = store().Today() - 100 - i % 1500;
    c.household_id = household;
    c.village_code = "3322012001";
    c.consent = {"Ibu", 1, "pemantauan"};
    ASSERT_TRUE(store().RegisterChild(c));
  }
  ASSERT_TRUE(store().CommitBatch());

  UiHarness& ui = *ui_;
  ui.app().SignIn(user_);  // a supervisor: the whole area
  ui.Click("nav_children");
  ui.Frames(2);
  ChildrenScreen& list = ui.app().children;
  ASSERT_EQ(list.order.size(), 100000u);
  EXPECT_EQ(list.rows.at(0).name, "Anak 000000");
  for (int target : {25000, 50000, 99990}) {
    list.scroll_to_row = target;
    ui.Frames(3);
    ASSERT_TRUE(list.rows.contains(target)) << target;
    EXPECT_EQ(
        list.rows.at(target).name,
        "Anak " + std::string(6 - std::to_string(target).size(), '0') + std::to_string(target));
  }
  // Only what was on screen was read, never the whole table.
  EXPECT_LT(list.rows_fetched, 200);
}

}  // namespace
}  // namespace app::testing
