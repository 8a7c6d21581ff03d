#include "model/validation.h"

#include <chrono>

namespace core::model {
namespace {

void Need(std::vector<Problem>& out, bool ok, const char* field, const char* key) {
  if (!ok) out.push_back({field, key});
}

bool Blank(std::string_view s) {
  return s.find_first_not_of(" \t") == std::string_view::npos;
}

}  // namespace

bool IsDigits(std::string_view text, size_t count) {
  if (text.size() != count) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsAreaCode(std::string_view code) {
  return IsDigits(code, 2) || IsDigits(code, 4) || IsDigits(code, 6) || IsDigits(code, 10);
}

std::string FormatAreaCode(std::string_view code) {
  std::string out;
  for (size_t i = 0; i < code.size(); ++i) {
    if (i == 2 || i == 4 || i == 6) out.push_back('.');
    out.push_back(code[i]);
  }
  return out;
}

std::vector<Problem> ValidateArea(const Area& area) {
  std::vector<Problem> p;
  Need(p, IsAreaCode(area.code), "code", "error.area_code");
  Need(p, !Blank(area.name), "name", "error.name_required");
  Need(p, area.parent_code.empty() || area.code.starts_with(area.parent_code), "parent",
       "error.area_parent");
  return p;
}

std::vector<Problem> ValidateUser(const User& user) {
  std::vector<Problem> p;
  Need(p, !Blank(user.name), "name", "error.name_required");
  Need(p, IsAreaCode(user.area_code), "area", "error.area_code");
  Need(p, user.role >= Role::kKader && user.role <= Role::kAdmin, "role", "error.role");
  return p;
}

std::vector<Problem> ValidatePosyandu(const Posyandu& posyandu) {
  std::vector<Problem> p;
  Need(p, !Blank(posyandu.name), "name", "error.name_required");
  Need(p, IsDigits(posyandu.village_code, 10), "village", "error.village_code");
  return p;
}

std::vector<Problem> ValidateHousehold(const Household& h) {
  std::vector<Problem> p;
  Need(p, IsDigits(h.kk, 16), "kk", "error.kk_digits");
  Need(p, !Blank(h.head_name), "head_name", "error.name_required");
  Need(p, IsDigits(h.village_code, 10), "village", "error.village_code");
  Need(p, !h.welfare_decile || (*h.welfare_decile >= 1 && *h.welfare_decile <= 10),
       "welfare_decile", "error.welfare_decile");
  return p;
}

std::vector<Problem> ValidatePerson(const Person& person, int today) {
  std::vector<Problem> p;
  Need(p, !Blank(person.name), "name", "error.name_required");
  Need(p, person.nik.empty() || IsDigits(person.nik, 16), "nik", "error.nik_digits");
  Need(p, !person.birth_date || *person.birth_date <= today, "birth_date",
       "error.birth_date_future");
  Need(p, !person.household_id.empty(), "household", "error.household_required");
  return p;
}

std::vector<Problem> ValidateChild(const Child& c, int today) {
  std::vector<Problem> p;
  Need(p, !Blank(c.name), "name", "error.name_required");
  Need(p, c.sex == growth::Sex::kMale || c.sex == growth::Sex::kFemale, "sex",
       "error.sex_required");
  Need(p, c.birth_date <= today, "birth_date", "error.birth_date_future");
  Need(p, c.nik.empty() || IsDigits(c.nik, 16), "nik", "error.nik_digits");
  Need(p, !c.birth_weight_g || (*c.birth_weight_g >= 300 && *c.birth_weight_g <= 7000),
       "birth_weight", "error.birth_weight_range");
  Need(p, !c.birth_length_mm || (*c.birth_length_mm >= 250 && *c.birth_length_mm <= 650),
       "birth_length", "error.birth_length_range");
  Need(p, !c.child_order || (*c.child_order >= 1 && *c.child_order <= 20), "child_order",
       "error.child_order");
  Need(p, !c.household_id.empty(), "household", "error.household_required");
  Need(p, IsDigits(c.village_code, 10), "village", "error.village_code");
  Need(p, !Blank(c.consent.given_by) && !Blank(c.consent.purpose), "consent",
       "error.consent_required");
  return p;
}

std::vector<Problem> ValidateMeasurement(const Measurement& m, int birth_date, int today) {
  std::vector<Problem> p;
  Need(p, m.measured_on >= birth_date, "measured_on", "error.measured_before_birth");
  Need(p, m.measured_on <= today, "measured_on", "error.measured_in_future");
  Need(p, !m.weight_g || (*m.weight_g >= kMinWeightG && *m.weight_g <= kMaxWeightG), "weight",
       "error.weight_range");
  Need(p, !m.length_mm || (*m.length_mm >= kMinLengthMm && *m.length_mm <= kMaxLengthMm), "length",
       "error.length_range");
  Need(p, !m.head_mm || (*m.head_mm >= kMinHeadMm && *m.head_mm <= kMaxHeadMm), "head",
       "error.head_range");
  Need(p, !m.muac_mm || (*m.muac_mm >= kMinMuacMm && *m.muac_mm <= kMaxMuacMm), "muac",
       "error.muac_range");
  Need(p, m.weight_g || m.length_mm || m.head_mm || m.muac_mm, "weight", "error.nothing_measured");
  Need(p, !m.length_mm || m.posture != growth::Posture::kUnknown, "posture",
       "error.posture_required");
  Need(p, !m.supplementary_food_g || *m.supplementary_food_g >= 0, "pmt", "error.pmt_range");
  return p;
}

std::vector<Problem> ValidateVisit(const Visit& v, int64_t now_s) {
  std::vector<Problem> p;
  Need(p, !v.household_id.empty(), "household", "error.household_required");
  Need(p, v.visited_at <= now_s + 600, "visited_at", "error.visit_in_future");
  Need(p, !Blank(v.visitor_name), "visitor", "error.name_required");
  for (const AidItem& item : v.aid) {
    Need(p, !Blank(item.type) && !Blank(item.unit) && item.quantity > 0, "aid", "error.aid_item");
  }
  const int visit_day = static_cast<int>(v.visited_at / 86400);
  Need(p, !v.follow_up_on || *v.follow_up_on >= visit_day, "follow_up_on",
       "error.follow_up_before_visit");
  return p;
}

std::vector<Problem> ValidateAssignment(const Assignment& a) {
  std::vector<Problem> p;
  Need(p, a.child_id.empty() != a.household_id.empty(), "subject", "error.assignment_subject");
  Need(p, !a.assignee_id.empty() || !Blank(a.organisation), "assignee",
       "error.assignment_assignee");
  Need(p, !a.to_day || *a.to_day >= a.from_day, "to_day", "error.assignment_dates");
  return p;
}

std::vector<Problem> ValidateReview(const Review& r) {
  std::vector<Problem> p;
  Need(p, !r.target_id.empty(), "target", "error.review_target");
  Need(p, !r.reviewer_id.empty(), "reviewer", "error.review_reviewer");
  Need(p, r.decision == ReviewDecision::kVerified || !Blank(r.comment), "comment",
       "error.review_comment");
  return p;
}

std::vector<Problem> NikWarnings(std::string_view nik, int birth_date, growth::Sex sex) {
  std::vector<Problem> p;
  if (!IsDigits(nik, 16)) return p;
  const int dd = (nik[6] - '0') * 10 + (nik[7] - '0');
  const int mm = (nik[8] - '0') * 10 + (nik[9] - '0');
  const int yy = (nik[10] - '0') * 10 + (nik[11] - '0');
  const bool nik_female = dd > 40;
  const std::chrono::year_month_day born{std::chrono::sys_days{std::chrono::days{birth_date}}};
  const int day = static_cast<int>(static_cast<unsigned>(born.day()));
  const int month = static_cast<int>(static_cast<unsigned>(born.month()));
  const int year = static_cast<int>(born.year()) % 100;
  if ((nik_female ? dd - 40 : dd) != day || mm != month || yy != year) {
    p.push_back({"nik", "warning.nik_birth_date"});
  }
  if ((sex == growth::Sex::kFemale) != nik_female && sex != growth::Sex::kUnknown) {
    p.push_back({"nik", "warning.nik_sex"});
  }
  return p;
}

}  // namespace core::model
