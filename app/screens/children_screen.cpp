#include "screens/children_screen.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app.h"
#include "model/age.h"
#include "model/validation.h"
#include "ui/widgets.h"
#include "util/civil_date.h"

namespace app {

namespace {

using core::store::ChildListKind;

struct FilterChoice {
  ChildListKind kind;
  const char* key;
  const char* id;
};
constexpr FilterChoice kFilters[] = {
    {ChildListKind::kAll, "children.all", "filter_all"},
    {ChildListKind::kStunted, "children.stunted", "filter_stunted"},
    {ChildListKind::kWasted, "children.wasted", "filter_wasted"},
    {ChildListKind::kNotMeasuredThisMonth, "children.not_measured", "filter_not_measured"},
    {ChildListKind::kTwoT, "children.two_t", "filter_two_t"},
    {ChildListKind::kAssignedTo, "children.assigned", "filter_assigned"},
    {ChildListKind::kToRefer, "children.to_refer", "filter_to_refer"},
};

// Age in completed months as a cadre says it: "1 th 8 bln" (model/age.h).
std::string AgeText(App& app, int birth, int today) {
  const core::model::AgeParts age = core::model::AgeOn(birth, today);
  const int months = age.years * 12 + age.months;
  if (months < 1) return std::to_string(age.days) + " " + app.T("unit.days");
  if (months < 24) return std::to_string(months) + " " + app.T("unit.months");
  return std::to_string(months / 12) + " " + app.T("unit.years") + " " +
         std::to_string(months % 12) + " " + app.T("unit.months");
}

}  // namespace

void ChildrenScreen::Draw(App& app) {
  ui::Heading(app.T("children.title"));
  ui::TextField("##children_search", &search, app.T("children.search_hint"), 0,
                ImGui::GetContentRegionAvail().x * 0.6f);
  ImGui::SameLine();
  if (ui::PrimaryButton((std::string(app.T("children.register")) + "##children_register").c_str(),
                        0)) {
    app.Post([](App& a) {
      a.register_form.Clear();
      a.Go(ScreenId::kRegister);
    });
  }
  for (size_t i = 0; i < std::size(kFilters); ++i) {
    if (i) ImGui::SameLine();
    const std::string label = std::string(app.T(kFilters[i].key)) + "##" + kFilters[i].id;
    if (ui::ToggleButton(label.c_str(), filter == kFilters[i].kind)) {
      filter = kFilters[i].kind;
      stale = true;
      scroll_to_row = 0;
    }
  }

  // Search as you type: results replace the list while there is text.
  if (search != searched) {
    searched = search;
    results = app.store().SearchChildren(search, 50).value_or(std::vector<core::store::ChildRow>{});
  }
  if (stale) {
    core::store::ChildFilter f;
    f.kind = filter;
    f.posyandu = app.my_posyandu();
    if (!f.posyandu) f.area_prefix = app.my_area();
    f.today = app.today();
    if (app.user()) f.user = app.user()->meta.id;
    order = app.store().ChildOrder(f).value_or(std::vector<int64_t>{});
    rows.clear();
    stale = false;
  }

  const bool searching = !search.empty();
  const int count = searching ? static_cast<int>(results.size()) : static_cast<int>(order.size());
  ImGui::TextDisabled("%d %s", count, app.T("children.count"));
  // Every row is exactly row_height tall, so the clipper can skip the rest.
  const float row_height = ImGui::GetFontSize() * 3.3f;
  const float item_height = row_height - ImGui::GetStyle().ItemSpacing.y;
  ImGui::BeginChild("##children_list", ImVec2(0, 0), true);
  if (scroll_to_row) {
    ImGui::SetScrollY(*scroll_to_row * row_height);
    scroll_to_row.reset();
  }
  ImGuiListClipper clipper;
  clipper.Begin(count, row_height);
  while (clipper.Step()) {
    if (!searching) {
      // Fetch the rows coming on screen that are not cached yet, in one query.
      std::vector<int64_t> missing;
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        if (!rows.contains(i)) missing.push_back(order[i]);
      }
      if (!missing.empty()) {
        auto fetched =
            app.store().ChildRows(missing).value_or(std::vector<core::store::ChildRow>{});
        rows_fetched += static_cast<int>(fetched.size());
        size_t next = 0;
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd && next < fetched.size(); ++i) {
          if (!rows.contains(i)) rows.emplace(i, fetched[next++]);
        }
        if (rows.size() > 2000) rows.clear();  // keep memory flat on long scrolls
      }
    }
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const core::store::ChildRow* row = nullptr;
      if (searching) {
        row = &results[i];
      } else if (auto it = rows.find(i); it != rows.end()) {
        row = &it->second;
      }
      ImGui::PushID(i);
      if (row == nullptr) {
        ImGui::Dummy(ImVec2(0, item_height));
        ImGui::PopID();
        continue;
      }
      const std::string label = "##child_row_" + std::to_string(i);
      const float top = ImGui::GetCursorPosY();
      if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_AllowItemOverlap,
                            ImVec2(0, item_height))) {
        const core::model::Id id = row->id;
        app.Post([id](App& a) { a.OpenChild(id); });
      }
      ui::RecordItem(label.c_str());
      ImGui::SetCursorPosY(top + ImGui::GetStyle().FramePadding.y);
      ImGui::SameLine(ImGui::GetStyle().ItemSpacing.x);
      ImGui::BeginGroup();
      ImGui::Text("%s", row->name.c_str());
      ImGui::TextDisabled(
          "%s \xC2\xB7 %s \xC2\xB7 %s",
          row->sex == core::growth::Sex::kFemale ? app.T("sex.girl") : app.T("sex.boy"),
          AgeText(app, row->birth_date, app.today()).c_str(), row->mother_name.c_str());
      ImGui::EndGroup();
      const float right = ImGui::GetContentRegionAvail().x;
      ImGui::SameLine(right * 0.62f);
      ImGui::SetCursorPosY(top + ImGui::GetStyle().FramePadding.y);
      ImGui::BeginGroup();
      if (row->last_height_for_age != core::growth::Status::kNone) {
        ui::ColoredText(ui::StatusColor(row->last_height_for_age),
                        app.StatusText(row->last_height_for_age));
      }
      if (row->last_measured_on) {
        ImGui::TextDisabled("%s %s", app.T("children.last_measured"),
                            app.Day(*row->last_measured_on).c_str());
      } else {
        ImGui::TextDisabled("%s", app.T("children.never_measured"));
      }
      ImGui::EndGroup();
      ImGui::SetCursorPosY(top + row_height);
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
}

}  // namespace app
