// Beranda: today's posyandu day at a glance: children expected this month,
// measured, still to come; flagged records waiting; unsent changes; last sync.
#pragma once

#include <optional>

#include "store/store.h"

namespace app {

class App;

struct HomeScreen {
  std::optional<core::store::PosyanduDay> day;  // refreshed when shown
  bool stale = true;

  void Draw(App& app);
};

}  // namespace app
