// Pengaturan: language, text size, the lock's minutes, server address, sign out.
#pragma once

#include <string>

namespace app {

class App;

struct SettingsScreen {
  std::string server;
  std::string user, password;  // for enrolling the tablet
  bool loaded = false;

  void Draw(App& app);
};

}  // namespace app
