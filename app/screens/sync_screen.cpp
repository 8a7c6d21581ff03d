#include "screens/sync_screen.h"

#include <imgui.h>

#include "app.h"
#include "ui/widgets.h"

namespace app {

void SyncScreen::Draw(App& app) {
  ui::Heading(app.T("sync.title"));
  SyncStatus& status = app.sync_status();
  const int64_t pending = app.pending_changes();
  ImGui::Text("%s: %lld", app.T("sync.pending_up"), static_cast<long long>(pending));
  ImGui::Text("%s: %lld", app.T("sync.pending_down"), static_cast<long long>(status.pending_down));
  ImGui::Text("%s: %s", app.T("sync.last_success"),
              status.last_success.empty() ? app.T("sync.never") : status.last_success.c_str());
  const std::string server = app.server_address();
  if (server.empty() || !status.configured || !app.sync_now()) {
    // Say what is true: nothing leaves the tablet until a server is set.
    ui::ColoredText(ui::SeverityColor(1),
                    app.T(server.empty() ? "sync.no_server" : "sync.not_enrolled"));
    ImGui::TextWrapped("%s", app.T("sync.safe_offline"));
    return;
  }
  ImGui::Text("%s: %s", app.T("sync.server"), server.c_str());
  if (!status.last_error.empty()) ui::FieldError(status.last_error.c_str());
  if (status.running) {
    ImGui::TextUnformatted(app.T("sync.running"));
  } else if (ui::PrimaryButton((std::string(app.T("sync.now")) + "##sync_now").c_str(),
                               ImGui::GetFontSize() * 12)) {
    app.Post([](App& a) { a.sync_now()(); });
  }
}

}  // namespace app
