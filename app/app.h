// The tablet app without its window: the session, the settings, the screens
// and navigation. Frame() draws one frame with Dear ImGui (between NewFrame
// and Render); AfterRender() applies what the screens asked for (saves,
// navigation), the one place the app changes data. Never calls SDL, so tests
// run it headless.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "i18n/translations.h"
#include "model/records.h"
#include "screens/children_screen.h"
#include "screens/home_screen.h"
#include "screens/login_screen.h"
#include "screens/measure_screen.h"
#include "screens/profile_screen.h"
#include "screens/register_screen.h"
#include "screens/review_screen.h"
#include "screens/settings_screen.h"
#include "screens/sync_screen.h"
#include "screens/visits_screen.h"
#include "store/store.h"

namespace app {

enum class ScreenId {
  kLogin,
  kHome,
  kChildren,
  kRegister,
  kProfile,
  kMeasure,
  kVisits,
  kSync,
  kSettings,
  kReview,
};

// Text sizes offered in the settings (pixels of the body font).
inline constexpr float kTextSizes[] = {20.0f, 24.0f, 30.0f};

// What the sync panel shows, copied from the sync worker once a frame.
struct SyncStatus {
  bool configured = false;  // the tablet is enrolled with a server
  int64_t pending_up = 0;
  int64_t pending_down = -1;     // changes the server still holds for this tablet; -1 unknown
  std::string last_success;      // local time text, "" = never
  std::string last_error;        // the sync client's detail (English), "" = none
  const char* problem_key = "";  // translation key of what went wrong, "" = none
  int refused = 0;               // changes the server refused, set aside on the tablet
  bool running = false;
  int64_t set_aside = 0;  // pulled changes this tablet could not apply yet, kept to retry
};

// What enrolling a person with the server gave: their profile as the server
// keeps it (the tablet never chooses a role or an area), or why not.
struct Enrolment {
  bool ok = false;
  core::model::User user;        // id, name, role and area from the server's profile
  const char* problem_key = "";  // translation key of what went wrong, "" = none
  std::string detail;            // the sync client's detail (English)
};

// The sync worker as the app sees it (main.cpp wires syncing::client::SyncWorker);
// the app works without one.
struct SyncControl {
  std::function<SyncStatus()> status;
  std::function<void()> sync_now;
  std::function<void(const std::string& url, const std::string& user, const std::string& password)>
      enrol;
  // Enrols the person at the tablet (their server user name and password) off
  // the UI thread; the outcome is taken once, polled each frame.
  std::function<void(const std::string& url, const std::string& user, const std::string& password)>
      enrol_user;
  std::function<std::optional<Enrolment>()> take_enrolment;
};

// Lock after this many minutes without input, by default; the settings offer these.
inline constexpr int kDefaultLockMinutes = 5;
inline constexpr int kLockMinutesChoices[] = {1, 2, 5, 10, 15};

class App {
 public:
  explicit App(std::unique_ptr<core::store::Store> store);

  // Draws the whole UI for this frame.
  void Frame();
  // Applies the intents the screens queued during Frame().
  void AfterRender();

  // --- for the screens
  core::store::Store& store() { return *store_; }
  const char* T(std::string_view key) const { return Translations::Embedded(language_).Get(key); }
  const char* StatusText(core::growth::Status status) const;
  const char* RoleText(core::model::Role role) const;
  // A day number as the user reads it ("25 Nov 2026").
  std::string Day(int day) const;
  Language language() const { return language_; }
  const std::optional<core::model::User>& user() const { return user_; }
  int today() const { return store_->Today(); }

  // Queues a change for after this frame (saves, navigation, settings).
  void Post(std::function<void(App&)> intent) { intents_.push_back(std::move(intent)); }
  void Go(ScreenId screen);
  void OpenChild(const core::model::Id& child);
  void MeasureChild(const core::model::Id& child);
  void OpenVisitForm(const core::model::Id& household);
  ScreenId screen() const { return screen_; }
  // A short message shown over the top bar for a few seconds (info or
  // error); it never moves what is under it.
  void Toast(std::string text, bool error = false);

  // --- session and settings (applied via Post by the screens)
  // Signs `user` in (from the PIN screen). Unlocking: the same user goes back
  // to where they were, with every screen's state as it was.
  void SignIn(const core::model::User& user);
  void SignOut();

