// A child's profile: details, measurement history with z-scores, labels and
// N/T, visits and aid received, the supervisor's reviews, and growth charts
// (weight-for-age, length/height-for-age, weight-for-length/height).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/records.h"

namespace app {

class App;

enum class ChartKind { kWeightForAge = 0, kLengthForAge, kWeightForLength };

struct ProfileScreen {
  core::model::Id child_id;
  std::optional<core::model::Child> child;
  std::optional<core::model::Person> mother;
  std::optional<core::model::Household> household;
  std::vector<core::model::Measurement> history;
  std::vector<core::model::Visit> visits;
  std::vector<core::model::Review> reviews;
  ChartKind chart = ChartKind::kLengthForAge;
  bool stale = true;
  // The review being written (a supervisor on a flagged measurement).
  core::model::Id reviewing;
  std::string review_comment;
  std::string review_error_key;
  // The child is to be referred since this day (a health worker records the outcome).
  std::optional<int> refer_on;
  bool recording_referral = false;

  void Open(const core::model::Id& id) {
    child_id = id;
    stale = true;
  }
  void Draw(App& app);
};

}  // namespace app
