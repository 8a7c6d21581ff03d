// App: the frame layout (top bar, navigation rail, the current screen, a
// toast), navigation, the session and the settings kept in the database.
#include "app.h"

#include "model/permissions.h"

#include <imgui.h>
#include <imgui_internal.h>  // ClosePopupToLevel: a lock closes the screens' popups

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>

#include "model/permissions.h"
#include "model/pin.h"
#include "model/validation.h"
#include "store/settings.h"
#include "ui/keypad.h"
#include "ui/widgets.h"

namespace app {

namespace {
constexpr const char* kRoleKeys[] = {"",
                                     "role.kader",
                                     "role.bidan",
                                     "role.tpk",
                                     "role.babinsa",
                                     "role.bhabinkamtibmas",
                                     "role.supervisor",
                                     "role.admin"};
constexpr const char* kPinHashPrefix = "pin_hash.";

double SteadySeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Did the user touch, move, scroll or type since the last frame?
bool InputThisFrame() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || io.MouseWheel != 0 || io.MouseWheelH != 0 ||
      !io.InputQueueCharacters.empty()) {
    return true;
  }
  return std::any_of(std::begin(io.MouseDown), std::end(io.MouseDown), [](bool d) { return d; }) ||
         std::any_of(std::begin(io.KeysDown), std::end(io.KeysDown), [](bool d) { return d; });
}

// The text field being edited, if any.
const ImGuiInputTextState* EditedText() {
  const ImGuiContext* g = ImGui::GetCurrentContext();
  if (g == nullptr || g->ActiveId == 0 || g->InputTextState.ID != g->ActiveId) return nullptr;
  return &g->InputTextState;
}

}  // namespace

App::App(std::unique_ptr<core::store::Store> store)
    : store_(std::move(store)), clock_(SteadySeconds) {
  last_input_ = clock_();
  LoadSettings();
  RefreshPendingChanges();
}

void App::RefreshPendingChanges() {
  pending_changes_ = store_->PendingChanges().value_or(0);
}

void App::LoadSettings() {
  if (auto lang = core::store::GetSetting(*store_, "language"); lang && *lang) {
    language_ = **lang == "en" ? Language::kEnglish : Language::kIndonesian;
  }
  if (auto size = core::store::GetSetting(*store_, "text_size"); size && *size) {
    const float px = std::strtof((*size)->c_str(), nullptr);
    for (float allowed : kTextSizes) {
      if (px == allowed) text_size_ = px;
    }
  }
  if (auto minutes = core::store::GetSetting(*store_, "lock_minutes"); minutes && *minutes) {
    const int m = std::atoi((*minutes)->c_str());
    for (int allowed : kLockMinutesChoices) {
      if (m == allowed) lock_minutes_ = m;
    }
  }
  // Before one PIN hash per user, the tablet kept one ("pin_hash") for the
  // user in "user_id": it becomes that user's own.
  auto old_hash = core::store::GetSetting(*store_, "pin_hash").value_or(std::nullopt);
  auto old_user = core::store::GetSetting(*store_, "user_id").value_or(std::nullopt);
  if (old_hash && old_user) {
    if (core::store::PutSetting(*store_, kPinHashPrefix + *old_user, *old_hash)) {
      (void)core::store::DeleteSetting(*store_, "pin_hash");
    }
  }
}

std::vector<core::model::User> App::TabletUsers() {
  std::vector<core::model::User> users;
  auto hashes = core::store::SettingsWithPrefix(*store_, kPinHashPrefix);
  if (!hashes) return users;
  for (const auto& [id_text, hash] : *hashes) {
    auto id = core::model::Id::Parse(id_text);
    auto user = id ? store_->GetUser(*id).value_or(std::nullopt) : std::nullopt;
    if (user) users.push_back(std::move(*user));
  }
  std::sort(users.begin(), users.end(),
            [](const core::model::User& a, const core::model::User& b) { return a.name < b.name; });
  return users;
}

