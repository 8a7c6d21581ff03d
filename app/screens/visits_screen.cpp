#include "screens/visits_screen.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app.h"
#include "ui/keypad.h"
#include "ui/widgets.h"
#include "util/civil_date.h"

namespace app {

namespace {

struct PurposeChoice {
  core::model::VisitPurpose purpose;
  const char* key;
};
constexpr PurposeChoice kPurposes[] = {
    {core::model::VisitPurpose::kAccompaniment, "visit.purpose_accompany"},
    {core::model::VisitPurpose::kCheckChild, "visit.purpose_check"},
    {core::model::VisitPurpose::kEducation, "visit.purpose_education"},
    {core::model::VisitPurpose::kAidDelivery, "visit.purpose_aid"},
    {core::model::VisitPurpose::kVerifySocialAid, "visit.purpose_verify"},
    {core::model::VisitPurpose::kReferral, "visit.purpose_referral"},
};
constexpr const char* kSourceKeys[] = {
    "", "aid.apbd", "aid.csr", "aid.baznas", "aid.donation", "aid.foster", "aid.other"};

// A yes / no / unknown choice: the question, then three equal buttons.
void TriState(App& app, const char* key, const char* id, int& value) {
  ImGui::TextUnformatted(app.T(key));
  const char* keys[] = {"common.unknown", "common.yes", "common.no"};
  const float width = (ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
  for (int i = 0; i < 3; ++i) {
    if (i) ImGui::SameLine();
    const std::string label = std::string(app.T(keys[i])) + "##" + id + std::to_string(i);
    if (ui::ToggleButton(label.c_str(), value == i, width)) value = i;
  }
}

std::optional<bool> AsOptional(int tri) {
  if (tri == 0) return std::nullopt;
  return tri == 1;
}

}  // namespace

void VisitsScreen::OpenForm(App& app, core::model::Id household) {
  const auto due_copy = due;
  *this = VisitsScreen{};
  due = due_copy;
  household_id = household;
  if (auto h = app.store().GetHousehold(household).value_or(std::nullopt)) {
    household_name = h->head_name + " \xC2\xB7 " + h->address;
  }
}

bool VisitsScreen::Save(App& app) {
  error_keys.clear();
  core::model::Visit v;
  v.household_id = household_id;
  v.visited_at = app.store().NowMs() / 1000;
  if (app.user()) {
    v.visitor_id = app.user()->meta.id;
    v.visitor_name = app.user()->name;
    v.visitor_role = app.user()->role;
    v.visitor_unit = app.user()->unit;
  }
  v.purpose = static_cast<core::model::VisitPurpose>(purpose);
  v.observed.clean_water = AsOptional(clean_water);
  v.observed.latrine = AsOptional(latrine);
  v.observed.smoking_at_home = AsOptional(smoking);
  v.observed.exclusive_breastfeeding = AsOptional(breastfeeding);
  v.observed.immunisation_complete = AsOptional(immunisation);
  v.observed.anc_for_pregnant_mother = AsOptional(anc);
  for (const AidRow& row : aid) {
    auto quantity = ui::ParseTyped(row.quantity);
    if (!quantity) {
      error_keys.push_back("error.aid_item");
      continue;
    }
    v.aid.push_back(
        {row.type, *quantity, row.unit, static_cast<core::model::AidSource>(row.source)});
  }
  v.child_ate_aid = AsOptional(child_ate_aid);
  v.notes = notes;
  v.referral = referral;
  if (follow_up_days > 0) v.follow_up_on = app.today() + follow_up_days;
  for (const auto& c :
       app.store().ChildrenOf(household_id).value_or(std::vector<core::model::Child>{})) {
    v.people_seen.push_back(c.meta.id);
  }
  if (!error_keys.empty()) return false;
  auto saved = app.store().LogVisit(v);
  if (!saved) {
    for (const auto& p : saved.error().problems) error_keys.push_back(p.key);
    if (error_keys.empty()) error_keys.push_back("error.storage");
    return false;
  }
  return true;
}

void VisitsScreen::Draw(App& app) {
  if (household_id.empty()) {
    if (stale && app.user()) {
      due = app.store()
                .DueVisits(app.user()->meta.id, app.today())
                .value_or(std::vector<core::store::DueFamily>{});
      stale = false;
    }
    ui::Heading(app.T("visits.title"));
    ImGui::TextWrapped("%s", app.T("visits.subtitle"));
    if (due.empty()) ImGui::TextDisabled("%s", app.T("visits.none_due"));
    ImGui::BeginChild("##due_list", ImVec2(0, 0), true);
    for (size_t i = 0; i < due.size(); ++i) {
      const auto& d = due[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::BeginGroup();
      ImGui::Text("%s", d.head_name.c_str());
      ImGui::TextDisabled("%s", d.address.c_str());
      if (d.days_overdue > 0) {
        ui::ColoredText(
            ui::SeverityColor(d.days_overdue > 14 ? 3 : 2),
            (std::to_string(d.days_overdue) + " " + app.T("visits.days_overdue")).c_str());
      } else {
        ui::ColoredText(ui::SeverityColor(1), app.T("visits.due_today"));
      }
      ImGui::EndGroup();
      ImGui::SameLine(ImGui::GetContentRegionAvail().x * 0.7f);
      const std::string label = std::string(app.T("visits.visit")) + "##visit_" + std::to_string(i);
      if (ui::PrimaryButton(label.c_str(), ImGui::GetContentRegionAvail().x)) {
        const core::model::Id id = d.household_id;
        app.Post([id](App& a) { a.OpenVisitForm(id); });
      }
      ImGui::Separator();
      ImGui::PopID();
    }
    ImGui::EndChild();
    return;
  }

  ui::Heading(app.T("visit.title"));
  ImGui::SameLine();
  ImGui::TextUnformatted(household_name.c_str());
  const float footer = ui::TouchHeight() + ImGui::GetFontSize() * 2;
  const float column = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  ImGui::BeginChild("##visit_left", ImVec2(column, -footer), true);
  ImGui::TextUnformatted(app.T("visit.purpose"));
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  for (size_t i = 0; i < std::size(kPurposes); ++i) {
    if (i % 2) ImGui::SameLine();
    const std::string label =
        std::string(app.T(kPurposes[i].key)) + "##purpose_" + std::to_string(i);
    if (ui::ToggleButton(label.c_str(), purpose == static_cast<int>(kPurposes[i].purpose), half)) {
      purpose = static_cast<int>(kPurposes[i].purpose);
    }
  }
  ImGui::Separator();
  ImGui::TextUnformatted(app.T("visit.found"));
  TriState(app, "visit.clean_water", "obs_water", clean_water);
  TriState(app, "visit.latrine", "obs_latrine", latrine);
  TriState(app, "visit.smoking", "obs_smoking", smoking);
  TriState(app, "visit.breastfeeding", "obs_bf", breastfeeding);
  TriState(app, "visit.immunisation", "obs_imm", immunisation);
  TriState(app, "visit.anc", "obs_anc", anc);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##visit_right", ImVec2(0, -footer), true);
  ImGui::TextUnformatted(app.T("visit.aid"));
  for (size_t i = 0; i < aid.size(); ++i) {
    AidRow& row = aid[i];
    ImGui::PushID(static_cast<int>(i));
    const float w = ImGui::GetContentRegionAvail().x;
    const std::string n = std::to_string(i);
    ui::TextField(("##aid_type_" + n).c_str(), &row.type, app.T("visit.aid_type"), 0, w * 0.38f);
    ImGui::SameLine();
    ui::TextField(("##aid_qty_" + n).c_str(), &row.quantity, app.T("visit.aid_quantity"),
                  ImGuiInputTextFlags_CharsDecimal, w * 0.2f);
    ImGui::SameLine();
    ui::TextField(("##aid_unit_" + n).c_str(), &row.unit, app.T("visit.aid_unit"));
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##aid_source", app.T(kSourceKeys[row.source]))) {
      for (int s = 1; s <= 6; ++s) {
        if (ImGui::Selectable(app.T(kSourceKeys[s]), row.source == s)) row.source = s;
      }
      ImGui::EndCombo();
    }
    ImGui::Separator();
    ImGui::PopID();
  }
  if (ui::Button((std::string(app.T("visit.add_aid")) + "##add_aid").c_str())) aid.emplace_back();
  TriState(app, "visit.child_ate", "ate", child_ate_aid);
  ImGui::TextUnformatted(app.T("visit.notes"));
  ImGui::InputTextMultiline("##visit_notes", &notes, ImVec2(-1, ImGui::GetFontSize() * 3));
  ImGui::TextUnformatted(app.T("visit.referral"));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##visit_referral", app.T("visit.referral_hint"), &referral);
  ImGui::TextUnformatted(app.T("visit.follow_up"));
  for (int days : {0, 7, 14, 30}) {
    if (days) ImGui::SameLine();
    const std::string label =
        (days ? std::to_string(days) + " " + app.T("unit.days") : app.T("visit.no_follow_up")) +
        "##follow_" + std::to_string(days);
    if (ui::ToggleButton(label.c_str(), follow_up_days == days)) follow_up_days = days;
  }
  ImGui::EndChild();

  for (const std::string& key : error_keys) ui::FieldError(app.T(key));
  if (ui::Button((std::string(app.T("common.cancel")) + "##visit_cancel").c_str(), column * 0.5f)) {
    app.Post([](App& a) {
      a.visits.household_id = {};
      a.visits.stale = true;
    });
  }
  ImGui::SameLine();
  if (ui::PrimaryButton((std::string(app.T("visit.save")) + "##visit_save").c_str())) {
    app.Post([](App& a) {
      if (!a.visits.Save(a)) return;
      a.Toast(a.T("visit.saved"));
      a.visits.household_id = {};
      a.visits.stale = true;
      a.profile.stale = true;
      a.home.stale = true;
    });
  }
}

}  // namespace app
