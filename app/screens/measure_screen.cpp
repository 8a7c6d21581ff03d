#include "screens/measure_screen.h"

#include <imgui.h>

#include <cmath>

#include "app.h"
#include "model/age.h"
#include "model/referral.h"
#include "model/weight_gain.h"
#include "ui/keypad.h"
#include "ui/widgets.h"
#include "util/civil_date.h"

namespace app {

namespace {

using core::growth::Indicator;
using core::growth::Status;

struct FieldInfo {
  MeasureField field;
  const char* key;
  const char* unit;
  const char* id;
};
constexpr FieldInfo kFields[] = {{MeasureField::kWeight, "measure.weight", "kg", "field_weight"},
                                 {MeasureField::kLength, "measure.length", "cm", "field_length"},
                                 {MeasureField::kHead, "measure.head", "cm", "field_head"},
                                 {MeasureField::kMuac, "measure.muac", "cm", "field_muac"},
                                 {MeasureField::kPmt, "measure.pmt", "kg", "field_pmt"}};

std::string& FieldText(MeasureScreen& s, MeasureField f) {
  switch (f) {
    case MeasureField::kWeight:
      return s.weight;
    case MeasureField::kLength:
      return s.length;
    case MeasureField::kHead:
      return s.head;
    case MeasureField::kMuac:
      return s.muac;
    case MeasureField::kPmt:
      return s.pmt;
  }
  return s.weight;
}

// "-2,4" in Indonesian, "-2.4" in English.
std::string Z(App& app, double z) {
  return ui::FormatDecimal(z, 1, app.language() == Language::kIndonesian);
}

}  // namespace

void MeasureScreen::Start(App& app, core::model::Id id) {
  *this = MeasureScreen{};
  child_id = id;
  child = app.store().GetChild(id).value_or(std::nullopt);
  day = app.today();
  if (child) {  // lying under 2 years, standing from 2 years
    posture = core::growth::MeasuredStanding(day - child->birth_date)
                  ? core::growth::Posture::kStanding
                  : core::growth::Posture::kLying;
  }
}

std::optional<core::model::Measurement> MeasureScreen::Build(App&) {
  error_keys.clear();
  core::model::Measurement m;
  m.child_id = child_id;
  m.measured_on = day;
  m.posture = posture;
  m.oedema = oedema;
  auto parse = [&](const std::string& text, double unit, std::optional<int>& out) {
    if (text.empty()) return;
    auto v = ui::ParseTyped(text);
    if (!v) {
      error_keys.push_back("error.not_a_number");
      return;
    }
    out = static_cast<int>(std::lround(*v * unit));
  };
  parse(weight, 1000, m.weight_g);
  parse(length, 10, m.length_mm);
  parse(head, 10, m.head_mm);
  parse(muac, 10, m.muac_mm);
  parse(pmt, 1000, m.supplementary_food_g);
  m.vitamin_a = vitamin_a;
  if (!error_keys.empty()) return std::nullopt;
  return m;
}

void MeasureScreen::Submit(App& app) {
  saved.reset();  // one message: this save's result or its errors, never both
  auto m = Build(app);
  if (!m) return;
  auto evaluated = app.store().EvaluateMeasurement(*m);
  if (!evaluated) {
    for (const core::Problem& p : evaluated.error().problems) error_keys.push_back(p.key);
    if (error_keys.empty()) error_keys.push_back("error.storage");
    return;
  }
  if (evaluated->flagged() && !confirm_flagged) {
    // "Ukur ulang?": an implausible value is probably a slip; ask first.
    pending = *evaluated;
    confirm_flagged = true;  // Draw() opens the question next frame
    return;
  }
  if (app.user()) m->measured_by = app.user()->meta.id;
  auto saved = app.store().RecordMeasurement(*m);
  confirm_flagged = false;
  pending.reset();
  if (!saved) {
    for (const core::Problem& p : saved.error().problems) error_keys.push_back(p.key);
    if (error_keys.empty()) error_keys.push_back("error.storage");
    return;
  }
  this->saved = *saved;
  weight.clear();
  length.clear();
  head.clear();
  muac.clear();
  pmt.clear();
  vitamin_a = false;
  app.children.Invalidate();
  app.home.stale = true;
  app.profile.stale = true;
}

void MeasureScreen::Draw(App& app) {
  if (!child) {
    ImGui::TextUnformatted(app.T("measure.no_child"));
    return;
  }
  const int age_days = day - child->birth_date;
  ui::Heading(child->name.c_str());
  ImGui::TextDisabled("%d %s \xC2\xB7 %s", core::model::CompletedMonths(child->birth_date, day),
                      app.T("unit.months"), app.Day(day).c_str());

  const float left = ImGui::GetContentRegionAvail().x * 0.55f;
  ImGui::BeginChild("##measure_fields", ImVec2(left, 0));
  for (const FieldInfo& f : kFields) {
    const std::string& text = FieldText(*this, f.field);
    const std::string label =
        std::string(app.T(f.key)) + ": " + (text.empty() ? "-" : text) + " " + f.unit + "##" + f.id;
    if (ui::ToggleButton(label.c_str(), field == f.field, -1)) field = f.field;
  }
  ImGui::TextUnformatted(app.T("measure.how"));
  const bool lying = posture == core::growth::Posture::kLying;
  if (ui::ToggleButton((std::string(app.T("measure.lying")) + "##posture_lying").c_str(), lying)) {
    posture = core::growth::Posture::kLying;
  }
  ImGui::SameLine();
  if (ui::ToggleButton((std::string(app.T("measure.standing")) + "##posture_standing").c_str(),
                       !lying && posture != core::growth::Posture::kUnknown)) {
    posture = core::growth::Posture::kStanding;
  }
  ImGui::SameLine();
  if (ui::ToggleButton((std::string(app.T("measure.oedema")) + "##oedema").c_str(), oedema)) {
    oedema = !oedema;
  }
  if (core::growth::MeasuredStanding(age_days) == lying)
    ui::ColoredText(ui::SeverityColor(1), app.T("measure.posture_hint"));
  // Vitamin A in its distribution months, with the capsule's colour by age.
  using core::model::VitaminACapsule;
  const VitaminACapsule capsule = core::model::VitaminADue(child->birth_date, day);
  if (capsule == VitaminACapsule::kNone) {
    vitamin_a = false;
  } else if (ui::ToggleButton(
                 (std::string(app.T(capsule == VitaminACapsule::kBlue ? "measure.vitamin_a_blue"
                                                                      : "measure.vitamin_a_red")) +
                  "##vitamin_a")
                     .c_str(),
                 vitamin_a)) {
    vitamin_a = !vitamin_a;
  }
  ImGui::TextUnformatted(app.T("measure.date"));
  if (ui::Button("-##day_minus")) --day;
  ImGui::SameLine();
  ImGui::Text("%s", app.Day(day).c_str());
  ImGui::SameLine();
  if (ui::Button("+##day_plus") && day < app.today()) ++day;

  // Just saved and nothing typed since: a second tap (a double tap) has
  // nothing to save and says nothing (issue 17).
  const bool nothing_new =
      saved && weight.empty() && length.empty() && head.empty() && muac.empty();
  ImGui::BeginDisabled(nothing_new);
  if (ui::PrimaryButton((std::string(app.T("measure.save")) + "##measure_save").c_str())) {
    app.Post([](App& a) { a.measure.Submit(a); });
  }
  ImGui::EndDisabled();
  // Under the button: an error never moves Simpan under the finger.
  for (const std::string& key : error_keys) ui::FieldError(app.T(key));

  // The result, in plain words and colour.
  if (saved) {
    ImGui::Separator();
    const auto& a = saved->assessment;
    const bool under_two = !core::growth::MeasuredStanding(saved->age_days);
    struct Line {
      Status status;
      Indicator indicator;
      const char* index;
    };
    const Line lines[] = {
        {a.height_for_age, Indicator::kLengthForAge, under_two ? "PB/U" : "TB/U"},
        {a.weight_for_age, Indicator::kWeightForAge, "BB/U"},
        {a.weight_for_height, Indicator::kWeightForLength, under_two ? "BB/PB" : "BB/TB"},
    };
    for (const Line& l : lines) {
      const auto score = a.score(l.indicator);
      if (l.status == Status::kNone) continue;
      std::string text = std::string(app.StatusText(l.status)) + ", " + l.index;
      if (score.exists()) text += " " + Z(app, score.z);
      if (ui::GetFonts().title) ImGui::PushFont(ui::GetFonts().title);
      ui::ColoredText(ui::StatusColor(l.status), text.c_str());
      if (ui::GetFonts().title) ImGui::PopFont();
    }
    const char* gain_keys[] = {"", "gain.n", "gain.t", "gain.o", "gain.b"};
    if (saved->gain != core::model::WeightGain::kNone) {
      ImGui::TextWrapped("%s", app.T(gain_keys[static_cast<int>(saved->gain)]));
    }
    // Refer to the puskesmas: said in words, with each reason.
    if (saved->referral != 0) {
      ui::ColoredText(ui::SeverityColor(2), app.T("measure.refer"));
      for (const char* key : core::model::ReferralKeys(saved->referral)) {
        ImGui::BulletText("%s", app.T(key));
      }
    }
    if (saved->flagged()) ui::ColoredText(ui::SeverityColor(2), app.T("measure.saved_flagged"));
    if (ui::Button((std::string(app.T("measure.to_profile")) + "##to_profile").c_str())) {
      const core::model::Id id = child_id;
      app.Post([id](App& app2) { app2.OpenChild(id); });
    }
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##measure_keypad", ImVec2(0, 0));
  ui::Keypad(FieldText(*this, field), true, 6, ImGui::GetContentRegionAvail().x);
  ImGui::EndChild();

  // "Ukur ulang?"
  if (confirm_flagged && !ImGui::IsPopupOpen("##remeasure")) ImGui::OpenPopup("##remeasure");
  if (ImGui::BeginPopupModal("##remeasure", nullptr,
                             ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar)) {
    ui::Heading(app.T("measure.remeasure_title"));
    ImGui::TextWrapped("%s", app.T("measure.remeasure_text"));
    if (ui::Button((std::string(app.T("measure.remeasure")) + "##remeasure_yes").c_str())) {
      confirm_flagged = false;
      pending.reset();
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ui::WarnButton((std::string(app.T("measure.save_flagged")) + "##remeasure_keep").c_str())) {
      ImGui::CloseCurrentPopup();
      app.Post([](App& a) { a.measure.Submit(a); });  // confirm_flagged is set: saves
    }
    ImGui::EndPopup();
  }
}

}  // namespace app