bool App::CheckPin(const core::model::Id& user, const std::string& pin) {
  auto hash = core::store::GetSetting(*store_, kPinHashPrefix + user.ToString());
  return hash && *hash && core::model::CheckPin(pin, **hash);
}

std::string App::AddTabletUser(core::model::User user, const std::string& pin,
                               const std::optional<core::model::Id>& approved_by) {
  if (!core::model::IsValidPin(pin)) return "error.pin_digits";
  if (auto problems = core::model::ValidateUser(user); !problems.empty()) {
    return problems.front().key;
  }
  auto hash = core::model::HashPin(pin);
  if (!hash || !store_->BeginBatch()) return "error.storage";
  // The profile, its PIN hash and who approved it: all or nothing.
  auto id = store_->SaveUser(user);
  bool saved = id.has_value();
  if (saved) {
    user.meta.id = *id;
    saved = core::store::PutSetting(*store_, kPinHashPrefix + id->ToString(), *hash).has_value();
  }
  if (saved && approved_by) {
    saved =
        core::store::PutSetting(*store_, "approved_by." + id->ToString(), approved_by->ToString())
            .has_value();
  }
  if (!saved || !store_->CommitBatch()) {
    store_->RollbackBatch();
    return "error.storage";
  }
  SignIn(user);
  return "";
}

void App::SetLockMinutes(int minutes) {
  lock_minutes_ = minutes;
  (void)core::store::PutSetting(*store_, "lock_minutes", std::to_string(minutes));
}

void App::SetClock(std::function<double()> seconds) {
  clock_ = std::move(seconds);
  last_input_ = clock_();
}

void App::Lock() {
  if (!user_ || locked_) return;
  locked_ = true;
  close_popups_ = true;
  login = LoginScreen{};
  login.who = user_->meta.id;
}

void App::TrackActivity(bool input) {
  const double now = clock_();
  // The deadline first: the touch that wakes an idle tablet meets the lock.
  if (user_ && !locked_ && now - last_input_ >= lock_minutes_ * 60.0) {
    Lock();
    swallow_press_ = input;
  }
  if (input) last_input_ = now;
  if (swallow_press_ && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) swallow_press_ = false;
}

int App::NextWakeMs() const {
  double wake = -1;  // seconds
  auto sooner = [&wake](double seconds) {
    seconds = std::max(0.0, seconds);
    if (wake < 0 || seconds < wake) wake = seconds;
  };
  if (user_ && !locked_) sooner(last_input_ + lock_minutes_ * 60.0 - clock_());
  const bool top_bar_shown = user_ && !locked_ && screen_ != ScreenId::kLogin;
  if (top_bar_shown && !toast_.empty() && ImGui::GetCurrentContext() != nullptr) {
    const double left = toast_until_ - ImGui::GetTime();
    if (left > 0) sooner(left);
  }
  // A focused text field: its cursor's next blink. ImGui shows the cursor
  // while CursorAnim <= 0 (just typed) or fmod(CursorAnim, 1.2) <= 0.8, and
  // advances CursorAnim by the time between frames: one frame a flip.
  if (const ImGuiInputTextState* text = EditedText();
      text != nullptr && ImGui::GetIO().ConfigInputTextCursorBlink) {
    const double t = text->CursorAnim;
    const double phase = t <= 0 ? t : std::fmod(t, 1.2);
    sooner((phase <= 0.8 ? 0.8 - phase : 1.2 - phase) + 0.005);
  }
  if (sync_status_.running) sooner(1.0);  // progress to show
  if (login.enrolling) sooner(0.2);       // the server's answer to take
  return wake < 0 ? -1 : static_cast<int>(std::ceil(wake * 1000));
}

bool App::KeepDrawing() const {
  // A held button or a dragged scrollbar, not a text field waiting for keys.
  return ImGui::IsAnyItemActive() && EditedText() == nullptr;
}

const char* App::StatusText(core::growth::Status status) const {
  // The labels are string literals: their data() is a C string for good.
  return core::growth::StatusText(status, GrowthLanguage(language_)).data();
}