  // --- the people who may open this tablet, each with their own PIN hash
  // (settings "pin_hash.<user id>"): adding one never touches another's.
  std::vector<core::model::User> TabletUsers();
  bool CheckPin(const core::model::Id& user, const std::string& pin);
  // Keeps `user` (a profile from the server, a demo user, or one approved on
  // the tablet by `approved_by`) with the hash of `pin`, then signs them in.
  // Returns "" or the translation key of the refusal.
  std::string AddTabletUser(core::model::User user, const std::string& pin,
                            const std::optional<core::model::Id>& approved_by);
  // `tumbuh --demo`: the demo's users may be taken without a server.
  void SetDemo(bool demo) { demo_ = demo; }
  bool demo() const { return demo_; }

  // --- the lock: after lock_minutes() without input, or when the app goes to
  // the background, the PIN screen covers everything; the screens keep their
  // state, and the same user's PIN brings them back where they were.
  void Lock();
  bool locked() const { return locked_; }
  int lock_minutes() const { return lock_minutes_; }
  void SetLockMinutes(int minutes);
  // The clock the lock counts with (seconds, monotonic); tests inject theirs.
  void SetClock(std::function<double()> seconds);
  // Milliseconds until the app must draw a frame without any input (the
  // lock's deadline, a message to take away, a sync or enrolment under way);
  // -1 when only input can change what is shown. The frame loop waits that long.
  int NextWakeMs() const;
  // True while the frame loop must keep drawing without input (an item held
  // under a finger). A focused text field is not a reason: its cursor blink
  // is a timer in NextWakeMs().
  bool KeepDrawing() const;
  void SetLanguage(Language language);
  void SetTextSize(float px);
  float text_size() const { return text_size_; }
  // True once after the text size changed: the platform rebuilds the fonts.
  bool TakeFontChange();
  std::string server_address() const;
  void SetServerAddress(const std::string& address);

  // Changes waiting in the outbox (counted when something may have changed it,
  // not every frame: a count over a long outbox costs milliseconds).
  int64_t pending_changes() const { return pending_changes_; }
  void RefreshPendingChanges();

  const SyncStatus& sync_status() const { return sync_status_; }
  void SetSyncControl(SyncControl control) { sync_ = std::move(control); }
  const SyncControl& sync_control() const { return sync_; }

  // The posyandu of the signed-in cadre (the first in their village), if any.
  std::optional<core::model::Id> my_posyandu() const { return my_posyandu_; }
  std::string my_area() const { return user_ ? user_->area_code : ""; }

  // Screens, reachable for tests.
  LoginScreen login;
  HomeScreen home;
  ChildrenScreen children;
  RegisterScreen register_form;
  ProfileScreen profile;
  MeasureScreen measure;
  VisitsScreen visits;
  SyncScreen sync;
  ReviewScreen review;
  SettingsScreen settings;

 private:
  void DrawTopBar();
  void DrawToast();  // over the top bar, never moving the screen
  // True when the screen shown holds a form with typed input not saved yet.
  bool UnsavedForm() const;
  // "Leave the form?" when the rail is tapped over an unsaved form.
  void DrawLeaveQuestion();
  void DrawNavigation();
  void LoadSettings();
  // Counts the inactivity and locks; `input` = the user touched or typed this frame.
  void TrackActivity(bool input);

  std::unique_ptr<core::store::Store> store_;
  Language language_ = Language::kIndonesian;
  float text_size_ = kTextSizes[1];
  bool font_changed_ = false;
  std::optional<core::model::User> user_;
  std::optional<core::model::Id> my_posyandu_;
  ScreenId screen_ = ScreenId::kLogin;
  std::vector<std::function<void(App&)>> intents_;
  std::string toast_;
  bool toast_error_ = false;
  double toast_until_ = 0;
  SyncStatus sync_status_;
  int64_t pending_changes_ = 0;
  SyncControl sync_;
  bool demo_ = false;
  std::function<double()> clock_;
  double last_input_ = 0;
  int lock_minutes_ = kDefaultLockMinutes;
  bool locked_ = false;
  bool close_popups_ = false;         // a lock came: close the screens' popups next frame
  bool swallow_press_ = false;        // the press that met the lock acts on nothing
  std::optional<ScreenId> leave_to_;  // the rail's target, while "leave the form?" asks
  std::string last_sync_success_;     // a sync that ended unseen (idle) still refreshes
};

}  // namespace app
