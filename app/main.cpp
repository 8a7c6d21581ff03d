// tumbuh: the tablet app. main() wires the platform window to the App:
//   tumbuh [--db PATH] [--demo] [--lang id|en] [--screenshot DIR]
// Without --db the database lives in the user's data folder (SDL's pref path).
#include <imgui.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "app.h"
#include "demo/demo_data.h"
#include "store/settings.h"
#include "ui/widgets.h"
#include "window.h"

namespace {

constexpr const char* kUsage =
    "usage: tumbuh [--db PATH] [--demo] [--lang id|en] [--screenshot DIR]\n"
    "  --db PATH         the database (default: tumbuh.db in the user's data folder)\n"
    "  --demo            fill a fresh database with a demo kabupaten\n"
    "  --lang id|en      the language of the app\n"
    "  --screenshot DIR  draw each main screen, write one PNG per screen to DIR, exit\n";

struct Options {
  std::string db;
  bool demo = false;
  std::string lang;
  std::string screenshot_dir;
};

// Signs in as the first cadre of the demo, for screenshots.
void SignInAsDemoCadre(app::App& app) {
  for (const auto& user : app.store().Users().value_or(std::vector<core::model::User>{})) {
    if (user.role == core::model::Role::kKader) {
      app.SignIn(user);
      return;
    }
  }
}

// Draws one frame of the app in the window (and writes it to `png_path`).
bool DrawFrame(platform::Window& window, app::App& app, const std::string* png_path = nullptr) {
  window.BeginFrame();
  app.Frame();
  const bool saved = window.EndFrame(png_path);
  app.AfterRender();
  if (app.TakeFontChange()) {
    ui::LoadFonts(app.text_size());
    ui::ApplyStyle(app.text_size());
    window.ReloadFontTexture();
  }
  return saved;
}

int TakeScreenshots(platform::Window& window, app::App& app, const std::string& dir) {
  std::filesystem::create_directories(dir);
  SignInAsDemoCadre(app);
  // A child with a year of measurements, for the profile and the measure screen.
  core::store::ChildFilter all;
  all.posyandu = app.my_posyandu();
  all.today = app.today();
  auto page = app.store().ListChildren(all, 0, 50).value_or(core::store::ChildPage{});
  core::model::Id child;
  size_t most = 0;
  for (const auto& row : page.rows) {
    const size_t n = app.store().MeasurementsOf(row.id).value_or(std::vector<core::model::Measurement>{}).size();
    if (n > most) {
      most = n;
      child = row.id;
    }
  }
  struct Shot {
    const char* name;
    std::function<void()> show;
  };
  const Shot shots[] = {
      {"beranda", [&] { app.Go(app::ScreenId::kHome); }},
      {"anak", [&] { app.Go(app::ScreenId::kChildren); }},
      {"daftar", [&] {
         app.register_form.Clear();
         app.Go(app::ScreenId::kRegister);
       }},
      {"profil", [&] { app.OpenChild(child); }},
      {"ukur", [&] {
         app.MeasureChild(child);
         app.measure.weight = "9,8";
         app.measure.length = "78,5";
       }},
      {"kunjungan", [&] { app.Go(app::ScreenId::kVisits); }},
      {"sinkron", [&] { app.Go(app::ScreenId::kSync); }},
      {"pengaturan", [&] { app.Go(app::ScreenId::kSettings); }},
  };
  for (const Shot& shot : shots) {
    shot.show();
    for (int i = 0; i < 3; ++i) {  // windows measure themselves on their first frames
      window.PumpEvents(false, 0);
      DrawFrame(window, app);
    }
    const std::string path = dir + "/" + shot.name + ".png";
    if (!DrawFrame(window, app, &path)) {
      std::fprintf(stderr, "tumbuh: cannot write %s\n", path.c_str());
      return 1;
    }
    std::printf("%s\n", path.c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const auto started = std::chrono::steady_clock::now();
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--db" && i + 1 < argc) {
      options.db = argv[++i];
    } else if (arg == "--demo") {
      options.demo = true;
    } else if (arg == "--lang" && i + 1 < argc) {
      options.lang = argv[++i];
    } else if (arg == "--screenshot" && i + 1 < argc) {
      options.screenshot_dir = argv[++i];
    } else if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else {
      std::fprintf(stderr, "tumbuh: unexpected argument '%s'\n%s", arg.c_str(), kUsage);
      return 2;
    }
  }

  std::string error;
  auto window = platform::Window::Open({}, &error);
  if (!window) {
    std::fprintf(stderr, "tumbuh: %s\n", error.c_str());
    return 1;
  }
  if (options.db.empty()) {
    const std::string folder = platform::UserDataFolder();
    options.db = (folder.empty() ? std::string("./") : folder) + "tumbuh.db";
  }
  auto store = core::store::Store::Open(options.db);
  if (!store) {
    std::fprintf(stderr, "tumbuh: %s\n", store.error().message.c_str());
    return 1;
  }
  if (options.demo) {
    auto stats = (*store)->Stats();
    if (stats && stats->children == 0) {
      core::demo::DemoOptions demo;
      demo.children = 400;
      demo.months = 12;
      if (auto seeded = core::demo::SeedDemo(**store, demo); !seeded) {
        std::fprintf(stderr, "tumbuh: demo: %s\n", seeded.error().message.c_str());
        return 1;
      }
    }
  }
  app::App app(std::move(*store));
  if (options.lang == "en") app.SetLanguage(app::Language::kEnglish);
  if (options.lang == "id") app.SetLanguage(app::Language::kIndonesian);
  ui::LoadFonts(app.text_size() * window->dpi_scale());
  ui::ApplyStyle(app.text_size() * window->dpi_scale());

  if (!options.screenshot_dir.empty()) return TakeScreenshots(*window, app, options.screenshot_dir);

  // Redraw while something moves; when idle, wait for input (battery).
  int busy_frames = 3;
  bool first = true;
  while (true) {
    const bool open = window->PumpEvents(/*wait=*/busy_frames == 0, 1000);
    if (!open) break;
    DrawFrame(*window, app);
    if (first) {
      const double ms = std::chrono::duration<double, std::milli>(
                            std::chrono::steady_clock::now() - started)
                            .count();
      std::fprintf(stderr, "tumbuh: first frame after %.0f ms (%s)\n", ms, options.db.c_str());
      first = false;
    }
    busy_frames = ImGui::IsAnyItemActive() || ImGui::GetIO().WantTextInput ? 3 : busy_frames - 1;
    if (busy_frames < 0) busy_frames = 2;  // an event arrived: draw it, then settle
  }
  return 0;
}
