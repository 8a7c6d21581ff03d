#include "model/validation.h"

#include <chrono>

#include "model/age.h"

namespace core::model {
namespace {

void Need(std::vector<Problem>& out, bool ok, const char* field, const char* key) {
  if (!ok) out.push_back({field, key});
}

bool Blank(std::string_view s) {
  return s.find_first_not_of(" \t") == std::string_view::npos;
}

// A text field: valid UTF-8 and at most `max_bytes` long. Records come from
// forms and, on the server and a pulling tablet, from the network.
void Text(std::vector<Problem>& out, std::string_view text, const char* field, size_t max_bytes) {
  if (text.size() > max_bytes) {
    out.push_back({field, "error.text_too_long"});
  } else if (!IsUtf8(text)) {
    out.push_back({field, "error.text_encoding"});
  }
}

template <typename E>
bool InRange(E value, E low, E high) {
  return value >= low && value <= high;
}

}  // namespace

bool IsDigits(std::string_view text, size_t count) {
  if (text.size() != count) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    size_t extra;
    uint32_t code;
    if (byte < 0x80) {
      ++i;
      continue;
    } else if ((byte & 0xE0) == 0xC0) {
      extra = 1, code = byte & 0x1F;
    } else if ((byte & 0xF0) == 0xE0) {
      extra = 2, code = byte & 0x0F;
    } else if ((byte & 0xF8) == 0xF0) {
      extra = 3, code = byte & 0x07;
    } else {
      return false;
    }
    if (i + extra >= text.size()) return false;  // cut short
    for (size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    static constexpr uint32_t kSmallest[] = {0, 0x80, 0x800, 0x10000};
    if (code < kSmallest[extra] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

bool IsAreaCode(std::string_view code) {
  return IsDigits(code, 2) || IsDigits(code, 4) || IsDigits(code, 6) || IsDigits(code, 10);
}

bool IsProvinceCode(std::string_view code) {
  if (!IsDigits(code, 2)) return false;
  const int n = (code[0] - '0') * 10 + (code[1] - '0');
  return (n >= 11 && n <= 19) || n == 21 || (n >= 31 && n <= 36) || (n >= 51 && n <= 53) ||
         (n >= 61 && n <= 65) || (n >= 71 && n <= 76) || (n >= 81 && n <= 82) ||
         (n >= 91 && n <= 96);
}

bool IsVillageCode(std::string_view code) {
  return IsDigits(code, 10) && IsProvinceCode(code.substr(0, 2)) &&
         (code[6] == '1' || code[6] == '2');
}

std::vector<Problem> NikProblems(std::string_view nik) {
  std::vector<Problem> p;
  if (nik.empty()) return p;
  if (!IsDigits(nik, 16)) {
    p.push_back({"nik", "error.nik_digits"});
  } else if (nik.find_first_not_of('0') == std::string_view::npos) {
    p.push_back({"nik", "error.nik_zeros"});
  } else {
    Need(p, IsProvinceCode(nik.substr(0, 2)), "nik", "error.nik_province");
    Need(p, nik.substr(12) != "0000", "nik", "error.nik_serial");
  }
  return p;
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
  Need(p, area.code.size() != 10 || IsVillageCode(area.code), "code", "error.village_code");
  Need(p, !Blank(area.name), "name", "error.name_required");
  Text(p, area.name, "name", kMaxNameBytes);
  Need(p, area.parent_code.empty() || area.code.starts_with(area.parent_code), "parent",
       "error.area_parent");
  return p;
}

std::vector<Problem> ValidateUser(const User& user) {
  std::vector<Problem> p;
  Need(p, !Blank(user.name), "name", "error.name_required");
  Need(p, IsAreaCode(user.area_code), "area", "error.area_code");
  Need(p, user.role >= Role::kKader && user.role <= Role::kAdmin, "role", "error.role");
  Text(p, user.name, "name", kMaxNameBytes);
  Text(p, user.unit, "unit", kMaxNameBytes);
  return p;
}

std::vector<Problem> ValidatePosyandu(const Posyandu& posyandu) {
  std::vector<Problem> p;
  Need(p, !Blank(posyandu.name), "name", "error.name_required");
  Need(p, IsVillageCode(posyandu.village_code), "village", "error.village_code");
  Text(p, posyandu.name, "name", kMaxNameBytes);
  Text(p, posyandu.puskesmas_code, "puskesmas", kMaxNameBytes);
  Need(p, posyandu.cadre_ids.size() <= kMaxListItems, "cadres", "error.too_many_items");
  return p;
}

std::vector<Problem> ValidatePuskesmas(const Puskesmas& puskesmas) {
  std::vector<Problem> p;
  Need(p, !Blank(puskesmas.code), "code", "error.puskesmas_code");
  Need(p, !Blank(puskesmas.name), "name", "error.name_required");
  Need(p, IsDigits(puskesmas.kecamatan_code, 6), "kecamatan", "error.area_code");
  Text(p, puskesmas.code, "code", kMaxNameBytes);
  Text(p, puskesmas.name, "name", kMaxNameBytes);
  return p;
}

std::vector<Problem> ValidateHousehold(const Household& h) {
  std::vector<Problem> p;
  Need(p, IsDigits(h.kk, 16), "kk", "error.kk_digits");
  Need(p, !Blank(h.head_name), "head_name", "error.name_required");
  Need(p, IsVillageCode(h.village_code), "village", "error.village_code");
  Need(p, !h.welfare_decile || (*h.welfare_decile >= 1 && *h.welfare_decile <= 10),
       "welfare_decile", "error.welfare_decile");
  Text(p, h.head_name, "head_name", kMaxNameBytes);
  Text(p, h.address, "address", kMaxAddressBytes);
  Text(p, h.rt, "rt", kMaxRtRwBytes);
  Text(p, h.rw, "rw", kMaxRtRwBytes);
  Need(p, InRange(h.water, WaterSource::kUnknown, WaterSource::kOther), "water", "error.choice");
  Need(p, InRange(h.latrine, Latrine::kUnknown, Latrine::kWithSepticTank), "latrine",
       "error.choice");
  return p;
}

std::vector<Problem> ValidatePerson(const Person& person, int today) {
  std::vector<Problem> p;
  Need(p, !Blank(person.name), "name", "error.name_required");
  for (Problem& problem : NikProblems(person.nik)) p.push_back(std::move(problem));
  Need(p, !person.birth_date || *person.birth_date <= today, "birth_date",
       "error.birth_date_future");
  Need(p, !person.household_id.empty(), "household", "error.household_required");
  Text(p, person.name, "name", kMaxNameBytes);
  Text(p, person.phone, "phone", kMaxPhoneBytes);
  return p;
}

std::vector<Problem> ValidateChild(const Child& c, int today) {
  std::vector<Problem> p;
  Need(p, !Blank(c.name), "name", "error.name_required");
  Need(p, c.sex == growth::Sex::kMale || c.sex == growth::Sex::kFemale, "sex",
       "error.sex_required");
  Need(p, c.birth_date <= today, "birth_date", "error.birth_date_future");
  for (Problem& problem : NikProblems(c.nik)) p.push_back(std::move(problem));
  Need(p, !c.birth_weight_g || (*c.birth_weight_g >= 300 && *c.birth_weight_g <= 7000),
       "birth_weight", "error.birth_weight_range");
  Need(p, !c.birth_length_mm || (*c.birth_length_mm >= 250 && *c.birth_length_mm <= 650),
       "birth_length", "error.birth_length_range");
  Need(p, !c.child_order || (*c.child_order >= 1 && *c.child_order <= 20), "child_order",
       "error.child_order");
  Need(p, !c.household_id.empty(), "household", "error.household_required");
  Need(p, IsVillageCode(c.village_code), "village", "error.village_code");
  Need(p, !Blank(c.consent.given_by) && !Blank(c.consent.purpose), "consent",
       "error.consent_required");
  Need(p, c.birth_date >= today - kMaxChildAgeDays, "birth_date", "error.birth_date_past");
  Need(p, InRange(c.status, ChildStatus::kActive, ChildStatus::kAgedOut), "status", "error.choice");
  Text(p, c.name, "name", kMaxNameBytes);
  Text(p, c.consent.given_by, "consent", kMaxNameBytes);
  Text(p, c.consent.purpose, "consent", kMaxAddressBytes);
  return p;
}

std::vector<Problem> ValidateNewChild(const Child& c, int today) {
  std::vector<Problem> p = ValidateChild(c, today);
  using namespace std::chrono;
  const year_month_day now{sys_days{days{today}}};
  year_month_day limit = (now.year() - years{kMaxNewChildAgeYears}) / now.month() / now.day();
  if (!limit.ok()) limit = limit.year() / limit.month() / last;  // 29 February
  const int earliest = static_cast<int>(sys_days{limit}.time_since_epoch().count());
  Need(p, c.birth_date >= earliest, "birth_date", "error.birth_date_not_balita");
  return p;
}

std::vector<Problem> ValidateMeasurement(const Measurement& m, int birth_date, int today) {
  std::vector<Problem> p;
  Need(p, m.measured_on >= birth_date, "measured_on", "error.measured_before_birth");
  Need(p, m.measured_on < birth_date || IsBalita(birth_date, m.measured_on), "measured_on",
       "error.measured_after_balita");
  Need(p, !m.vitamin_a || VitaminADue(birth_date, m.measured_on) != VitaminACapsule::kNone,
       "vitamin_a", "error.vitamin_a_month");
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
  Need(p,
       !m.supplementary_food_g ||
           (*m.supplementary_food_g >= 0 && *m.supplementary_food_g <= kMaxSupplementaryFoodG),
       "pmt", "error.pmt_range");
  Need(p, InRange(m.posture, growth::Posture::kUnknown, growth::Posture::kStanding), "posture",
       "error.choice");
  Text(p, m.notes, "notes", kMaxNotesBytes);
  return p;
}

std::vector<Problem> ValidateVisit(const Visit& v, int64_t now_s) {
  std::vector<Problem> p;
  Need(p, !v.household_id.empty(), "household", "error.household_required");
  Need(p, v.visited_at <= now_s + 600, "visited_at", "error.visit_in_future");
  Need(p, !Blank(v.visitor_name), "visitor", "error.name_required");
  Need(p, v.visited_at > 0, "visited_at", "error.visit_date");
  Need(p, v.aid.size() <= kMaxListItems && v.people_seen.size() <= kMaxListItems, "aid",
       "error.too_many_items");
  for (const AidItem& item : v.aid) {
    Need(p, !Blank(item.type) && !Blank(item.unit) && item.quantity > 0, "aid", "error.aid_item");
    Need(p, item.quantity <= kMaxAidQuantity, "aid", "error.aid_item");
    Need(p, InRange(item.source, AidSource::kApbd, AidSource::kOther), "aid", "error.choice");
    Text(p, item.type, "aid", kMaxNameBytes);
    Text(p, item.unit, "aid", kMaxNameBytes);
  }
  Need(p, InRange(v.purpose, VisitPurpose::kAccompaniment, VisitPurpose::kReferral), "purpose",
       "error.choice");
  Need(p, InRange(v.visitor_role, Role::kKader, Role::kAdmin), "visitor", "error.role");
  Text(p, v.visitor_name, "visitor", kMaxNameBytes);
  Text(p, v.visitor_unit, "visitor", kMaxNameBytes);
  Text(p, v.referral, "referral", kMaxNotesBytes);
  Text(p, v.notes, "notes", kMaxNotesBytes);
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
  Text(p, a.organisation, "assignee", kMaxNameBytes);
  return p;
}

std::vector<Problem> ValidateReview(const Review& r) {
  std::vector<Problem> p;
  Need(p, !r.target_id.empty(), "target", "error.review_target");
  Need(p, !r.reviewer_id.empty(), "reviewer", "error.review_reviewer");
  Need(p, r.decision == ReviewDecision::kVerified || !Blank(r.comment), "comment",
       "error.review_comment");
  Need(p, InRange(r.decision, ReviewDecision::kVerified, ReviewDecision::kReferralOutcome),
       "decision", "error.choice");
  Need(p, InRange(r.target, ReviewTarget::kMeasurement, ReviewTarget::kVisit), "target",
       "error.review_target");
  Text(p, r.comment, "comment", kMaxNotesBytes);
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

std::vector<Problem> MotherNikWarnings(std::string_view nik, std::optional<int> birth_date) {
  if (birth_date) return NikWarnings(nik, *birth_date, growth::Sex::kFemale);
  std::vector<Problem> p;
  if (IsDigits(nik, 16) && (nik[6] - '0') * 10 + (nik[7] - '0') <= 40) {
    p.push_back({"nik", "warning.nik_sex"});
  }
  return p;
}

}  // namespace core::model
