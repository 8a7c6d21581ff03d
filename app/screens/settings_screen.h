// Pengaturan: language, text size, server address, sign out.
#pragma once

#include <string>

namespace app {

class App;

struct SettingsScreen {
  std::string server;
  bool loaded = false;

  void Draw(App& app);
};

}  // namespace app
