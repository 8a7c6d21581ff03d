// Who is using the tablet. Each person on the tablet has their own PIN (4-6
// digits); the PIN screen asks for it at every start and after the lock.
// Nobody declares their own role or area: a new person either enrols with the
// server (their user name and password; the role and area are the server's),
// or, without a signal, is approved by someone already on the tablet who
// types their own PIN, and gets that person's role and area, no more. With
// `--demo`, the demo's users may be taken as well.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/records.h"

namespace app {

class App;

struct LoginScreen {
  enum class Step {
    kPin,      // a tablet user types their PIN
    kChoose,   // "not me": how the new person gets in
    kEnrol,    // with the server
    kApprove,  // offline, approved by a tablet user's PIN
    kDemo,     // one of the demo's users (--demo only)
    kNewPin,   // the new person makes their PIN
  };
  Step step = Step::kPin;
  core::model::Id who;  // the tablet user typing their PIN (kPin), or approving (kApprove)
  std::string pin, pin_again;
  bool typing_second_pin = false;
  // Enrolling with the server.
  std::string server, user_name, password;
  bool server_loaded = false;
  bool enrolling = false;  // waiting for the server's answer
  // Approval on the tablet: the approver's PIN was right; the new person's name.
  std::optional<core::model::User> approver;
  std::string new_name;
  // The person who is about to make a PIN, with the role and area they get.
  std::optional<core::model::User> newcomer;
  std::string error_key;     // translation key of the last refusal
  std::string error_detail;  // technical detail (English), shown small

  void Draw(App& app);

 private:
  void DrawPin(App& app, const std::vector<core::model::User>& users);
  void DrawChoose(App& app, bool have_users);
  void DrawEnrol(App& app, bool can_go_back);
  void DrawApprove(App& app, const std::vector<core::model::User>& users);
  void DrawDemo(App& app);
  void DrawNewPin(App& app);
  void GoTo(Step next);
};

}  // namespace app
