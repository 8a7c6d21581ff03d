// The real screens driven headless, asserting on app state and the database.
#include <imgui_internal.h>  // a window's scroll

#include <chrono>
#include <cstring>

#include "model/pin.h"
#include "model/referral.h"
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
  // The signed-in user gets a PIN on this tablet (as enrolment would give).
  void GivePin(const std::string& pin) {
    ASSERT_TRUE(core::store::PutSetting(store(), "pin_hash." + user_.meta.id.ToString(),
                                        *core::model::HashPin(pin)));
  }
  std::optional<std::string> PinHash(const core::model::Id& user) {
    return core::store::GetSetting(store(), "pin_hash." + user.ToString()).value();
  }
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

  // `n` children of one family in the signed-in user's village, straight
  // into the store ("Anak 000", "Anak 001", ...).
  void AddChildren(int n) {
    core::model::Household h;
    h.kk = "3322011203150003";
    h.head_name = "Keluarga Besar";
    h.village_code = "3322012001";
    const auto household = store().RegisterHousehold(h).value();
    for (int i = 0; i < n; ++i) {
      core::model::Child c;
      char name[32];
      std::snprintf(name, sizeof name, "Anak %03d", i);
      c.name = name;
      c.sex = core::growth::Sex::kFemale;
      c.birth_date = store().Today() - 400 - i;
      c.household_id = household;
      c.village_code = "3322012001";
      c.consent = {"Ibu", 1, "pemantauan"};
      if (ui_->app().my_posyandu()) c.posyandu_id = *ui_->app().my_posyandu();
      ASSERT_TRUE(store().RegisterChild(c));
    }
  }

  fs::path dir_;
  std::unique_ptr<UiHarness> ui_;
  core::model::User user_;
};

// A fake of the server's enrolment: records what was asked and answers when told.
struct FakeEnrolment {
  std::string url, user, password;
  int asked = 0;
  std::optional<Enrolment> answer;  // handed to the app once

  SyncControl Control() {
    SyncControl control;
    control.enrol_user = [this](const std::string& u, const std::string& n, const std::string& p) {
      url = u;
      user = n;
      password = p;
      ++asked;
    };
    control.take_enrolment = [this] {
      std::optional<Enrolment> taken = std::move(answer);
      answer.reset();
      return taken;
    };
    return control;
  }
};

