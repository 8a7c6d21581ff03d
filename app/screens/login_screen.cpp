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

std::string Label(App& app, const char* key, const char* id) {
  return std::string(app.T(key)) + "##" + id;
}

// The PIN as dots, so a neighbour cannot read it.
std::string Dots(const std::string& pin) {
  std::string dots;
  for (size_t i = 0; i < pin.size(); ++i) dots += "\xE2\x80\xA2 ";
  return dots.empty() ? "-" : dots;
}

// "Sumberrejo (33.22.01.2001)", or the code alone when the area is not here yet.
std::string AreaText(App& app, const std::string& code) {
  const std::string formatted = core::model::FormatAreaCode(code);
  for (const auto& a : app.store().Areas(code).value_or(std::vector<core::model::Area>{})) {
    if (a.code == code) return a.name + " (" + formatted + ")";
  }
  return formatted;
}

// Who the user is and what they may do, as the server or the approver gave it.
void RoleAndArea(App& app, const core::model::User& user) {
  ImGui::Text("%s: %s", app.T("login.role"), app.RoleText(user.role));
  ImGui::Text("%s: %s", app.T("login.area"), AreaText(app, user.area_code).c_str());
}

// Picks one of `users` (when there is a choice); returns the chosen id.
void PickUser(App& app, const std::vector<core::model::User>& users, core::model::Id& who,
              const char* id_prefix) {
  bool known = false;
  for (const auto& u : users) known = known || u.meta.id == who;
  if (!known && !users.empty()) {
    // The last one to sign in, else the first.
    who = users.front().meta.id;
    const auto last = core::store::GetSetting(app.store(), "user_id").value_or(std::nullopt);
    for (const auto& u : users) {
      if (last && u.meta.id.ToString() == *last) who = u.meta.id;
    }
  }
  if (users.size() < 2) return;
  ImGui::TextUnformatted(app.T("login.who"));
  for (size_t i = 0; i < users.size(); ++i) {
    const std::string label = users[i].name + "##" + id_prefix + std::to_string(i);
    if (ui::ToggleButton(label.c_str(), users[i].meta.id == who, -1)) who = users[i].meta.id;
  }
}

// A quieter note that wraps at the column's edge.
void Note(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

const core::model::User* Find(const std::vector<core::model::User>& users,
                              const core::model::Id& id) {
  for (const auto& u : users) {
    if (u.meta.id == id) return &u;
  }
  return nullptr;
}

}  // namespace

void LoginScreen::GoTo(Step next) {
  step = next;
  pin.clear();
  pin_again.clear();
  typing_second_pin = false;
  error_key.clear();
  error_detail.clear();
}

void LoginScreen::Draw(App& app) {
  const std::vector<core::model::User> users = app.TabletUsers();
  // A tablet with nobody on it starts with the server (or the demo's users).
  if (users.empty() && (step == Step::kPin || step == Step::kApprove)) {
    step = app.demo() ? Step::kChoose : Step::kEnrol;
  }
  ui::Heading(app.T(app.locked() ? "login.locked" : "login.welcome"));
  switch (step) {
    case Step::kPin:
      DrawPin(app, users);
      break;
    case Step::kChoose:
      DrawChoose(app, !users.empty());
      break;
    case Step::kEnrol:
      DrawEnrol(app, !users.empty() || app.demo());
      break;
    case Step::kApprove:
      DrawApprove(app, users);
      break;
    case Step::kDemo:
      DrawDemo(app);
      break;
    case Step::kNewPin:
      DrawNewPin(app);
      break;
  }
}

void LoginScreen::DrawPin(App& app, const std::vector<core::model::User>& users) {
  const float half = ImGui::GetContentRegionAvail().x * 0.5f;
  ImGui::BeginChild("##who", ImVec2(half, 0));
  // Locked: the PIN of the user who was working; "not me" for anyone else.
  if (app.locked() && app.user()) {
    who = app.user()->meta.id;
    ImGui::TextWrapped("%s", app.T("login.locked_note"));
  } else {
    PickUser(app, users, who, "pick_user_");
  }
  const core::model::User* user = Find(users, who);
  if (user) ui::Heading(user->name.c_str());
  ImGui::Spacing();
  if (ui::Button(Label(app, "login.other_user", "login_other").c_str(), -1)) GoTo(Step::kChoose);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##pin", ImVec2(0, 0));
  ImGui::TextUnformatted(app.T("login.pin_enter"));
  ui::Heading(Dots(pin).c_str());
  ui::Keypad(pin, false, 6, ImGui::GetContentRegionAvail().x);
  if (ui::PrimaryButton(Label(app, "login.open", "login_open").c_str())) {
    if (user && app.CheckPin(user->meta.id, pin)) {
      const core::model::User signed_in = *user;
      app.Post([signed_in](App& a) { a.SignIn(signed_in); });
      error_key.clear();
    } else {
      error_key = "error.pin_wrong";
    }
    pin.clear();
  }
  ui::FieldError(error_key.empty() ? "" : app.T(error_key));
  ImGui::EndChild();
}

