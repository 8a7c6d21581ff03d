// tumbuh: the tablet app. main() wires the platform window to the App:
//   tumbuh [--db PATH] [--demo] [--lang id|en] [--screenshot DIR]
// Without --db the database lives in the user's data folder (SDL's pref path).
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include "app.h"
#include "demo/demo_data.h"
#include "store/settings.h"
#include "store/sync_store.h"
#include "sync_client.h"
#include "ui/widgets.h"
#include "window.h"

namespace {

constexpr const char* kUsage =
    "usage: tumbuh [--db PATH] [--demo] [--lang id|en] [--screenshot DIR] [--profile N]\n"
    "  --db PATH         the database (default: tumbuh.db in the user's data folder)\n"
    "  --demo            fill a fresh database with a demo kabupaten\n"
    "  --lang id|en      the language of the app\n"
    "  --screenshot DIR  draw each main screen, write one PNG per screen to DIR, exit\n"
    "  --profile N       as a district supervisor, draw N frames of the children list\n"
    "                    (scrolling) and of a child's profile; print CPU time per frame\n"
    "                    and memory, exit\n";

struct Options {
  std::string db;
  bool demo = false;
  std::string lang;
  std::string screenshot_dir;
  int profile_frames = 0;
};

// Enrols the person at the tablet with the server on a thread of its own
// (its own connection to the database), so the PIN screen never waits; the
// outcome, with the server's profile, is taken by the app once.
class UserEnrolment {
 public:
  explicit UserEnrolment(std::string db_path) : db_path_(std::move(db_path)) {}
  ~UserEnrolment() {
    if (thread_.joinable()) thread_.join();
  }
  void Start(std::string url, std::string user, std::string password,
             std::function<void()> on_success) {
    if (thread_.joinable()) thread_.join();  // one at a time; the screen waits for the answer
    thread_ = std::thread([this, url = std::move(url), user = std::move(user),
                           password = std::move(password), on_success = std::move(on_success)] {
      app::Enrolment outcome = Run(url, user, password);
      if (outcome.ok && on_success) on_success();
      std::lock_guard guard(mutex_);
      outcome_ = std::move(outcome);
    });
  }
  std::optional<app::Enrolment> Take() {
    std::lock_guard guard(mutex_);
    std::optional<app::Enrolment> taken = std::move(outcome_);
    outcome_.reset();
    return taken;
  }

 private:
  app::Enrolment Run(const std::string& url, const std::string& user, const std::string& password) {
    app::Enrolment outcome;
    auto store = core::store::Store::Open(db_path_);
    if (!store) {
      outcome.problem_key = "sync.problem_storage";
      outcome.detail = store.error().message;
      return outcome;
    }
    auto profile = syncing::client::Enrol(**store, url, user, password);
    if (!profile) {
      // kConflict: the server refused the name or password; else no answer.
      outcome.problem_key = profile.error().kind == core::Error::Kind::kConflict
                                ? "sync.problem_unauthorized"
                                : "sync.problem_unreachable";
      outcome.detail = profile.error().message;
      return outcome;
    }
    const auto id = core::model::Id::Parse(profile->user_id);
    const auto role = syncing::protocol::RoleFromName(profile->role);
    if (!id || !role) {
      outcome.problem_key = "sync.problem_server";
      outcome.detail = "the server's profile has no usable user id or role";
      return outcome;
    }
    outcome.ok = true;
    outcome.user.meta.id = *id;
    outcome.user.name = profile->name;
    outcome.user.role = *role;
    outcome.user.area_code = profile->area;
    return outcome;
  }

  std::string db_path_;
  std::mutex mutex_;
  std::optional<app::Enrolment> outcome_;
  std::thread thread_;
};

double ThreadCpuMs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

long ResidentKb() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return 0;
  char line[256];
  long kb = 0;
  while (std::fgets(line, sizeof line, f)) {
    if (std::sscanf(line, "VmRSS: %ld kB", &kb) == 1) break;
  }
  std::fclose(f);
  return kb;
}

void PrintPercentiles(const char* what, std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  std::printf("%-40s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (%zu frames)\n", what,
              ms[ms.size() / 2], ms[ms.size() * 99 / 100], ms.back(), ms.size());
}

