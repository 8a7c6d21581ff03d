#include "screens/settings_screen.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app.h"
#include "ui/widgets.h"

namespace app {

void SettingsScreen::Draw(App& app) {
  if (!loaded) {
    server = app.server_address();
    loaded = true;
  }
  ui::Heading(app.T("settings.title"));
  ImGui::TextUnformatted(app.T("settings.language"));
  if (ui::ToggleButton("Bahasa Indonesia##lang_id", app.language() == Language::kIndonesian)) {
    app.Post([](App& a) { a.SetLanguage(Language::kIndonesian); });
  }
  ImGui::SameLine();
  if (ui::ToggleButton("English##lang_en", app.language() == Language::kEnglish)) {
    app.Post([](App& a) { a.SetLanguage(Language::kEnglish); });
  }
  ImGui::TextUnformatted(app.T("settings.text_size"));
  const char* size_keys[] = {"settings.size_small", "settings.size_medium", "settings.size_large"};
  for (int i = 0; i < 3; ++i) {
    if (i) ImGui::SameLine();
    const std::string label = std::string(app.T(size_keys[i])) + "##size_" + std::to_string(i);
    if (ui::ToggleButton(label.c_str(), app.text_size() == kTextSizes[i])) {
      const float px = kTextSizes[i];
      app.Post([px](App& a) { a.SetTextSize(px); });
    }
  }
  // The lock after a while without input (and always when the app goes away).
  ImGui::TextUnformatted(app.T("settings.lock_after"));
  for (size_t i = 0; i < std::size(kLockMinutesChoices); ++i) {
    if (i) ImGui::SameLine();
    const int minutes = kLockMinutesChoices[i];
    const std::string label = std::to_string(minutes) + " " + app.T("settings.minutes") +
                              "##lock_" + std::to_string(minutes);
    if (ui::ToggleButton(label.c_str(), app.lock_minutes() == minutes)) {
      app.Post([minutes](App& a) { a.SetLockMinutes(minutes); });
    }
  }
  // Enrolling: the server's address and the user's name and password give the
  // tablet its device token (on the sync worker's thread).
  ImGui::TextUnformatted(app.T("settings.server"));
  ui::TextField("##settings_server", &server, "https://...", 0,
                ImGui::GetContentRegionAvail().x * 0.6f);
  ui::TextField("##settings_user", &user, app.T("settings.server_user"), 0,
                ImGui::GetContentRegionAvail().x * 0.29f);
  ImGui::SameLine();
  ui::TextField("##settings_password", &password, app.T("settings.server_password"),
                ImGuiInputTextFlags_Password, ImGui::GetContentRegionAvail().x * 0.29f);
  ImGui::SameLine();
  if (ui::Button((std::string(app.T("settings.enrol")) + "##enrol").c_str())) {
    const std::string address = server, name = user, secret = password;
    password.clear();
    app.Post([address, name, secret](App& a) {
      a.SetServerAddress(address);
      if (a.sync_control().enrol) {
        a.sync_control().enrol(address, name, secret);
        a.Toast(a.T("settings.enrolling"));
      }
    });
  }
  ImGui::Spacing();
  if (ui::WarnButton((std::string(app.T("settings.sign_out")) + "##sign_out").c_str(),
                     ImGui::GetFontSize() * 10)) {
    app.Post([](App& a) { a.SignOut(); });
  }
  ImGui::TextWrapped("%s", app.T("settings.sign_out_note"));
}

}  // namespace app