const char* App::RoleText(core::model::Role role) const {
  const auto i = static_cast<size_t>(role);
  return i < std::size(kRoleKeys) ? T(kRoleKeys[i]) : "";
}

std::string App::Day(int day) const {
  return ui::FormatDay(day, language_ == Language::kIndonesian);
}

void App::Go(ScreenId screen) {
  // The server refuses a record from a role that may not write it: the tablet
  // does not open the form (a Babinsa does not measure, a kader does not review).
  if (user_) {
    const core::model::Role role = user_->role;
    if ((screen == ScreenId::kMeasure && !core::model::MayMeasure(role)) ||
        (screen == ScreenId::kRegister && !core::model::MayRegister(role)) ||
        (screen == ScreenId::kReview && !core::model::MayReview(role))) {
      return;
    }
  }
  screen_ = screen;
  home.stale = true;
  children.stale = true;
  visits.stale = true;
  review.stale = true;
  settings.loaded = false;
}

void App::OpenChild(const core::model::Id& child) {
  profile.Open(child);
  Go(ScreenId::kProfile);
}

void App::MeasureChild(const core::model::Id& child) {
  measure.Start(*this, child);
  Go(ScreenId::kMeasure);
}

void App::OpenVisitForm(const core::model::Id& household) {
  visits.OpenForm(*this, household);
  Go(ScreenId::kVisits);
}

void App::Toast(std::string text, bool error) {
  toast_ = std::move(text);
  toast_error_ = error;
  toast_until_ = ImGui::GetTime() + 4.0;
}

void App::SignIn(const core::model::User& user) {
  last_input_ = clock_();
  if (locked_ && user_ && user_->meta.id == user.meta.id) {  // unlocked: back where they were
    locked_ = false;
    login = LoginScreen{};
    return;
  }
  locked_ = false;
  login = LoginScreen{};
  user_ = user;
  my_posyandu_.reset();
  if (auto posyandu = store_->PosyanduIn(user.area_code); posyandu && !posyandu->empty()) {
    for (const auto& p : *posyandu) {  // the one this cadre runs, else the first
      for (const auto& cadre : p.cadre_ids) {
        if (cadre == user.meta.id) my_posyandu_ = p.meta.id;
      }
    }
    if (!my_posyandu_ && user.role == core::model::Role::kKader) {
      my_posyandu_ = posyandu->front().meta.id;
    }
  }
  (void)core::store::PutSetting(*store_, "user_id", user.meta.id.ToString());
  Go(ScreenId::kHome);
}

void App::SignOut() {
  user_.reset();
  locked_ = false;
  login = LoginScreen{};
  Go(ScreenId::kLogin);
}

void App::SetLanguage(Language language) {
  language_ = language;
  (void)core::store::PutSetting(*store_, "language", language == Language::kEnglish ? "en" : "id");
}

void App::SetTextSize(float px) {
  if (px == text_size_) return;
  text_size_ = px;
  font_changed_ = true;
  (void)core::store::PutSetting(*store_, "text_size", std::to_string(static_cast<int>(px)));
}

bool App::TakeFontChange() {
  const bool changed = font_changed_;
  font_changed_ = false;
  return changed;
}

std::string App::server_address() const {
  auto value = core::store::GetSetting(*store_, "server");
  return value && *value ? **value : "";
}

void App::SetServerAddress(const std::string& address) {
  (void)core::store::PutSetting(*store_, "server", address);
}

void App::AfterRender() {
  // Intents may queue more intents (a save that navigates): run until quiet.
  if (intents_.empty()) return;
  for (size_t i = 0; i < intents_.size(); ++i) {
    auto intent = std::move(intents_[i]);
    intent(*this);
  }
  intents_.clear();
  RefreshPendingChanges();
}