void LoginScreen::DrawChoose(App& app, bool have_users) {
  ImGui::TextWrapped("%s", app.T(have_users ? "login.choose" : "login.first_start"));
  ImGui::Spacing();
  const float width = ImGui::GetContentRegionAvail().x * 0.6f;
  if (ui::PrimaryButton(Label(app, "login.enrol", "login_enrol").c_str(), width)) {
    GoTo(Step::kEnrol);
  }
  Note(app.T("login.enrol_note"));
  ImGui::Spacing();
  if (have_users) {
    if (ui::Button(Label(app, "login.approve", "login_approve").c_str(), width)) {
      GoTo(Step::kApprove);
      approver.reset();
    }
    Note(app.T("login.approve_note"));
    ImGui::Spacing();
  }
  if (app.demo()) {
    if (ui::Button(Label(app, "login.demo", "login_demo").c_str(), width)) GoTo(Step::kDemo);
    ImGui::Spacing();
  }
  if (have_users && ui::Button(Label(app, "login.back", "login_back").c_str(), width)) {
    GoTo(Step::kPin);
  }
}

void LoginScreen::DrawEnrol(App& app, bool can_go_back) {
  if (!server_loaded) {
    server = app.server_address();
    server_loaded = true;
  }
  // The server's answer, once it came (the sync client asks it off this thread).
  if (enrolling && app.sync_control().take_enrolment) {
    if (std::optional<Enrolment> done = app.sync_control().take_enrolment()) {
      enrolling = false;
      if (done->ok) {
        newcomer = done->user;
        approver.reset();
        GoTo(Step::kNewPin);
        return;
      }
      error_key = done->problem_key[0] != '\0' ? done->problem_key : "login.enrol_failed";
      error_detail = done->detail;
    }
  }
  ImGui::TextWrapped("%s", app.T(can_go_back ? "login.enrol_title" : "login.first_start_server"));
  ImGui::TextWrapped("%s", app.T("login.enrol_note"));
  const float width = ImGui::GetContentRegionAvail().x * 0.6f;
  ImGui::TextUnformatted(app.T("settings.server"));
  ui::TextField("##login_server", &server, "https://...", 0, width);
  ImGui::TextUnformatted(app.T("settings.server_user"));
  ui::TextField("##login_user", &user_name, nullptr, 0, width);
  ImGui::TextUnformatted(app.T("settings.server_password"));
  ui::TextField("##login_password", &password, nullptr, ImGuiInputTextFlags_Password, width);
  ImGui::Spacing();
  if (enrolling) {
    ImGui::TextUnformatted(app.T("login.enrolling"));
  } else if (ui::PrimaryButton(Label(app, "login.enrol_send", "enrol_send").c_str(), width)) {
    error_key.clear();
    error_detail.clear();
    if (server.empty() || user_name.empty() || password.empty()) {
      error_key = "error.enrol_fields";
    } else if (!app.sync_control().enrol_user || !app.sync_control().take_enrolment) {
      error_key = "login.no_sync";
    } else {
      const std::string address = server, name = user_name, secret = password;
      password.clear();
      enrolling = true;
      app.Post([address, name, secret](App& a) {
        a.SetServerAddress(address);
        a.sync_control().enrol_user(address, name, secret);
      });
    }
  }
  ui::FieldError(error_key.empty() ? "" : app.T(error_key));
  if (!error_detail.empty()) Note(error_detail.c_str());
  if (!enrolling && can_go_back &&
      ui::Button(Label(app, "login.back", "login_back").c_str(), width)) {
    GoTo(Step::kChoose);
  }
}

