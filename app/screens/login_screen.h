// Who is using the tablet: on first start their name, role, area and a
// 4-6 digit PIN; later starts ask only for the PIN.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/records.h"

namespace app {

class App;

struct LoginScreen {
  bool registering = false;  // the first-start form rather than the PIN pad
  std::string name;
  core::model::Role role = core::model::Role::kKader;
  std::string area_code;
  std::string pin, pin_again;
  bool typing_second_pin = false;
  std::string error_key;                                // translation key of the last refusal
  std::optional<std::vector<core::model::Area>> areas;  // read once

  void Draw(App& app);
};

}  // namespace app
