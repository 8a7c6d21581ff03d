// App: the frame layout (top bar, navigation rail, the current screen, a
// toast), navigation, the session and the settings kept in the database.
#include "app.h"

#include <imgui.h>

#include <cstdlib>

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
}  // namespace

App::App(std::unique_ptr<core::store::Store> store) : store_(std::move(store)) {
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
}

const char* App::StatusText(core::growth::Status status) const {
  // The labels are string literals: their data() is a C string for good.
  return core::growth::StatusText(status, GrowthLanguage(language_)).data();
}

std::string App::Day(int day) const {
  return ui::FormatDay(day, language_ == Language::kIndonesian);
}

void App::Go(ScreenId screen) {
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
    ImGui::TextDisabled("  %s \xC2\xB7 %s", user_->name.c_str(),
                        T(kRoleKeys[static_cast<int>(user_->role)]));
  }
  const std::string unsent = std::to_string(pending_changes_) + " " + T("top.unsent");
  const float width = ImGui::CalcTextSize(unsent.c_str()).x;
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - width);
  ImGui::TextDisabled("%s", unsent.c_str());
  if (!toast_.empty() && ImGui::GetTime() < toast_until_) {
    ui::ColoredText(toast_error_ ? ImVec4(0.8f, 0.12f, 0.12f, 1) : ImVec4(0.1f, 0.45f, 0.25f, 1),
                    toast_.c_str());
  }
  ImGui::Separator();
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
      Post([target](App& app) {
        if (target == ScreenId::kVisits) app.visits.household_id = {};
        app.Go(target);
      });
    }
  }
}

void App::Frame() {
  if (sync_.status) {
    const bool was_running = sync_status_.running;
    sync_status_ = sync_.status();
    if (was_running && !sync_status_.running) {  // a sync just ended: data may have come in
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
  if (screen_ == ScreenId::kLogin || !user_) {
    login.Draw(*this);
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
  ImGui::End();
}

}  // namespace app
