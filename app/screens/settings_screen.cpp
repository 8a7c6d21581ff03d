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
  ImGui::TextUnformatted(app.T("settings.server"));
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
  ImGui::InputTextWithHint("##settings_server", "https://...", &server);
  ImGui::SameLine();
  if (ui::Button((std::string(app.T("settings.save_server")) + "##save_server").c_str())) {
    const std::string address = server;
    app.Post([address](App& a) {
      a.SetServerAddress(address);
      a.Toast(a.T("settings.server_saved"));
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
