#include "screens/profile_screen.h"

#include <imgui.h>

#include <algorithm>

#include "app.h"
#include "growth/lms_table.h"
#include "model/age.h"
#include "model/validation.h"
#include "model/weight_gain.h"
#include "ui/growth_chart.h"
#include "ui/keypad.h"
#include "ui/widgets.h"
#include "util/civil_date.h"

namespace app {

namespace {

using core::growth::Indicator;

// Length/height as the growth engine uses it (the 0.7 cm correction).
double CorrectedCm(const core::model::Measurement& m) {
  return core::growth::CorrectedLengthCm(core::growth::Age::FromDays(m.age_days),
                                         *m.length_mm / 10.0, m.posture);
}

// Age in months on the charts' axis (the growth standard's: days / 30.4375).
double ChartMonths(const core::model::Measurement& m) {
  return core::growth::Age::FromDays(m.age_days).months;
}

std::string ZText(App& app, const core::growth::Score& s) {
  if (!s.exists()) return "-";
  return ui::FormatDecimal(s.z, 2, app.language() == Language::kIndonesian);
}

}  // namespace

void ProfileScreen::Draw(App& app) {
  core::store::Store& store = app.store();
  if (stale) {
    child = store.GetChild(child_id).value_or(std::nullopt);
    history = store.MeasurementsOf(child_id).value_or(std::vector<core::model::Measurement>{});
    refer_on = store.ReferralDue(child_id).value_or(std::nullopt);
    mother.reset();
    household.reset();
    visits.clear();
    reviews.clear();
    if (child) {
      if (!child->mother_id.empty())
        mother = store.GetPerson(child->mother_id).value_or(std::nullopt);
      household = store.GetHousehold(child->household_id).value_or(std::nullopt);
      // Visits to the family that saw this child, and all visits if none names anyone.
      for (auto& v :
           store.VisitsOf(child->household_id).value_or(std::vector<core::model::Visit>{})) {
        visits.push_back(std::move(v));
      }
      for (const auto& m : history) {
        for (auto& r : store.ReviewsOf(m.meta.id).value_or(std::vector<core::model::Review>{})) {
          reviews.push_back(std::move(r));
        }
      }
    }
    stale = false;
  }
  if (!child) {
    ImGui::TextUnformatted(app.T("profile.not_found"));
    return;
  }
  const core::model::Child& c = *child;
  const int today = app.today();

  // Header: who, and the actions.
  ui::Heading(c.name.c_str());
  ImGui::Text("%s \xC2\xB7 %s %s \xC2\xB7 %d %s",
              c.sex == core::growth::Sex::kFemale ? app.T("sex.girl") : app.T("sex.boy"),
              app.T("profile.born"), app.Day(c.birth_date).c_str(),
              core::model::CompletedMonths(c.birth_date, today), app.T("unit.months"));
  ImGui::TextDisabled("%s: %s \xC2\xB7 KK %s \xC2\xB7 %s", app.T("profile.mother"),
                      mother ? mother->name.c_str() : "-", household ? household->kk.c_str() : "-",
                      household ? household->address.c_str() : "");
  if (household && household->AtRiskOfStunting()) {
    ui::ColoredText(ui::SeverityColor(2), app.T("profile.family_at_risk"));
  }
  if (ui::PrimaryButton((std::string(app.T("profile.measure")) + "##profile_measure").c_str(),
                        ImGui::GetFontSize() * 9)) {
    const core::model::Id id = child_id;
    app.Post([id](App& a) { a.MeasureChild(id); });
  }
  ImGui::SameLine();
  if (ui::Button((std::string(app.T("profile.add_visit")) + "##profile_visit").c_str())) {
    const core::model::Id household_id = c.household_id;
    app.Post([household_id](App& a) { a.OpenVisitForm(household_id); });
  }

  // The chart, by sex, with the child's points.
  const char* chart_keys[] = {"chart.weight_for_age", "chart.length_for_age",
                              "chart.weight_for_length"};
  for (int i = 0; i < 3; ++i) {
    if (i) ImGui::SameLine();
    const std::string label = std::string(app.T(chart_keys[i])) + "##chart_" + std::to_string(i);
    if (ui::ToggleButton(label.c_str(), static_cast<int>(chart) == i))
      chart = static_cast<ChartKind>(i);
  }
  const float width = ImGui::GetContentRegionAvail().x;
  const float chart_width = width * 0.66f;
  const float chart_height = ImGui::GetFontSize() * 15;
  std::vector<ui::ChartPoint> points;
  ui::ChartSpec spec{};
  spec.sex = c.sex;
  const bool under_two = !core::growth::MeasuredStanding(today - c.birth_date);
  switch (chart) {
    case ChartKind::kWeightForAge:
      spec = {&core::growth::tables::kWeightForAge, c.sex, true, 0, 60, app.T("unit.months"), "kg"};
      for (const auto& m : history) {
        if (m.weight_g) {
          points.push_back({ChartMonths(m), *m.weight_g / 1000.0,
                            core::growth::StatusSeverity(m.assessment.weight_for_age)});
        }
      }
      break;
    case ChartKind::kLengthForAge:
      spec = {&core::growth::tables::kLengthForAge, c.sex, true, 0, 60, app.T("unit.months"), "cm"};
      for (const auto& m : history) {
        if (m.length_mm) {
          points.push_back({ChartMonths(m), CorrectedCm(m),
                            core::growth::StatusSeverity(m.assessment.height_for_age)});
        }
      }
      break;
    case ChartKind::kWeightForLength:
      spec = under_two
                 ? ui::ChartSpec{&core::growth::tables::kWeightForLength,
                                 c.sex,
                                 false,
                                 45,
                                 110,
                                 "cm",
                                 "kg"}
                 : ui::ChartSpec{
                       &core::growth::tables::kWeightForHeight, c.sex, false, 65, 120, "cm", "kg"};
      for (const auto& m : history) {
        if (m.weight_g && m.length_mm && !core::growth::MeasuredStanding(m.age_days) == under_two) {
          points.push_back({CorrectedCm(m), *m.weight_g / 1000.0,
                            core::growth::StatusSeverity(m.assessment.weight_for_height)});
        }
      }
      break;
  }
  ui::GrowthChart("##growth_chart", spec, points, chart_width, chart_height);
  ImGui::SameLine();

  // The latest status, large and in colour.
  ImGui::BeginChild("##latest", ImVec2(0, chart_height), true);
  ImGui::TextUnformatted(app.T("profile.latest"));
  if (history.empty()) {
    ImGui::TextDisabled("%s", app.T("children.never_measured"));
  } else {
    const auto& last = history.back();
    const auto& a = last.assessment;
    ImGui::TextDisabled("%s", app.Day(last.measured_on).c_str());
    const bool young = !core::growth::MeasuredStanding(last.age_days);
    struct Line {
      const char* index;
      core::growth::Status status;
      Indicator indicator;
    };
    const Line lines[] = {
        {young ? "PB/U" : "TB/U", a.height_for_age, Indicator::kLengthForAge},
        {"BB/U", a.weight_for_age, Indicator::kWeightForAge},
        {young ? "BB/PB" : "BB/TB", a.weight_for_height, Indicator::kWeightForLength},
        {"IMT/U", a.bmi_for_age, Indicator::kBmiForAge}};
    for (const Line& l : lines) {
      ImGui::TextDisabled("%s  %s", l.index, ZText(app, a.score(l.indicator)).c_str());
      ui::ColoredText(ui::StatusColor(l.status),
                      l.status == core::growth::Status::kNone ? "-" : app.StatusText(l.status));
    }
  }
  ImGui::EndChild();

  // History, newest first, full width.
  ImGui::TextUnformatted(app.T("profile.history"));
  if (history.empty()) ImGui::TextDisabled("%s", app.T("children.never_measured"));
  if (!history.empty() && ImGui::BeginTable("##history_table", 8,
                                            ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                                ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn(app.T("profile.col_date"));
    ImGui::TableSetupColumn(app.T("profile.col_age"));
    ImGui::TableSetupColumn(app.T("profile.col_weight"));
    ImGui::TableSetupColumn(app.T("profile.col_length"));
    ImGui::TableSetupColumn("TB/U");
    ImGui::TableSetupColumn("BB/TB");
    ImGui::TableSetupColumn("N/T", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 2.5f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6);
    ImGui::TableHeadersRow();
    const bool reviewer = app.user() && CanReview(*app.user());
    const char* gain_letters[] = {"", "N", "T", "O", "B"};
    const bool comma = app.language() == Language::kIndonesian;
    for (auto it = history.rbegin(); it != history.rend(); ++it) {
      const auto& m = *it;
      const auto& a = m.assessment;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%s", app.Day(m.measured_on).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%d %s", core::model::CompletedMonths(c.birth_date, m.measured_on),
                  app.T("unit.months"));
      ImGui::TableNextColumn();
      ImGui::Text("%s", m.weight_g
                            ? (ui::FormatDecimal(*m.weight_g / 1000.0, 1, comma) + " kg").c_str()
                            : "-");
      ImGui::TableNextColumn();
      ImGui::Text("%s", m.length_mm
                            ? (ui::FormatDecimal(*m.length_mm / 10.0, 1, comma) + " cm").c_str()
                            : "-");
      ImGui::TableNextColumn();
      ui::ColoredText(ui::StatusColor(a.height_for_age),
                      (std::string(app.StatusText(a.height_for_age)) + " " +
                       ZText(app, a.score(Indicator::kLengthForAge)))
                          .c_str());
      ImGui::TableNextColumn();
      ui::ColoredText(ui::StatusColor(a.weight_for_height),
                      (std::string(app.StatusText(a.weight_for_height)) + " " +
                       ZText(app, a.score(Indicator::kWeightForLength)))
                          .c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%s", gain_letters[static_cast<int>(m.gain)]);
      ImGui::TableNextColumn();
      if (m.flagged()) {
        const bool reviewed = std::any_of(reviews.begin(), reviews.end(),
                                          [&](const auto& r) { return r.target_id == m.meta.id; });
        if (reviewed) {
          ImGui::TextDisabled("%s", app.T("review.done"));
        } else if (reviewer) {
          const std::string label =
              std::string(app.T("review.check")) + "##check_" + m.meta.id.ToString();
          if (ui::WarnButton(label.c_str())) {
            reviewing = m.meta.id;
            review_comment.clear();
            review_error_key.clear();
          }
        } else {
          ui::ColoredText(ui::SeverityColor(2), app.T("review.waiting"));
        }
      }
    }
    ImGui::EndTable();
  }

  // To refer: said plainly; a health worker records the referral's outcome.
  if (refer_on) {
    ui::ColoredText(ui::SeverityColor(2),
                    (std::string(app.T("profile.to_refer")) + " " + app.Day(*refer_on)).c_str());
    const auto due = std::find_if(history.rbegin(), history.rend(),
                                  [&](const auto& m) { return m.measured_on == *refer_on; });
    const bool health_worker = app.user() && CanReview(*app.user());
    if (health_worker && due != history.rend() &&
        ui::Button((std::string(app.T("review.record_referral")) + "##record_referral").c_str())) {
      reviewing = due->meta.id;
      recording_referral = true;
      review_comment.clear();
      review_error_key.clear();
    }
  }

  // A supervisor's verdict on a flagged value: verified, or sent back with why.
  if (!reviewing.empty()) {
    ImGui::Separator();
    ui::Heading(app.T("review.title_one"));
    ui::TextField("##review_comment", &review_comment, app.T("review.comment_hint"));
    ui::FieldError(review_error_key.empty() ? "" : app.T(review_error_key));
    auto decide = [&](core::model::ReviewDecision decision) {
      core::model::Review r;
      r.target = core::model::ReviewTarget::kMeasurement;
      r.target_id = reviewing;
      r.reviewer_id = app.user()->meta.id;
      r.decision = decision;
      r.comment = review_comment;
      app.Post([r](App& a) {
        auto saved = a.store().AddReview(r);
        if (!saved) {
          a.profile.review_error_key =
              saved.error().problems.empty() ? "error.storage" : saved.error().problems.front().key;
          return;
        }
        a.profile.reviewing = {};
        a.profile.recording_referral = false;
        a.profile.stale = true;
        a.review.stale = true;
        a.Toast(a.T("review.saved"));
      });
    };
    if (recording_referral) {
      if (ui::PrimaryButton(
              (std::string(app.T("review.save_referral")) + "##review_referral").c_str())) {
        decide(core::model::ReviewDecision::kReferralOutcome);
      }
    } else {
      if (ui::PrimaryButton((std::string(app.T("review.verify")) + "##review_verify").c_str(),
                            ImGui::GetFontSize() * 10)) {
        decide(core::model::ReviewDecision::kVerified);
      }
      ImGui::SameLine();
      if (ui::WarnButton((std::string(app.T("review.send_back")) + "##review_send_back").c_str())) {
        decide(core::model::ReviewDecision::kSentBack);
      }
    }
    ImGui::SameLine();
    if (ui::Button((std::string(app.T("common.cancel")) + "##review_cancel").c_str())) {
      reviewing = {};
      recording_referral = false;
    }
  }

  // Visits with aid, and the supervisor's reviews.
  const float half = (width - ImGui::GetStyle().ItemSpacing.x) / 2;
  const float box = ImGui::GetFontSize() * 12;
  ImGui::BeginChild("##profile_visits", ImVec2(half, box), true);
  ImGui::TextUnformatted(app.T("profile.visits"));
  if (visits.empty()) ImGui::TextDisabled("%s", app.T("profile.no_visits"));
  for (const auto& v : visits) {
    ImGui::Separator();
    ImGui::Text("%s \xC2\xB7 %s", app.Day(static_cast<int>(v.visited_at / 86400)).c_str(),
                v.visitor_name.c_str());
    for (const auto& item : v.aid) {
      ImGui::BulletText(
          "%s %s %s",
          ui::FormatDecimal(item.quantity, item.quantity == std::floor(item.quantity) ? 0 : 1,
                            app.language() == Language::kIndonesian)
              .c_str(),
          item.unit.c_str(), item.type.c_str());
    }
    if (v.child_ate_aid) {
      ImGui::TextDisabled("%s", app.T(*v.child_ate_aid ? "visit.ate_yes" : "visit.ate_no"));
    }
    if (!v.notes.empty()) ImGui::TextWrapped("%s", v.notes.c_str());
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##profile_reviews", ImVec2(0, box), true);
  ImGui::TextUnformatted(app.T("profile.reviews"));
  if (reviews.empty()) ImGui::TextDisabled("%s", app.T("profile.no_reviews"));
  for (const auto& r : reviews) {
    ImGui::Separator();
    const auto measured = std::find_if(history.begin(), history.end(),
                                       [&](const auto& m) { return m.meta.id == r.target_id; });
    if (measured != history.end())
      ImGui::TextDisabled("%s", app.Day(measured->measured_on).c_str());
    using core::model::ReviewDecision;
    ui::ColoredText(
        r.decision == ReviewDecision::kSentBack ? ui::SeverityColor(2) : ui::SeverityColor(0),
        app.T(r.decision == ReviewDecision::kVerified   ? "review.verified"
              : r.decision == ReviewDecision::kSentBack ? "review.sent_back"
                                                        : "review.referral_outcome"));
    if (!r.comment.empty()) ImGui::TextWrapped("%s", r.comment.c_str());
  }
  ImGui::EndChild();
}

}  // namespace app
