// Anak: search as you type (name, mother's name, NIK, KK) and a list that
// stays smooth with 100,000 children: the filter's order is read once, rows
// only for what is on screen (ImGuiListClipper), cached by position.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/store.h"

namespace app {

class App;

struct ChildrenScreen {
  std::string search;
  std::string searched;  // the text the results are for
  std::vector<core::store::ChildRow> results;
  core::store::ChildListKind filter = core::store::ChildListKind::kAll;
  std::vector<int64_t> order;                           // row numbers of the filtered list
  std::unordered_map<int, core::store::ChildRow> rows;  // by position
  bool stale = true;
  std::optional<int> scroll_to_row;  // scrolls the list there next frame
  int rows_fetched = 0;              // for tests: rows read from the store so far

  void Draw(App& app);
  void Invalidate() { stale = true; }
};

}  // namespace app