void App::DrawTopBar() {
  ui::Heading("Tumbuh");
  if (user_) {
    ImGui::SameLine();
    ImGui::TextDisabled("  %s \xC2\xB7 %s", user_->name.c_str(), RoleText(user_->role));
  }
  const std::string unsent = std::to_string(pending_changes_) + " " + T("top.unsent");
  const float width = ImGui::CalcTextSize(unsent.c_str()).x;
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - width);
  ImGui::TextDisabled("%s", unsent.c_str());
  ImGui::Separator();
}

void App::DrawToast() {
  if (toast_.empty() || ImGui::GetTime() >= toast_until_) return;
  // A window of its own over the top bar, which takes no input: nothing
  // under the user's finger moves when it comes or goes (issue 17).
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f,
                                 viewport->WorkPos.y + style.WindowPadding.y * 0.5f),
                          ImGuiCond_Always, ImVec2(0.5f, 0));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, toast_error_ ? ImVec4(0.99f, 0.90f, 0.88f, 1)
                                                        : ImVec4(0.88f, 0.96f, 0.90f, 1));
  ImGui::PushStyleColor(ImGuiCol_Border, toast_error_ ? ImVec4(0.8f, 0.12f, 0.12f, 1)
                                                      : ImVec4(0.1f, 0.45f, 0.25f, 1));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, style.FrameRounding);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
  ImGui::Begin("##toast", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoInputs |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav |
                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PushTextWrapPos(viewport->WorkSize.x * 0.45f);  // a long one wraps
  ImGui::PushStyleColor(
      ImGuiCol_Text, toast_error_ ? ImVec4(0.8f, 0.12f, 0.12f, 1) : ImVec4(0.1f, 0.45f, 0.25f, 1));
  ImGui::TextUnformatted(toast_.c_str());
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  ui::RecordItem("##toast");
  ImGui::End();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor(2);
}

void App::DrawNavigation() {
  struct Entry {
    ScreenId screen;
    const char* label_key;
    const char* id;
  };
  const Entry entries[] = {{ScreenId::kHome, "nav.home", "nav_home"},
                           {ScreenId::kChildren, "nav.children", "nav_children"},
                           {ScreenId::kReview, "nav.review", "nav_review"},
                           {ScreenId::kVisits, "nav.visits", "nav_visits"},
                           {ScreenId::kSync, "nav.sync", "nav_sync"},
                           {ScreenId::kSettings, "nav.settings", "nav_settings"}};
  for (const Entry& e : entries) {
    if (e.screen == ScreenId::kReview && !(user_ && CanReview(*user_))) continue;
    const bool selected =
        screen_ == e.screen || (e.screen == ScreenId::kChildren &&
                                (screen_ == ScreenId::kProfile || screen_ == ScreenId::kMeasure ||
                                 screen_ == ScreenId::kRegister));
    const std::string label = std::string(T(e.label_key)) + "##" + e.id;
    if (ui::ToggleButton(label.c_str(), selected, -1)) {
      const ScreenId target = e.screen;
      if (target != screen_ && UnsavedForm()) {
        leave_to_ = target;  // ask first (issue 17): DrawLeaveQuestion
        continue;
      }
      Post([target](App& app) {
        if (target == ScreenId::kVisits) app.visits.household_id = {};
        app.Go(target);
      });
    }
  }
}

bool App::UnsavedForm() const {
  switch (screen_) {
    case ScreenId::kRegister: {
      const RegisterScreen& r = register_form;
      for (const std::string* text :
           {&r.kk, &r.head_name, &r.address, &r.rt, &r.rw, &r.mother_name, &r.mother_nik,
            &r.child_name, &r.child_nik, &r.birth_date, &r.birth_weight, &r.birth_length}) {
        if (!text->empty()) return true;
      }
      return r.sex != 0 || r.consent;
    }
    case ScreenId::kMeasure:
      return !measure.weight.empty() || !measure.length.empty() || !measure.head.empty() ||
             !measure.muac.empty();
    case ScreenId::kVisits: {
      const VisitsScreen& v = visits;
      return v.household_id != core::model::Id{} &&
             (!v.notes.empty() || !v.referral.empty() || !v.aid.empty() || v.clean_water != 0 ||
              v.latrine != 0 || v.smoking != 0 || v.breastfeeding != 0 || v.immunisation != 0 ||
              v.anc != 0);
    }
    default:
      return false;
  }
}

