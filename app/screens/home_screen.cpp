#include "screens/home_screen.h"

#include <imgui.h>

#include "app.h"
#include "ui/widgets.h"

namespace app {

namespace {

// A big number with its caption, in a card.
void Card(const char* id, const char* caption, int value, const ImVec4& color, float width) {
  ImGui::BeginChild(id, ImVec2(width, ImGui::GetFontSize() * 5.6f), true,
                    ImGuiWindowFlags_NoScrollbar);
  ImGui::TextWrapped("%s", caption);
  if (ui::GetFonts().title) ImGui::PushFont(ui::GetFonts().title);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::Text("%d", value);
  ImGui::PopStyleColor();
  if (ui::GetFonts().title) ImGui::PopFont();
  ImGui::EndChild();
}

}  // namespace

void HomeScreen::Draw(App& app) {
  if (stale) {
    day = app.store()
              .DaySummary(app.my_posyandu(), app.my_area(), app.today())
              .value_or(core::store::PosyanduDay{});
    stale = false;
  }
  ui::Heading(app.T("home.title"));
  ImGui::TextWrapped("%s",
                     app.T(app.my_posyandu() ? "home.subtitle_posyandu" : "home.subtitle_area"));
  const float width = (ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
  const ImVec4 green = ui::SeverityColor(0), amber = ui::SeverityColor(1),
               red = ui::SeverityColor(3);
  Card("##expected", app.T("home.expected"), day->expected, ImVec4(0.2f, 0.2f, 0.2f, 1), width);
  ImGui::SameLine();
  Card("##measured", app.T("home.measured"), day->measured, green, width);
  ImGui::SameLine();
  Card("##to_come", app.T("home.to_come"), day->expected - day->measured, amber, width);
  Card("##flagged", app.T("home.flagged"), day->flagged_waiting, day->flagged_waiting ? red : green,
       width);
  ImGui::SameLine();
  Card("##unsent", app.T("home.unsent"), day->unsent_changes, amber, width);
  ImGui::SameLine();
  ImGui::BeginChild("##last_sync", ImVec2(width, ImGui::GetFontSize() * 5.6f), true,
                    ImGuiWindowFlags_NoScrollbar);
  ImGui::TextWrapped("%s", app.T("home.last_sync"));
  const std::string& last = app.sync_status().last_success;
  ImGui::TextWrapped("%s", last.empty() ? app.T("sync.never") : last.c_str());
  ImGui::EndChild();

  ImGui::Spacing();
  if (ui::PrimaryButton((std::string(app.T("home.start_measuring")) + "##home_measure").c_str(),
                        width * 1.5f)) {
    app.Post([](App& a) {
      a.children.filter = core::store::ChildListKind::kNotMeasuredThisMonth;
      a.Go(ScreenId::kChildren);
    });
  }
  ImGui::SameLine();
  if (ui::Button((std::string(app.T("home.register")) + "##home_register").c_str(), width * 1.4f)) {
    app.Post([](App& a) {
      a.register_form.Clear();
      a.Go(ScreenId::kRegister);
    });
  }
}

}  // namespace app
