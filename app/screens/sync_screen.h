// Sinkron: changes waiting to go up and to come down, progress, the last
// success, errors in plain words, and a "sync now" button. Without a server
// set it says so; it never pretends.
#pragma once

namespace app {

class App;

struct SyncScreen {
  void Draw(App& app);
};

}  // namespace app