TEST_F(UiTest, FirstStartEnrolsWithTheServerThenMakesAPin) {
  auto store = Store::Open((dir_ / "tumbuh.db").string());
  ASSERT_TRUE((*store)->SaveArea({"3322012001", "Sumberrejo", core::model::AreaLevel::kDesa, ""}));
  ui_ = std::make_unique<UiHarness>(std::move(*store));
  UiHarness& ui = *ui_;
  FakeEnrolment server;
  ui.app().SetSyncControl(server.Control());
  ui.Frames(2);
  ASSERT_EQ(ui.app().screen(), ScreenId::kLogin);
  EXPECT_EQ(ui.app().login.step, LoginScreen::Step::kEnrol);  // no user, no demo: the server
  EXPECT_FALSE(ui.Has("role_kader"));                         // nobody picks their own role
  EXPECT_FALSE(ui.Has("login_approve"));                      // nobody on the tablet to approve
  EXPECT_FALSE(ui.Has("login_demo"));

  ui.TypeInto("login_server", "https://tumbuh.semarangkab.go.id");
  ui.TypeInto("login_user", "sri.kader");
  ui.TypeInto("login_password", "rahasia");
  ui.Click("enrol_send");
  ASSERT_EQ(server.asked, 1);
  EXPECT_EQ(server.user, "sri.kader");
  EXPECT_EQ(server.password, "rahasia");
  EXPECT_TRUE(ui.app().login.password.empty());  // not kept on the screen

  // No signal: nothing happens but a message in plain words.
  server.answer = Enrolment{false, {}, "sync.problem_unreachable", "connection refused"};
  ui.Frames(2);
  EXPECT_EQ(ui.app().login.error_key, "sync.problem_unreachable");
  EXPECT_FALSE(ui.app().user());
  EXPECT_EQ(this->Count("user"), 0);

  // With a signal: the server's profile gives the name, role and area.
  ui.TypeInto("login_password", "rahasia");
  ui.Click("enrol_send");
  core::model::User profile;
  profile.meta.id = core::model::Id::Parse("0190f3c2-5b7e-7a00-8000-00000000a001").value();
  profile.name = "Ibu Sri";
  profile.role = core::model::Role::kBidan;
  profile.area_code = "3322012001";
  server.answer = Enrolment{true, profile, "", ""};
  ui.Frames(2);
  ASSERT_EQ(ui.app().login.step, LoginScreen::Step::kNewPin);
  ui.Keypad("2468");
  ui.Click("pin_next");
  ui.Keypad("2468");
  ui.Click("login_start");
  ASSERT_TRUE(ui.app().user());
  EXPECT_EQ(ui.app().user()->meta.id, profile.meta.id);  // the server's id
  EXPECT_EQ(ui.app().user()->role, core::model::Role::kBidan);
  EXPECT_EQ(ui.app().user()->area_code, "3322012001");
  EXPECT_EQ(ui.app().screen(), ScreenId::kHome);
  auto hash =
      core::store::GetSetting(this->store(), "pin_hash." + profile.meta.id.ToString()).value();
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

TEST_F(UiTest, NotMeCannotMakeAUserWithAChosenRoleOrWithoutAPin) {
  StartSignedIn();
  GivePin("2468");
  const std::string hash_before = PinHash(user_.meta.id).value();
  UiHarness& ui = *ui_;
  ui.app().SignOut();
  ui.Click("login_other");
  ASSERT_EQ(ui.app().login.step, LoginScreen::Step::kChoose);
  ui.Frames(2);
  for (const char* role : {"role_kader", "role_bidan", "role_supervisor", "login_start"}) {
    EXPECT_FALSE(ui.Has(role)) << role;  // no role to pick, no way to skip to a PIN
  }
  EXPECT_FALSE(ui.Has("login_demo"));  // only with --demo

  // Enrolment without a sync client: refused, nothing made.
  ui.Click("login_enrol");
  ui.TypeInto("login_server", "https://server");
  ui.TypeInto("login_user", "siapa.saja");
  ui.TypeInto("login_password", "x");
  ui.Click("enrol_send");
  EXPECT_EQ(ui.app().login.error_key, "login.no_sync");
  ui.Click("login_back");

  // Approval without the approver's PIN goes nowhere.
  ui.Click("login_approve");
  ui.Click("approve_ok");
  EXPECT_EQ(ui.app().login.error_key, "error.pin_wrong");
  ui.Keypad("9999");
  ui.Click("approve_ok");
  EXPECT_EQ(ui.app().login.error_key, "error.pin_wrong");
  EXPECT_FALSE(ui.app().login.approver);
  EXPECT_FALSE(ui.Has("login_new_name"));
  EXPECT_FALSE(ui.app().user());
  EXPECT_EQ(Count("user"), 1);
  EXPECT_EQ(PinHash(user_.meta.id), hash_before);  // the old user's PIN is untouched
  EXPECT_FALSE(core::store::GetSetting(store(), "pin_hash").value());  // no tablet-wide PIN
}

TEST_F(UiTest, OfflineApprovalTakesAUsersPinAndGivesTheirRoleAndAreaAtMost) {
  StartSignedIn();  // Ibu Sri, kader of Sumberrejo
  GivePin("2468");
  const std::string hash_before = PinHash(user_.meta.id).value();
  UiHarness& ui = *ui_;
  ui.app().SignOut();
  ui.Click("login_other");
  ui.Click("login_approve");
  ui.Keypad("2468");  // Ibu Sri approves with her own PIN
  ui.Click("approve_ok");
  ASSERT_TRUE(ui.app().login.approver);
  EXPECT_EQ(ui.app().login.approver->meta.id, user_.meta.id);
  ui.TypeInto("login_new_name", "Ibu Ani");
  ui.Click("approve_next");
  ASSERT_EQ(ui.app().login.step, LoginScreen::Step::kNewPin);
  ui.Keypad("1357");
  ui.Click("pin_next");
  ui.Keypad("1357");
  ui.Click("login_start");
  ASSERT_TRUE(ui.app().user());
  const core::model::User ani = *ui.app().user();
  EXPECT_EQ(ani.name, "Ibu Ani");
  EXPECT_NE(ani.meta.id, user_.meta.id);
  EXPECT_EQ(ani.role, core::model::Role::kKader);  // the approver's, not a choice
  EXPECT_EQ(ani.area_code, "3322012001");
  EXPECT_EQ(core::store::GetSetting(store(), "approved_by." + ani.meta.id.ToString()).value(),
            user_.meta.id.ToString());
  EXPECT_EQ(PinHash(user_.meta.id), hash_before);  // Ibu Sri's PIN hash never replaced

  // Each opens the tablet with their own PIN, and not with the other's.
  ui.app().SignOut();
  ui.Frames(2);
  ASSERT_TRUE(ui.Has("pick_user_1"));  // two users: Ibu Ani, Ibu Sri
  ui.Click("pick_user_1");
  ui.Keypad("1357");
  ui.Click("login_open");
  EXPECT_FALSE(ui.app().user());
  ui.Keypad("2468");
  ui.Click("login_open");
  ASSERT_TRUE(ui.app().user());
  EXPECT_EQ(ui.app().user()->meta.id, user_.meta.id);
  ui.app().SignOut();
  ui.Click("pick_user_0");
  ui.Keypad("1357");
  ui.Click("login_open");
  ASSERT_TRUE(ui.app().user());
  EXPECT_EQ(ui.app().user()->meta.id, ani.meta.id);
}

TEST_F(UiTest, OfflineApprovalByASupervisorGivesNoMoreThanTheirOwnArea) {
  StartSignedIn(core::model::Role::kSupervisor);
  GivePin("8642");
  UiHarness& ui = *ui_;
  ui.app().SignOut();
  ui.Click("login_other");
  ui.Click("login_approve");
  ui.Keypad("8642");
  ui.Click("approve_ok");
  ui.TypeInto("login_new_name", "Pak Budi");
  ui.Click("approve_next");
  ui.Keypad("4321");
  ui.Click("pin_next");
  ui.Keypad("4321");
  ui.Click("login_start");
  ASSERT_TRUE(ui.app().user());
  EXPECT_EQ(ui.app().user()->role, user_.role);
  EXPECT_EQ(ui.app().user()->area_code, user_.area_code);
}

TEST_F(UiTest, LocksAfterFiveMinutesWithoutInputAndKeepsWhatWasTyped) {
  StartSignedIn();
  GivePin("2468");
  UiHarness& ui = *ui_;
  double now = 1000;
  ui.app().SetClock([&now] { return now; });
  RegisterThroughTheScreen();
  ASSERT_EQ(ui.app().screen(), ScreenId::kMeasure);
  ui.Click("field_weight");
  ui.Keypad("9,8");  // half done: no length yet, nothing saved
  ASSERT_EQ(ui.app().measure.weight, "9,8");

  now += 5 * 60 - 1;
  ui.Frames(2);
  EXPECT_FALSE(ui.app().locked());
  EXPECT_EQ(ui.app().NextWakeMs() / 1000, 1);  // the loop wakes once, at the deadline
  now += 1;
  ui.Frame();
  ASSERT_TRUE(ui.app().locked());
  ui.Frames(2);
  EXPECT_FALSE(ui.Has("field_weight"));  // the PIN covers everything
  EXPECT_FALSE(ui.Has("nav_home"));
  EXPECT_TRUE(ui.Has("login_open"));
  EXPECT_EQ(ui.app().screen(), ScreenId::kMeasure);
  now += 3600;  // locked: nothing to wake for
  EXPECT_EQ(ui.app().NextWakeMs(), -1);

  ui.Keypad("1111");
  ui.Click("login_open");
  EXPECT_TRUE(ui.app().locked());
  ui.Keypad("2468");
  ui.Click("login_open");
  ASSERT_FALSE(ui.app().locked());
  EXPECT_EQ(ui.app().screen(), ScreenId::kMeasure);  // back where she was
  EXPECT_EQ(ui.app().measure.weight, "9,8");
  ui.Click("field_length");
  ui.Keypad("78,5");
  ui.Click("measure_save");
  ASSERT_TRUE(ui.app().measure.saved);
  EXPECT_EQ(ui.app().measure.saved->weight_g, 9800);
}

TEST_F(UiTest, TheLockMinutesAreASettingAndInputPutsTheLockOff) {
  StartSignedIn();
  GivePin("2468");
  UiHarness& ui = *ui_;
  double now = 1000;
  ui.app().SetClock([&now] { return now; });
  ui.Click("nav_settings");
  ui.Click("lock_1");
  EXPECT_EQ(ui.app().lock_minutes(), 1);
  EXPECT_EQ(core::store::GetSetting(store(), "lock_minutes").value(), "1");
  for (int i = 0; i < 5; ++i) {  // a touch every 50 s keeps it open
    now += 50;
    ui.Click("nav_home");
    EXPECT_FALSE(ui.app().locked());
  }
  now += 61;
  ui.Frame();
  EXPECT_TRUE(ui.app().locked());
}

TEST_F(UiTest, LocksWhenTheAppGoesToTheBackgroundAndKeepsAHalfTypedForm) {
  StartSignedIn();
  GivePin("2468");
  UiHarness& ui = *ui_;
  ui.Click("nav_children");
  ui.Click("children_register");
  ui.TypeInto("reg_head", "Slamet Wib");  // still typing when the tablet is put away
  ui.app().Lock();                        // what main() does when platform/ says "background"
  ui.Frames(2);
  ASSERT_TRUE(ui.app().locked());
  EXPECT_FALSE(ui.Has("reg_head"));
  ui.Keypad("2468");
  ui.Click("login_open");
  ASSERT_FALSE(ui.app().locked());
  EXPECT_EQ(ui.app().screen(), ScreenId::kRegister);
  EXPECT_EQ(ui.app().register_form.head_name, "Slamet Wib");
  ui.TypeInto("reg_head", "owo");
  EXPECT_EQ(ui.app().register_form.head_name, "Slamet Wibowo");
}

TEST_F(UiTest, AnOldSingleTabletPinBecomesItsUsersOwn) {
  auto store = Store::Open((dir_ / "tumbuh.db").string());
  core::model::User user;
  user.name = "Ibu Sri";
  user.role = core::model::Role::kKader;
  user.area_code = "3322012001";
  user.meta.id = *(*store)->SaveUser(user);
  ASSERT_TRUE(core::store::PutSetting(**store, "user_id", user.meta.id.ToString()));
  ASSERT_TRUE(core::store::PutSetting(**store, "pin_hash", *core::model::HashPin("2468")));
  ui_ = std::make_unique<UiHarness>(std::move(*store));
  UiHarness& ui = *ui_;
  ui.Keypad("2468");
  ui.Click("login_open");
  ASSERT_TRUE(ui.app().user());
  EXPECT_FALSE(core::store::GetSetting(this->store(), "pin_hash").value());
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

// Finding 8: a weighing below the red line tells the cadre, in words, to refer
// the child; the child is on the "to refer" list.
TEST_F(UiTest, AWeighingBelowTheRedLineSaysReferAndListsTheChild) {
  StartSignedIn();
  RegisterThroughTheScreen();
  UiHarness& ui = *ui_;
  ui.Click("field_weight");
  ui.Keypad("6,5");  // 6.5 kg at 18 months: BB/U below -3 SD, not implausible
  ui.Click("measure_save");
  ASSERT_TRUE(ui.app().measure.saved)
      << (ui.app().measure.error_keys.empty() ? "" : ui.app().measure.error_keys[0]);
  const auto& m = *ui.app().measure.saved;
  EXPECT_EQ(m.assessment.weight_for_age, core::growth::Status::kSeverelyUnderweight);
  EXPECT_TRUE(m.referral & core::model::kReferBelowRedLine);
  EXPECT_STRNE(ui.app().T("refer.below_red_line"), "refer.below_red_line");  // in words
  core::store::ChildFilter f;
  f.kind = core::store::ChildListKind::kToRefer;
  f.today = store().Today();
  EXPECT_EQ(store().ListChildren(f, 0, 10)->total, 1);
}

// Finding 7: the KIA book on registration and PMT received on the measure
// screen are saved (and so reach the e-PPGBM export).
TEST_F(UiTest, TheKiaBookAndPmtAreRecordedThroughTheScreens) {
  StartSignedIn();
  UiHarness& ui = *ui_;
  ui.Click("nav_children");
  ui.Click("children_register");
  ui.Click("reg_kia");
  ui.TypeInto("reg_kk", "3322011203150001");
  ui.TypeInto("reg_head", "Slamet Wibowo");
  ui.TypeInto("reg_address", "Dusun Krajan RT 2");
  ui.TypeInto("reg_mother", "Sumiati");
  ui.TypeInto("reg_child", "Nabila Wibowo");
  ui.Click("sex_girl");
  const std::string iso = core::FormatIsoDate(store().Today() - 548);
  ui.TypeInto("reg_birth", iso.substr(8, 2) + "-" + iso.substr(5, 2) + "-" + iso.substr(0, 4));
  ui.Click("reg_consent");
  ui.Click("reg_save");
  ASSERT_EQ(ui.app().screen(), ScreenId::kMeasure)
      << ::testing::PrintToString(ui.app().register_form.errors);
  EXPECT_TRUE(ui.app().measure.child->has_kia_book);
  ui.Click("field_weight");
  ui.Keypad("9,5");
  ui.Click("field_pmt");
  ui.Keypad("1,5");
  ui.Click("measure_save");
  ASSERT_TRUE(ui.app().measure.saved)
      << (ui.app().measure.error_keys.empty() ? "" : ui.app().measure.error_keys[0]);
  EXPECT_EQ(ui.app().measure.saved->supplementary_food_g, 1500);
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
  ui.app().SetSyncControl({[&] { return status; }, [&] { ++syncs; }, nullptr, nullptr, nullptr});
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

// Issue 17: a finger has no hover before its press. Every row and button acts
// on the first tap, wherever the finger was before.
TEST_F(UiTest, AFingerOpensAChildOnTheFirstTap) {
  StartSignedIn();
  AddChildren(3);
  UiHarness& ui = *ui_;
  ui.Frames(2);
  ui.Tap("nav_children");
  ASSERT_EQ(ui.app().screen(), ScreenId::kChildren);
  ui.Frames(2);
  ui.Tap("child_row_1");
  ASSERT_EQ(ui.app().screen(), ScreenId::kProfile);
  EXPECT_EQ(ui.app().profile.child_id, ui.app().children.rows.at(1).id);
  // Back to the list by the rail, and the first tap on another row opens it.
  ui.Tap("nav_children");
  ASSERT_EQ(ui.app().screen(), ScreenId::kChildren);
  ui.Frames(2);
  ui.Tap("child_row_2");
  EXPECT_EQ(ui.app().screen(), ScreenId::kProfile);
}

// How far the window whose name holds `name` (a child window's id) is scrolled.
float ScrollOf(const char* name) {
  for (ImGuiWindow* w : GImGui->Windows) {
    if (std::strstr(w->Name, name) != nullptr) return w->Scroll.y;
  }
  ADD_FAILURE() << "no window " << name;
  return -1;
}

// A row of the children list wholly in view.
std::string ShownRow(UiHarness& ui) {
  for (const auto& [id, r] : ui.probe().rects) {
    if (!id.starts_with("child_row_")) continue;
    const ImVec4 w = ui.probe().windows.at(id);
    if (r.y >= w.y && r.y + r.w <= w.y + w.w) return id;
  }
  ADD_FAILURE() << "no row in view";
  return "";
}

// Issue 17: dragging the content scrolls it, with momentum, as on any phone;
// a drag never presses what it started on.
TEST_F(UiTest, DraggingTheListScrollsItWithMomentumAndOpensNothing) {
  StartSignedIn();
  AddChildren(60);
  UiHarness& ui = *ui_;
  ui.Tap("nav_children");
  ui.Frames(2);
  ASSERT_EQ(ScrollOf("##children_list"), 0);

  // Up by 240 px in 8 frames (1800 px a second), starting on a row.
  ui.Drag(ui.Center("child_row_3"), ImVec2(0, -240));
  EXPECT_EQ(ui.app().screen(), ScreenId::kChildren);  // the row did not open
  const float lifted = ScrollOf("##children_list");
  EXPECT_GE(lifted, 240);  // the content followed the finger
  EXPECT_LT(lifted, 300);
  EXPECT_TRUE(ui.touch().Busy());  // gliding on
  int frames = 0;
  while (ui.touch().Busy() && frames < 600) {
    ui.Frame();
    ++frames;
  }
  const float glided = ScrollOf("##children_list");
  EXPECT_GT(glided, lifted + 200);  // momentum
  EXPECT_LE(frames, 90);            // and it stops within a second and a half
  ui.Frames(3);
  EXPECT_EQ(ScrollOf("##children_list"), glided);  // then nothing moves

  // A drag on a button of a part that does not scroll (the rail) presses nothing.
  ui.Drag(ui.Center("nav_home"), ImVec2(0, 100));
  ui.Settle();
  EXPECT_EQ(ui.app().screen(), ScreenId::kChildren);
  EXPECT_EQ(ScrollOf("##children_list"), glided);

  // A touch while the list glides stops it, and opens nothing.
  const ImVec4 list = ui.probe().windows.at(ShownRow(ui));
  ui.Drag(ImVec2(list.x + list.z / 2, list.y + list.w * 0.8f), ImVec2(0, -200));
  ASSERT_TRUE(ui.touch().Busy());
  ui.Frames(3);
  ui.Tap(ui.Center(ShownRow(ui)));
  const float stopped = ScrollOf("##children_list");
  EXPECT_FALSE(ui.touch().Busy());
  ui.Frames(5);
  EXPECT_EQ(ScrollOf("##children_list"), stopped);
  EXPECT_EQ(ui.app().screen(), ScreenId::kChildren);

  // A finger that wavers less than the slop still taps.
  ui.Drag(ui.Center(ShownRow(ui)), ImVec2(3, 5), 3);
  ui.Settle();
  EXPECT_EQ(ui.app().screen(), ScreenId::kProfile);
}

// Issue 17: nothing moves under a finger. A message lies over the screen; the
// fields and rows stay where they were before, during and after it.
TEST_F(UiTest, AMessageMovesNothingUnderTheFinger) {
  StartSignedIn();
  AddChildren(3);
  UiHarness& ui = *ui_;
  ui.Tap("nav_children");
  ui.Frames(2);
  const ImVec4 search = ui.probe().rects.at("children_search");
  const ImVec4 row = ui.probe().rects.at("child_row_0");
  auto same = [](const ImVec4& a, const ImVec4& b) {
    return a.x == b.x && a.y == b.y && a.z == b.z && a.w == b.w;
  };
  ui.app().Post([](App& a) { a.Toast("Data anak tersimpan"); });
  ui.Frames(3);
  EXPECT_TRUE(same(ui.probe().rects.at("children_search"), search));
  EXPECT_TRUE(same(ui.probe().rects.at("child_row_0"), row));
  EXPECT_TRUE(ui.Has("toast"));  // shown
  ui.Frames(5 * 60);             // five seconds: gone
  EXPECT_FALSE(ui.Has("toast"));
  EXPECT_TRUE(same(ui.probe().rects.at("children_search"), search));
  EXPECT_TRUE(same(ui.probe().rects.at("child_row_0"), row));
  // It lies over the top bar, not over a field.
  ui.app().Post([](App& a) { a.Toast("Data anak tersimpan"); });
  ui.Frames(3);
  ASSERT_TRUE(ui.Has("toast"));
  const ImVec4 toast = ui.probe().rects.at("toast");
  EXPECT_LT(toast.y + toast.w, search.y);
}

// Issue 17: idle means no frames, text field or not. With a field focused the
// loop waits for the cursor's next blink, never less than a few hundred ms.
TEST_F(UiTest, AFocusedTextFieldWaitsForTheCursorBlinkNotABusyLoop) {
  StartSignedIn();
  UiHarness& ui = *ui_;
  ui.Tap("nav_children");
  ui.Frames(2);
  ui.Tap("children_search");
  ASSERT_TRUE(ImGui::GetIO().WantTextInput);  // focused
  for (int i = 0; i < 200; ++i) {             // over several blinks
    ui.Frame();
    EXPECT_FALSE(ui.app().KeepDrawing());
    const int wake = ui.app().NextWakeMs();
    EXPECT_GT(wake, 0);
    EXPECT_LE(wake, 1200);  // the blink flips within one period (0.8 s on, 0.4 s off)
    if (::testing::Test::HasFailure()) break;
  }
  // Typing shows the cursor at once and keeps it still a moment longer.
  ImGui::GetIO().AddInputCharacter('a');
  ui.Frame();
  EXPECT_GE(ui.app().NextWakeMs(), 1000);
  EXPECT_EQ(ui.app().children.search, "a");
  // No field: only the lock's deadline wakes the app (minutes).
  ui.Tap("nav_home");
  ui.Frames(2);
  EXPECT_FALSE(ui.app().KeepDrawing());
  EXPECT_GT(ui.app().NextWakeMs(), 60 * 1000);
}

// Issue 17: a double tap on Simpan is one save and one message, not a success
// and an error ("nothing to save") together.
TEST_F(UiTest, ADoubleTapOnSimpanSavesOnceWithOneMessage) {
  StartSignedIn();
  AddChildren(1);
  UiHarness& ui = *ui_;
  const auto child = store().SearchChildren("Anak", 5).value().at(0).id;
  ui.app().Post([child](App& a) { a.MeasureChild(child); });
  ui.Frames(2);
  ASSERT_EQ(ui.app().screen(), ScreenId::kMeasure);
  ui.Click("field_weight");
  ui.Keypad("9,8");
  ui.Frames(2);
  const ImVec2 save = ui.Center("measure_save");
  ui.Tap(save);
  ui.Tap(save);  // the finger bounces: a second tap a few frames later
  ui.Frames(2);
  EXPECT_EQ(Count("measurement"), 1);
  ASSERT_TRUE(ui.app().measure.saved);
  EXPECT_TRUE(ui.app().measure.error_keys.empty())
      << ::testing::PrintToString(ui.app().measure.error_keys);
  // Another value and Simpan again: one more save, and the result is the new one.
  ui.Click("field_weight");
  ui.Keypad("9,9");
  ui.Click("measure_save");
  EXPECT_EQ(Count("measurement"), 2);
  EXPECT_EQ(ui.app().measure.saved->weight_g, 9900);
  EXPECT_TRUE(ui.app().measure.error_keys.empty());
}

// Issue 17: leaving a half-filled form by the rail asks first; the answer
// "back" keeps every field, "throw away" leaves. An empty form just leaves.
TEST_F(UiTest, LeavingAHalfFilledFormByTheRailAsksFirst) {
  StartSignedIn();
  UiHarness& ui = *ui_;
  ui.Click("nav_children");
  ui.Click("children_register");
  ASSERT_EQ(ui.app().screen(), ScreenId::kRegister);
  ui.TypeInto("reg_child", "Setengah Isi");
  ui.Click("nav_home");
  EXPECT_EQ(ui.app().screen(), ScreenId::kRegister);
  ui.Click("leave_stay");
  EXPECT_EQ(ui.app().screen(), ScreenId::kRegister);
  EXPECT_EQ(ui.app().register_form.child_name, "Setengah Isi");
  ui.Frames(2);
  EXPECT_FALSE(ui.Has("leave_stay"));  // the question is gone
  ui.Click("nav_home");
  ui.Click("leave_discard");
  EXPECT_EQ(ui.app().screen(), ScreenId::kHome);
  EXPECT_EQ(ui.app().register_form.child_name, "");
  // Nothing typed: the rail goes at once.
  ui.Click("nav_children");
  ui.Click("children_register");
  ui.Click("nav_home");
  EXPECT_EQ(ui.app().screen(), ScreenId::kHome);
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