// Signs in as the first cadre of the demo, for screenshots.
void SignInAsDemoCadre(app::App& app) {
  for (const auto& user : app.store().Users().value_or(std::vector<core::model::User>{})) {
    if (user.role == core::model::Role::kKader) {
      app.SignIn(user);
      return;
    }
  }
}

// Signs in as the village officer with the most families due a visit.
void SignInAsVillageOfficer(app::App& app) {
  std::optional<core::model::User> best;
  size_t most = 0;
  for (const auto& user : app.store().Users().value_or(std::vector<core::model::User>{})) {
    if (user.role != core::model::Role::kBabinsa &&
        user.role != core::model::Role::kBhabinkamtibmas)
      continue;
    const size_t due = app.store()
                           .DueVisits(user.meta.id, app.today())
                           .value_or(std::vector<core::store::DueFamily>{})
                           .size();
    if (!best || due > most) {
      best = user;
      most = due;
    }
  }
  if (best) app.SignIn(*best);
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

// Frame figures on a big database: a supervisor of the whole kabupaten scrolls
// the children list, then looks at a child's profile. CPU time is the app's
// frame (ImGui and our code), apart from the GL rendering, also shown.
int Profile(platform::Window& window, app::App& app, int frames) {
  core::model::User supervisor;
  supervisor.name = "Supervisor";
  supervisor.role = core::model::Role::kSupervisor;
  for (const auto& area : app.store().Areas("").value_or(std::vector<core::model::Area>{})) {
    if (area.level == core::model::AreaLevel::kKabupaten) supervisor.area_code = area.code;
  }
  const double before_sign_in = ThreadCpuMs();
  app.SignIn(supervisor);
  app.Go(app::ScreenId::kChildren);
  DrawFrame(window, app);  // reads the list's order once
  std::printf("open the kabupaten list (%zu children): %.0f ms CPU\n", app.children.order.size(),
              ThreadCpuMs() - before_sign_in);
  std::vector<double> list_cpu, list_total, profile_cpu;
  std::mt19937 rng(3);
  for (int i = 0; i < frames; ++i) {
    if (i % 10 == 0 && !app.children.order.empty()) {
      app.children.scroll_to_row = static_cast<int>(rng() % app.children.order.size());
    }
    window.PumpEvents(false, 0);
    const auto wall = std::chrono::steady_clock::now();
    const double cpu = ThreadCpuMs();
    window.BeginFrame();
    app.Frame();
    ImGui::Render();  // EndFrame renders again: cheap, the draw data is built
    list_cpu.push_back(ThreadCpuMs() - cpu);
    window.EndFrame();
    app.AfterRender();
    list_total.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall).count());
  }
  const core::model::Id child =
      app.children.rows.empty() ? core::model::Id{} : app.children.rows.begin()->second.id;
  app.OpenChild(child);
  for (int i = 0; i < frames; ++i) {
    window.PumpEvents(false, 0);
    const double cpu = ThreadCpuMs();
    window.BeginFrame();
    app.Frame();
    ImGui::Render();
    profile_cpu.push_back(ThreadCpuMs() - cpu);
    window.EndFrame();
    app.AfterRender();
  }
  PrintPercentiles("children list, CPU per frame", list_cpu);
  PrintPercentiles("children list, whole frame incl. GL", list_total);
  PrintPercentiles("child profile, CPU per frame", profile_cpu);
  std::printf("resident memory: %.1f MB\n", ResidentKb() / 1024.0);
  return 0;
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
    const size_t n =
        app.store().MeasurementsOf(row.id).value_or(std::vector<core::model::Measurement>{}).size();
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
      {"daftar",
       [&] {
         app.register_form.Clear();
         app.Go(app::ScreenId::kRegister);
       }},
      {"profil", [&] { app.OpenChild(child); }},
      {"ukur",
       [&] {
         app.MeasureChild(child);
         app.measure.weight = "9,8";
         app.measure.length = "78,5";
       }},
      {"sinkron", [&] { app.Go(app::ScreenId::kSync); }},
      {"pengaturan", [&] { app.Go(app::ScreenId::kSettings); }},
      // A village officer's day: the families due a visit, then the form.
      {"kunjungan",
       [&] {
         SignInAsVillageOfficer(app);
         app.Go(app::ScreenId::kVisits);
       }},
      {"kunjungan_form",
       [&] {
         if (!app.visits.due.empty()) app.OpenVisitForm(app.visits.due.front().household_id);
         app.visits.purpose = static_cast<int>(core::model::VisitPurpose::kAidDelivery);
         app.visits.aid = {
             {"telur", "30", "butir", static_cast<int>(core::model::AidSource::kFosterParent)}};
         app.visits.clean_water = 2;
       }},
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
    } else if (arg == "--profile" && i + 1 < argc) {
      options.profile_frames = std::max(10, std::atoi(argv[++i]));
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
    // The demo has a file of its own: its made-up children never mix with real ones.
    const std::string folder = platform::UserDataFolder();
    options.db = (folder.empty() ? std::string("./") : folder) +
                 (options.demo ? "tumbuh-demo.db" : "tumbuh.db");
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
      // Marked for good: a demo database never enrols or syncs (sync_client.h).
      if (auto marked = core::store::PutSyncState(**store, "demo", "1"); !marked) {
        std::fprintf(stderr, "tumbuh: demo: %s\n", marked.error().message.c_str());
        return 1;
      }
    }
  }
  app::App app(std::move(*store));
  app.SetDemo(options.demo);
  if (options.lang == "en") app.SetLanguage(app::Language::kEnglish);
  if (options.lang == "id") app.SetLanguage(app::Language::kIndonesian);
  ui::LoadFonts(app.text_size() * window->dpi_scale());
  ui::ApplyStyle(app.text_size() * window->dpi_scale());

  // Sync runs on its own thread with its own connection; the UI never waits.
  syncing::client::SyncWorker sync_worker(options.db);
  UserEnrolment user_enrolment(options.db);
  app.SetSyncControl(
      {[&sync_worker] {
         const auto s = sync_worker.status();
         static constexpr const char* kProblemKeys[] = {"",
                                                        "sync.problem_not_enrolled",
                                                        "sync.problem_unreachable",
                                                        "sync.problem_unauthorized",
                                                        "sync.problem_server",
                                                        "sync.problem_storage"};
         return app::SyncStatus{
             s.configured,   s.pending_up, s.pending_down,
             s.last_success, s.last_error, kProblemKeys[static_cast<int>(s.problem)],
             s.refused,      s.running,    s.set_aside};
       },
       [&sync_worker] { sync_worker.SyncNow(); },
       [&sync_worker](const std::string& url, const std::string& user,
                      const std::string& password) { sync_worker.Enrol(url, user, password); },
       [&sync_worker, &user_enrolment](const std::string& url, const std::string& user,
                                       const std::string& password) {
         // Enrolled: the worker syncs at once (the area's data for the new user).
         user_enrolment.Start(url, user, password, [&sync_worker] { sync_worker.SyncNow(); });
       },
       [&user_enrolment] { return user_enrolment.Take(); }});
  if (!options.screenshot_dir.empty()) return TakeScreenshots(*window, app, options.screenshot_dir);
  if (options.profile_frames > 0) return Profile(*window, app, options.profile_frames);

  // Redraw while something moves; when idle, wait for input (battery), or
  // until the moment the app must change by itself (the lock's deadline, a
  // message's end, a sync's progress): one frame then, never a spinning loop.
  int busy_frames = 3;
  bool first = true;
  while (true) {
    const bool open = window->PumpEvents(
        /*wait=*/busy_frames == 0 && !window->InputPending(), app.NextWakeMs());
    if (!open) break;
    if (window->TakeBackground()) app.Lock();  // out of sight: locked
    DrawFrame(*window, app);
    if (first) {
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
              .count();
      std::fprintf(stderr, "tumbuh: first frame after %.0f ms (%s)\n", ms, options.db.c_str());
      first = false;
    }
    busy_frames = app.KeepDrawing() ? 3 : busy_frames - 1;
    // An event arrived: draw it, then settle; a timer's wake (a cursor
    // blink, a message's end) needs that one frame only.
    if (busy_frames < 0) busy_frames = window->GotEvents() ? 2 : 0;
  }
  return 0;
}
