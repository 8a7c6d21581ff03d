#include "screens/sync_screen.h"

#include <imgui.h>

#include "app.h"
#include "ui/widgets.h"

namespace app {

void SyncScreen::Draw(App& app) {
  ui::Heading(app.T("sync.title"));
  const SyncStatus& status = app.sync_status();
  ui::NamedValue("pending_up", app.T("sync.pending_up"), std::to_string(app.pending_changes()));
  ui::NamedValue(
      "pending_down", app.T("sync.pending_down"),
      status.pending_down >= 0 ? std::to_string(status.pending_down) : app.T("sync.not_known_yet"));
  ImGui::Text("%s: %s", app.T("sync.last_success"),
              status.last_success.empty() ? app.T("sync.never") : status.last_success.c_str());
  // What went wrong in the user's language; the technical detail below it.
  if (status.problem_key[0] != '\0') ui::FieldError(app.T(status.problem_key));
  if (!status.last_error.empty()) ImGui::TextDisabled("%s", status.last_error.c_str());
  if (status.refused > 0) {
    ui::ColoredText(ui::SeverityColor(2),
                    (std::to_string(status.refused) + " " + app.T("sync.refused")).c_str());
  }
  if (status.set_aside > 0) {
    ui::ColoredText(ui::SeverityColor(1),
                    (std::to_string(status.set_aside) + " " + app.T("sync.set_aside")).c_str());
  }
  const SyncControl& control = app.sync_control();
  if (!control.sync_now) {
    ui::ColoredText(ui::SeverityColor(1), app.T("sync.no_worker"));
  } else if (!status.configured) {
    // Say what is true: nothing leaves the tablet until it is enrolled.
    ui::ColoredText(ui::SeverityColor(1), app.T("sync.not_enrolled"));
  } else if (status.running) {
    ImGui::TextUnformatted(app.T("sync.running"));
  } else if (ui::PrimaryButton((std::string(app.T("sync.now")) + "##sync_now").c_str(),
                               ImGui::GetFontSize() * 12)) {
    app.Post([](App& a) { a.sync_control().sync_now(); });
  }
  ImGui::TextWrapped("%s", app.T("sync.safe_offline"));
}

}  // namespace app