void LoginScreen::DrawApprove(App& app, const std::vector<core::model::User>& users) {
  const float half = ImGui::GetContentRegionAvail().x * 0.5f;
  ImGui::BeginChild("##who", ImVec2(half, 0));
  ImGui::TextWrapped("%s", app.T("login.approve_note"));
  if (!approver) {
    PickUser(app, users, who, "approver_");
    if (const core::model::User* user = Find(users, who)) {
      ImGui::TextUnformatted(app.T("login.approver"));
      ui::Heading(user->name.c_str());
    }
  } else {
    // Approved: the new person's name; the role and area are the approver's.
    ImGui::Text("%s: %s", app.T("login.approver"), approver->name.c_str());
    ImGui::TextUnformatted(app.T("login.name"));
    ui::TextField("##login_new_name", &new_name);
    RoleAndArea(app, *approver);
    Note(app.T("login.same_as_approver"));
    if (ui::PrimaryButton(Label(app, "login.next", "approve_next").c_str())) {
      core::model::User user;
      user.name = new_name;
      user.role = approver->role;
      user.area_code = approver->area_code;
      user.unit = approver->unit;
      if (auto problems = core::model::ValidateUser(user); !problems.empty()) {
        error_key = problems.front().key;
      } else {
        newcomer = user;
        GoTo(Step::kNewPin);
        ImGui::EndChild();
        return;
      }
    }
    ui::FieldError(error_key.empty() ? "" : app.T(error_key));
  }
  if (ui::Button(Label(app, "login.back", "login_back").c_str(), -1)) {
    approver.reset();
    GoTo(Step::kChoose);
  }
  ImGui::EndChild();
  if (approver) return;
  ImGui::SameLine();
  ImGui::BeginChild("##pin", ImVec2(0, 0));
  ImGui::TextUnformatted(app.T("login.approver_pin"));
  ui::Heading(Dots(pin).c_str());
  ui::Keypad(pin, false, 6, ImGui::GetContentRegionAvail().x);
  if (ui::PrimaryButton(Label(app, "login.approve_ok", "approve_ok").c_str())) {
    const core::model::User* user = Find(users, who);
    if (user && app.CheckPin(user->meta.id, pin)) {
      approver = *user;
      error_key.clear();
    } else {
      error_key = "error.pin_wrong";
    }
    pin.clear();
  }
  ui::FieldError(error_key.empty() ? "" : app.T(error_key));
  ImGui::EndChild();
}

void LoginScreen::DrawDemo(App& app) {
  ImGui::TextWrapped("%s", app.T("login.demo_note"));
  // The demo's people not yet on the tablet: taking one never replaces a PIN.
  std::vector<core::model::User> taken = app.TabletUsers();
  ImGui::BeginChild("##demo_users", ImVec2(0, -ui::TouchHeight() * 1.5f));
  int i = 0;
  for (const auto& u : app.store().Users().value_or(std::vector<core::model::User>{})) {
    if (Find(taken, u.meta.id)) continue;
    const std::string label =
        u.name + " \xC2\xB7 " + app.RoleText(u.role) + "##demo_user_" + std::to_string(i++);
    if (ui::Button(label.c_str(), -1)) {
      newcomer = u;
      approver.reset();
      GoTo(Step::kNewPin);
    }
  }
  ImGui::EndChild();
  if (ui::Button(Label(app, "login.back", "login_back").c_str())) GoTo(Step::kChoose);
}

void LoginScreen::DrawNewPin(App& app) {
  if (!newcomer) {
    GoTo(Step::kChoose);
    return;
  }
  const float half = ImGui::GetContentRegionAvail().x * 0.5f;
  ImGui::BeginChild("##who", ImVec2(half, 0));
  ui::Heading(newcomer->name.c_str());
  RoleAndArea(app, *newcomer);
  ImGui::Spacing();
  ImGui::TextWrapped("%s", app.T("login.pin_own"));
  if (ui::Button(Label(app, "login.back", "login_back").c_str(), -1)) {
    newcomer.reset();
    approver.reset();
    GoTo(Step::kChoose);
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
    if (pin_again != pin) {
      error_key = "error.pin_mismatch";
      pin_again.clear();
    } else {
      std::optional<core::model::Id> approved_by;
      if (approver) approved_by = approver->meta.id;
      const core::model::User user = *newcomer;
      const std::string new_pin = pin;
      app.Post([user, new_pin, approved_by](App& a) {
        // On success the app signs the user in (and clears this screen).
        if (std::string refused = a.AddTabletUser(user, new_pin, approved_by); !refused.empty()) {
          a.login.error_key = refused;
        }
      });
    }
  }
  ui::FieldError(error_key.empty() ? "" : app.T(error_key));
  ImGui::EndChild();
}

}  // namespace app
