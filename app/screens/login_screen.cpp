#include "screens/login_screen.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app.h"
#include "model/pin.h"
#include "model/validation.h"
#include "store/settings.h"
#include "ui/keypad.h"
#include "ui/widgets.h"

namespace app {

namespace {

using core::model::Role;

struct RoleChoice {
  Role role;
  const char* key;
  const char* id;
};
constexpr RoleChoice kRoles[] = {
    {Role::kKader, "role.kader", "role_kader"},
    {Role::kBidan, "role.bidan", "role_bidan"},
    {Role::kTpk, "role.tpk", "role_tpk"},
    {Role::kBabinsa, "role.babinsa", "role_babinsa"},
    {Role::kBhabinkamtibmas, "role.bhabinkamtibmas", "role_bhabinkamtibmas"},
    {Role::kSupervisor, "role.supervisor", "role_supervisor"}};

std::string Label(App& app, const char* key, const char* id) {
  return std::string(app.T(key)) + "##" + id;
}

// The PIN as dots, so a neighbour cannot read it.
std::string Dots(const std::string& pin) {
  std::string dots;
  for (size_t i = 0; i < pin.size(); ++i) dots += "\xE2\x80\xA2 ";
  return dots.empty() ? "-" : dots;
}

}  // namespace

void LoginScreen::Draw(App& app) {
  const auto stored_user = core::store::GetSetting(app.store(), "user_id").value_or(std::nullopt);
  const auto pin_hash = core::store::GetSetting(app.store(), "pin_hash").value_or(std::nullopt);
  const bool first_start = !stored_user || !pin_hash;
  const float half = ImGui::GetContentRegionAvail().x * 0.5f;

  ui::Heading(app.T("login.welcome"));
  if (first_start || registering) {
    ImGui::TextWrapped("%s", app.T("login.first_start"));
    ImGui::BeginChild("##who", ImVec2(half, 0));
    ImGui::TextUnformatted(app.T("login.name"));
    ui::TextField("##login_name", &name);
    ImGui::TextUnformatted(app.T("login.role"));
    for (size_t i = 0; i < std::size(kRoles); ++i) {
      if (i % 2) ImGui::SameLine();
      if (ui::ToggleButton(Label(app, kRoles[i].key, kRoles[i].id).c_str(), role == kRoles[i].role,
                           half * 0.47f)) {
        role = kRoles[i].role;
      }
    }
    ImGui::TextUnformatted(app.T("login.area"));
    // Known areas (from the demo or a sync) as choices; else the code typed in.
    if (!this->areas)
      this->areas = app.store().Areas("").value_or(std::vector<core::model::Area>{});
    const std::vector<core::model::Area>& areas = *this->areas;
    const bool wants_village = role != Role::kSupervisor;
    std::string preview = area_code.empty() ? app.T("login.pick_area") : area_code;
    for (const auto& a : areas) {
      if (a.code == area_code) preview = a.name + " (" + core::model::FormatAreaCode(a.code) + ")";
    }
    ImGui::SetNextItemWidth(-1);
    if (!areas.empty() && ImGui::BeginCombo("##login_area", preview.c_str())) {
      for (const auto& a : areas) {
        const bool village = a.level == core::model::AreaLevel::kDesa;
        if (wants_village != village) continue;
        const std::string item = a.name + " (" + core::model::FormatAreaCode(a.code) + ")";
        if (ImGui::Selectable(item.c_str(), a.code == area_code)) area_code = a.code;
      }
      ImGui::EndCombo();
    } else if (areas.empty()) {
      ImGui::InputText("##login_area_code", &area_code, ImGuiInputTextFlags_CharsDecimal);
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##pin", ImVec2(0, 0));
    ImGui::TextUnformatted(app.T(typing_second_pin ? "login.pin_again" : "login.pin_new"));
    ui::Heading(Dots(typing_second_pin ? pin_again : pin).c_str());
    ui::Keypad(typing_second_pin ? pin_again : pin, false, 6, ImGui::GetContentRegionAvail().x);
    if (!typing_second_pin) {
      if (ui::PrimaryButton(Label(app, "login.next", "pin_next").c_str())) {
        if (!core::model::IsValidPin(pin)) {
          error_key = "error.pin_digits";
        } else {
          typing_second_pin = true;
          error_key.clear();
        }
      }
    } else if (ui::PrimaryButton(Label(app, "login.start", "login_start").c_str())) {
      core::model::User user;
      user.name = name;
      user.role = role;
      user.area_code = area_code;
      if (pin_again != pin) {
        error_key = "error.pin_mismatch";
        pin_again.clear();
      } else if (auto problems = core::model::ValidateUser(user); !problems.empty()) {
        error_key = problems.front().key;
      } else {
        app.Post([user](App& a) mutable {
          auto hash = core::model::HashPin(a.login.pin);
          auto id = a.store().SaveUser(user);
          if (!hash || !id) {
            a.login.error_key = "error.storage";
            return;
          }
          user.meta.id = *id;
          (void)core::store::PutSetting(a.store(), "pin_hash", *hash);
          a.SignIn(user);
        });
      }
    }
    ui::FieldError(error_key.empty() ? "" : app.T(error_key));
    ImGui::EndChild();
    return;
  }

  // Later starts: the PIN of the tablet's user.
  auto user = core::model::Id::Parse(*stored_user);
  auto who = user ? app.store().GetUser(*user).value_or(std::nullopt) : std::nullopt;
  ImGui::BeginChild("##pin", ImVec2(half, 0));
  if (who) ImGui::Text("%s", who->name.c_str());
  ImGui::TextUnformatted(app.T("login.pin_enter"));
  ui::Heading(Dots(pin).c_str());
  ui::Keypad(pin, false, 6, ImGui::GetContentRegionAvail().x);
  if (ui::PrimaryButton(Label(app, "login.open", "login_open").c_str())) {
    if (who && core::model::CheckPin(pin, *pin_hash)) {
      const core::model::User signed_in = *who;
      app.Post([signed_in](App& a) { a.SignIn(signed_in); });
      error_key.clear();
    } else {
      error_key = "error.pin_wrong";
    }
    pin.clear();
  }
  ui::FieldError(error_key.empty() ? "" : app.T(error_key));
  if (ui::Button(Label(app, "login.other_user", "login_other").c_str(), -1)) {
    registering = true;
    pin.clear();
  }
  ImGui::EndChild();
}

}  // namespace app
