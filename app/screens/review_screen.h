// Periksa (supervisors): the flagged measurements in my area that no one has
// reviewed yet, newest first; each opens the child's profile, where it is
// verified or sent back with a comment.
#pragma once

#include <string>
#include <vector>

#include "model/records.h"

namespace app {

class App;

struct ReviewRow {
  core::model::Measurement measurement;
  std::string child_name;
};

struct ReviewScreen {
  std::vector<ReviewRow> queue;
  bool stale = true;

  void Draw(App& app);
};

// True for the roles that review records (supervisor, midwife, admin).
bool CanReview(const core::model::User& user);

}  // namespace app
