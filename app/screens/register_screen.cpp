#include "screens/register_screen.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <chrono>

#include "app.h"
#include "model/validation.h"
#include "ui/keypad.h"
#include "ui/widgets.h"
#include "util/civil_date.h"

namespace app {

namespace {

// "17-08-2024", "17/08/2024" (as Indonesians write dates) or "2024-08-17".
std::optional<int> ParseDate(const std::string& text) {
  if (auto iso = core::ParseIsoDate(text)) return iso;
  if (text.size() == 10 && (text[2] == '-' || text[2] == '/') && text[5] == text[2]) {
    return core::ParseIsoDate(text.substr(6, 4) + "-" + text.substr(3, 2) + "-" +
                              text.substr(0, 2));
  }
  return std::nullopt;
}

std::optional<int> Grams(const std::string& kg) {
  auto v = ui::ParseTyped(kg);
  if (!v) return std::nullopt;
  return static_cast<int>(std::lround(*v * 1000));
}

std::optional<int> Millimetres(const std::string& cm) {
  auto v = ui::ParseTyped(cm);
  if (!v) return std::nullopt;
  return static_cast<int>(std::lround(*v * 10));
}

}  // namespace

void RegisterScreen::Clear() {
  *this = RegisterScreen{};
}

core::model::Id RegisterScreen::Save(App& app) {
  errors.clear();
  warning_key.clear();
  warning_name.clear();
  const int today = app.today();
  auto problem = [&](const std::string& prefix, const std::vector<core::Problem>& problems) {
    for (const core::Problem& p : problems) errors.emplace(prefix + p.field, p.key);
  };

  core::model::Household h;
  if (household_id.empty()) {
    h.kk = kk;
    h.head_name = head_name;
    h.address = address;
    h.rt = rt;
    h.rw = rw;
    h.village_code = village_code;
    h.water = static_cast<core::model::WaterSource>(water);
    h.latrine = static_cast<core::model::Latrine>(latrine);
    h.mother_too_young = too_young;
    h.mother_too_old = too_old;
    h.births_too_close = too_close;
    h.too_many_children = too_many;
    problem("family.", core::model::ValidateHousehold(h));
  }

  const core::model::Id placeholder = core::model::IdGenerator(1).Make(1);  // validated later
  core::model::Person mother;
  mother.name = mother_name;
  mother.nik = mother_nik;
  mother.household_id = household_id.empty() ? placeholder : household_id;
  problem("mother.", core::model::ValidatePerson(mother, today));

  core::model::Child c;
  c.name = child_name;
  c.sex = static_cast<core::growth::Sex>(sex);
  c.nik = child_nik;
  const auto born = ParseDate(birth_date);
  if (!born) errors.emplace("child.birth_date", "error.date_format");
  c.birth_date = born.value_or(today);
  if (!birth_weight.empty()) {
    c.birth_weight_g = Grams(birth_weight);
    if (!c.birth_weight_g) errors.emplace("child.birth_weight", "error.not_a_number");
  }
  if (!birth_length.empty()) {
    c.birth_length_mm = Millimetres(birth_length);
    if (!c.birth_length_mm) errors.emplace("child.birth_length", "error.not_a_number");
  }
  c.household_id = household_id.empty() ? placeholder : household_id;
  c.posyandu_id = app.my_posyandu().value_or(core::model::Id{});
  c.village_code = household_id.empty() ? village_code : "";
  if (!household_id.empty()) {
    if (auto existing = app.store().GetHousehold(household_id).value_or(std::nullopt)) {
      c.village_code = existing->village_code;
    }
  }
  c.has_kia_book = kia_book;
  if (consent) {
    c.consent = {mother_name, app.store().NowMs() / 1000, app.T("register.consent_purpose")};
  }
  problem("child.", core::model::ValidateNewChild(c, today));
  if (!consent) errors["child.consent"] = "error.consent_required";
  if (!errors.empty()) return {};
  // NIK warnings (the service API's): a date or sex that does not match is
  // saved all the same; a NIK already registered stops the first save and
  // names the other record, so a duplicate is caught at the door.
  bool duplicate = false;
  for (auto check : {app.store().CheckChildNik(c), app.store().CheckMotherNik(mother)}) {
    if (!check) continue;
    for (const core::Problem& w : check->warnings) {
      const bool registered = w.key == "warning.nik_registered";
      if (warning_key.empty() || (registered && !duplicate)) {
        warning_key = w.key;
        warning_name = registered ? check->other_name : "";
      }
      duplicate = duplicate || registered;
    }
  }
  if (duplicate && confirmed_niks != c.nik + "/" + mother.nik) {
    confirmed_niks = c.nik + "/" + mother.nik;
    return {};
  }

  // All valid: family, mother and child in one transaction.
  core::store::Store& store = app.store();
  if (!store.BeginBatch()) {
    errors["child.name"] = "error.storage";
    return {};
  }
  auto fail = [&](const core::Error& e) {
    store.RollbackBatch();
    if (e.kind == core::Error::Kind::kInvalid) {
      problem("child.", e.problems);
    } else {
      errors["child.name"] = "error.storage";
    }
    return core::model::Id{};
  };
  if (household_id.empty()) {
    auto saved = store.RegisterHousehold(h);
    if (!saved) return fail(saved.error());
    c.household_id = mother.household_id = *saved;
  } else {
    c.household_id = mother.household_id = household_id;
  }
  auto mother_id = store.RegisterPerson(mother);
  if (!mother_id) return fail(mother_id.error());
  c.mother_id = *mother_id;
  auto child_id = store.RegisterChild(c);
  if (!child_id) return fail(child_id.error());
  if (!store.CommitBatch()) return fail(core::Error{core::Error::Kind::kStorage, "commit", {}});
  return *child_id;
}

void RegisterScreen::Draw(App& app) {
  if (village_code.empty() && app.user()) village_code = app.user()->area_code;
  auto field = [&](const char* key, const char* id, std::string* value, const char* error_field,
                   ImGuiInputTextFlags flags = 0) {
    ImGui::TextUnformatted(app.T(key));
    ui::TextField(id, value, nullptr, flags);
    if (auto it = errors.find(error_field); it != errors.end()) ui::FieldError(app.T(it->second));
  };
  ui::Heading(app.T("register.title"));
  const float column = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  const float footer = ui::TouchHeight() + ImGui::GetFontSize() * 4.5f;
  ImGui::BeginChild("##register_family", ImVec2(column, -footer), true);
  ui::Heading(app.T("register.family"));
  field("register.kk", "##reg_kk", &kk, "family.kk", ImGuiInputTextFlags_CharsDecimal);
  field("register.head", "##reg_head", &head_name, "family.head_name");
  field("register.address", "##reg_address", &address, "family.address");
  ImGui::TextUnformatted("RT / RW");
  ui::TextField("##reg_rt", &rt, nullptr, ImGuiInputTextFlags_CharsDecimal, column * 0.4f);
  ImGui::SameLine();
  ui::TextField("##reg_rw", &rw, nullptr, ImGuiInputTextFlags_CharsDecimal, column * 0.4f);
  ImGui::TextUnformatted(app.T("register.village"));
  if (!this->villages) {
    this->villages =
        app.store().Areas(app.my_area().substr(0, 4)).value_or(std::vector<core::model::Area>{});
  }
  const std::vector<core::model::Area>& villages = *this->villages;
  std::string current = core::model::FormatAreaCode(village_code);
  for (const auto& v : villages) {
    if (v.code == village_code) current = v.name;
  }
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##reg_village", current.c_str())) {
    for (const auto& v : villages) {
      if (v.level != core::model::AreaLevel::kDesa) continue;
      if (ImGui::Selectable(v.name.c_str(), v.code == village_code)) village_code = v.code;
    }
    ImGui::EndCombo();
  }
  if (auto it = errors.find("family.village"); it != errors.end())
    ui::FieldError(app.T(it->second));
  ImGui::TextUnformatted(app.T("register.water"));
  const char* water_keys[] = {
      "water.unknown",     "water.bottled", "water.piped", "water.drilled", "water.protected",
      "water.unprotected", "water.spring",  "water.river", "water.rain",    "water.other"};
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##reg_water", app.T(water_keys[water]))) {
    for (int i = 0; i < 10; ++i) {
      if (ImGui::Selectable(app.T(water_keys[i]), water == i)) water = i;
    }
    ImGui::EndCombo();
  }
  ImGui::TextUnformatted(app.T("register.latrine"));
  const char* latrine_keys[] = {"latrine.unknown", "latrine.none", "latrine.no_septic",
                                "latrine.septic"};
  for (int i = 0; i < 4; ++i) {
    if (i) ImGui::SameLine();
    const std::string label =
        std::string(app.T(latrine_keys[i])) + "##latrine_" + std::to_string(i);
    if (ui::ToggleButton(label.c_str(), latrine == i)) latrine = i;
  }
  ImGui::TextUnformatted(app.T("register.terlalu"));
  ImGui::Checkbox(app.T("register.too_young"), &too_young);
  ImGui::Checkbox(app.T("register.too_old"), &too_old);
  ImGui::Checkbox(app.T("register.too_close"), &too_close);
  ImGui::Checkbox(app.T("register.too_many"), &too_many);
  ImGui::EndChild();

  ImGui::SameLine();
  ImGui::BeginChild("##register_child", ImVec2(0, -footer), true);
  ui::Heading(app.T("register.mother"));
  field("register.mother_name", "##reg_mother", &mother_name, "mother.name");
  field("register.mother_nik", "##reg_mother_nik", &mother_nik, "mother.nik",
        ImGuiInputTextFlags_CharsDecimal);
  ui::Heading(app.T("register.child"));
  field("register.child_name", "##reg_child", &child_name, "child.name");
  ImGui::TextUnformatted(app.T("register.sex"));
  if (ui::ToggleButton((std::string(app.T("sex.boy")) + "##sex_boy").c_str(), sex == 1)) sex = 1;
  ImGui::SameLine();
  if (ui::ToggleButton((std::string(app.T("sex.girl")) + "##sex_girl").c_str(), sex == 2)) sex = 2;
  if (auto it = errors.find("child.sex"); it != errors.end()) ui::FieldError(app.T(it->second));
  field("register.birth_date", "##reg_birth", &birth_date, "child.birth_date");
  field("register.child_nik", "##reg_child_nik", &child_nik, "child.nik",
        ImGuiInputTextFlags_CharsDecimal);
  field("register.birth_weight", "##reg_bw", &birth_weight, "child.birth_weight");
  field("register.birth_length", "##reg_bl", &birth_length, "child.birth_length");
  ui::Checkbox((std::string(app.T("register.kia_book")) + "##reg_kia").c_str(), &kia_book);
  ImGui::EndChild();

  // Consent sits by the save button: nothing is saved without it.
  ui::Checkbox((std::string(app.T("register.consent")) + "##reg_consent").c_str(), &consent);
  if (auto it = errors.find("child.consent"); it != errors.end()) ui::FieldError(app.T(it->second));
  if (!errors.empty()) ui::FieldError(app.T("register.fix_fields"));
  if (!warning_key.empty()) {
    ui::ColoredText(ui::SeverityColor(1),
                    warning_name.empty()
                        ? app.T(warning_key)
                        : (std::string(app.T(warning_key)) + " " + warning_name).c_str());
  }
  if (ui::Button((std::string(app.T("common.cancel")) + "##reg_cancel").c_str(), column * 0.5f)) {
    app.Post([](App& a) { a.Go(ScreenId::kChildren); });
  }
  ImGui::SameLine();
  if (ui::PrimaryButton((std::string(app.T("register.save")) + "##reg_save").c_str())) {
    app.Post([](App& a) {
      const core::model::Id child = a.register_form.Save(a);
      if (child.empty()) return;
      a.Toast(a.T("register.saved"));
      a.children.Invalidate();
      a.MeasureChild(child);
    });
  }
}

}  // namespace app
