// Ukur: weight, length/height, head circumference and MUAC typed on a large
// keypad (comma or point), the date (today by default), lying or standing
// preselected by age, oedema. On save the result shows at once in plain words
// and colour; a flagged value asks "Ukur ulang?"; an impossible one is refused
// with the reason.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/records.h"

namespace app {

class App;

enum class MeasureField { kWeight = 0, kLength, kHead, kMuac, kPmt };

struct MeasureScreen {
  core::model::Id child_id;
  std::optional<core::model::Child> child;
  std::string weight, length, head, muac;
  std::string pmt;         // supplementary food (PMT) received, kg
  bool vitamin_a = false;  // a capsule given (February and August, 6-59 months)
  MeasureField field = MeasureField::kWeight;
  int day = 0;  // day number of the measurement
  core::growth::Posture posture = core::growth::Posture::kUnknown;
  bool oedema = false;
  std::vector<std::string> error_keys;              // why the last save was refused
  bool confirm_flagged = false;                     // the "Ukur ulang?" question is open
  std::optional<core::model::Measurement> pending;  // what awaits that answer
  std::optional<core::model::Measurement> saved;    // the result to show

  void Start(App& app, core::model::Id child);  // by value: it resets this screen
  void Draw(App& app);
  // Builds the measurement from the fields (nullopt + error_keys when a field
  // is not a number).
  std::optional<core::model::Measurement> Build(App& app);
  // The save button: evaluates, then saves or asks to measure again.
  void Submit(App& app);
};

}  // namespace app
