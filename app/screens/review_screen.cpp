#include "screens/review_screen.h"

#include <imgui.h>

#include "app.h"
#include "model/permissions.h"
#include "ui/keypad.h"
#include "ui/widgets.h"

namespace app {

bool CanReview(const core::model::User& user) {
  return core::model::MayReview(user.role);  // what the server accepts
}

void ReviewScreen::Draw(App& app) {
  if (stale) {
    queue.clear();
    for (auto& m : app.store()
                       .ReviewQueue(app.my_area(), 200)
                       .value_or(std::vector<core::model::Measurement>{})) {
      auto child = app.store().GetChild(m.child_id).value_or(std::nullopt);
      queue.push_back({std::move(m), child ? child->name : "?"});
    }
    stale = false;
  }
  ui::Heading(app.T("review.title"));
  ImGui::TextWrapped("%s", app.T("review.subtitle"));
  if (queue.empty()) ImGui::TextDisabled("%s", app.T("review.none"));
  ImGui::BeginChild("##review_list", ImVec2(0, 0), true);
  const bool comma = app.language() == Language::kIndonesian;
  for (size_t i = 0; i < queue.size(); ++i) {
    const auto& row = queue[i];
    const auto& m = row.measurement;
    ImGui::PushID(static_cast<int>(i));
    ImGui::BeginGroup();
    ImGui::Text("%s", row.child_name.c_str());
    ImGui::TextDisabled(
        "%s \xC2\xB7 %s kg \xC2\xB7 %s cm", app.Day(m.measured_on).c_str(),
        m.weight_g ? ui::FormatDecimal(*m.weight_g / 1000.0, 1, comma).c_str() : "-",
        m.length_mm ? ui::FormatDecimal(*m.length_mm / 10.0, 1, comma).c_str() : "-");
    ImGui::EndGroup();
    ImGui::SameLine(ImGui::GetContentRegionAvail().x * 0.7f);
    const std::string label =
        std::string(app.T("review.open")) + "##review_open_" + std::to_string(i);
    if (ui::Button(label.c_str(), ImGui::GetContentRegionAvail().x)) {
      const core::model::Id child = m.child_id;
      app.Post([child](App& a) { a.OpenChild(child); });
    }
    ImGui::Separator();
    ImGui::PopID();
  }
  ImGui::EndChild();
}

}  // namespace app
