// Register a family (KK, head, address, village, RT/RW, risk factors), the
// mother and a child (name, sex, birth date, NIK, birth weight/length) with
// the parent's consent. Field-by-field messages; nothing is saved until all
// of it is valid, and then all of it in one transaction.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/records.h"

namespace app {

class App;

struct RegisterScreen {
  // An existing family to add a child to (empty: a new family).
  core::model::Id household_id;
  std::string kk, head_name, address, rt, rw, village_code;
  int water = 0, latrine = 0;
  bool too_young = false, too_old = false, too_close = false, too_many = false;
  std::string mother_name, mother_nik;
  std::string child_name, child_nik, birth_date, birth_weight, birth_length;
  int sex = 0;  // 1 boy, 2 girl
  bool consent = false;
  bool kia_book = false;                      // the child has a KIA/KMS book (the K of SKDN)
  std::map<std::string, std::string> errors;  // field -> translation key
  std::string warning_key;
  std::string warning_name;    // with warning.nik_registered: who already has the NIK
  std::string confirmed_niks;  // a duplicate NIK shown once; saving again saves
  std::optional<std::vector<core::model::Area>> villages;  // read once

  void Draw(App& app);
  void Clear();
  // Validates everything and, if valid, saves family, mother and child.
  // Returns the new child's id, or an empty id with `errors` filled.
  core::model::Id Save(App& app);
};

}  // namespace app