void App::DrawLeaveQuestion() {
  if (leave_to_ && !ImGui::IsPopupOpen("##leave_form")) ImGui::OpenPopup("##leave_form");
  if (!ImGui::BeginPopupModal("##leave_form", nullptr,
                              ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar)) {
    return;
  }
  ui::Heading(T("leave.title"));
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
  ImGui::TextUnformatted(T("leave.text"));
  ImGui::PopTextWrapPos();
  if (ui::PrimaryButton((std::string(T("leave.stay")) + "##leave_stay").c_str(), 0)) {
    leave_to_.reset();  // back to the form, as it was
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ui::WarnButton((std::string(T("leave.discard")) + "##leave_discard").c_str())) {
    const ScreenId target = leave_to_.value_or(ScreenId::kHome);
    leave_to_.reset();
    ImGui::CloseCurrentPopup();
    Post([target](App& app) {
      if (app.screen_ == ScreenId::kRegister) app.register_form.Clear();
      if (app.screen_ == ScreenId::kMeasure) {
        app.measure.weight.clear();
        app.measure.length.clear();
        app.measure.head.clear();
        app.measure.muac.clear();
      }
      if (target == ScreenId::kVisits || app.screen_ == ScreenId::kVisits) {
        app.visits.household_id = {};
      }
      app.Go(target);
    });
  }
  ImGui::EndPopup();
}

void App::Frame() {
  TrackActivity(InputThisFrame());
  if (close_popups_) {
    close_popups_ = false;
    // A screen's popup (a combo, "Ukur ulang?") must not sit over the PIN;
    // its state stays in the screen, which opens it again after the PIN.
    if (!ImGui::GetCurrentContext()->OpenPopupStack.empty()) ImGui::ClosePopupToLevel(0, false);
  }
  if (sync_.status) {
    const bool was_running = sync_status_.running;
    sync_status_ = sync_.status();
    const bool ended_unseen = sync_status_.last_success != last_sync_success_;
    last_sync_success_ = sync_status_.last_success;
    // A sync just ended (or ended while the app drew nothing): data may have come in.
    if ((was_running && !sync_status_.running) || ended_unseen) {
      RefreshPendingChanges();
      children.Invalidate();
      home.stale = true;
      profile.stale = true;
      visits.stale = true;
    }
  }
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::Begin("##root", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings);
  if (screen_ == ScreenId::kLogin || !user_ || locked_) {
    if (swallow_press_) ImGui::BeginDisabled();
    login.Draw(*this);
    if (swallow_press_) ImGui::EndDisabled();
    ImGui::End();
    return;
  }
  DrawTopBar();
  const float rail = ImGui::GetFontSize() * 8.5f;
  ImGui::BeginChild("##nav", ImVec2(rail, 0), false);
  DrawNavigation();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##screen", ImVec2(0, 0), false);
  switch (screen_) {
    case ScreenId::kLogin:
      break;
    case ScreenId::kHome:
      home.Draw(*this);
      break;
    case ScreenId::kChildren:
      children.Draw(*this);
      break;
    case ScreenId::kRegister:
      register_form.Draw(*this);
      break;
    case ScreenId::kProfile:
      profile.Draw(*this);
      break;
    case ScreenId::kMeasure:
      measure.Draw(*this);
      break;
    case ScreenId::kVisits:
      visits.Draw(*this);
      break;
    case ScreenId::kSync:
      sync.Draw(*this);
      break;
    case ScreenId::kSettings:
      settings.Draw(*this);
      break;
    case ScreenId::kReview:
      review.Draw(*this);
      break;
  }
  ImGui::EndChild();
  DrawLeaveQuestion();
  ImGui::End();
  DrawToast();
}

}  // namespace app
