// Kunjungan: for Babinsa, Bhabinkamtibmas and TPK: the families assigned to
// me, overdue first, and the visit form (purpose, what was found, aid handed
// over as items, notes, follow-up date, referral).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/records.h"
#include "store/store.h"

namespace app {

class App;

struct AidRow {
  std::string type, quantity, unit;
  int source = static_cast<int>(core::model::AidSource::kApbd);
};

struct VisitsScreen {
  std::vector<core::store::DueFamily> due;
  bool stale = true;
  // The form (open when household_id is set).
  core::model::Id household_id;
  std::string household_name;
  int purpose = static_cast<int>(core::model::VisitPurpose::kAccompaniment);
  // Observations: 0 unknown, 1 yes, 2 no.
  int clean_water = 0, latrine = 0, smoking = 0, breastfeeding = 0, immunisation = 0, anc = 0;
  std::vector<AidRow> aid;
  int child_ate_aid = 0;
  std::string notes, referral;
  int follow_up_days = 14;  // 0 = none
  std::vector<std::string> error_keys;

  void OpenForm(App& app, core::model::Id household);  // by value: it may point into `due`
  void Draw(App& app);
  // Builds and saves the visit; returns true when saved.
  bool Save(App& app);
};

}  // namespace app
