// `tumbuh --demo --screenshot DIR` in a real window under Xvfb: one PNG per
// main screen, each a real picture (the right size, many colours, not blank).
#include <gtest/gtest.h>
#include <stb_image.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <set>

namespace {

namespace fs = std::filesystem;

TEST(Screenshots, EveryMainScreenIsARealPicture) {
  const fs::path dir = fs::temp_directory_path() / ("tumbuh-shots-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // Under the sanitizers, leak checks stay with the headless UI tests: this
  // process also runs SDL's D-Bus and the X11/GL stack, whose leaks are not ours.
  const std::string cmd = "ASAN_OPTIONS=detect_leaks=0 xvfb-run -a -s '-screen 0 1280x800x24' " +
                          std::string(TUMBUH_APP_PATH) + " --db " + (dir / "demo.db").string() +
                          " --demo --screenshot " + (dir / "png").string() + " > " +
                          (dir / "log").string() + " 2>&1";
  const int status = std::system(cmd.c_str());
  ASSERT_EQ(WEXITSTATUS(status), 0) << "see " << (dir / "log");
  for (const char* screen : {"beranda", "anak", "daftar", "profil", "ukur", "kunjungan",
                             "kunjungan_form", "sinkron", "pengaturan"}) {
    const fs::path png = dir / "png" / (std::string(screen) + ".png");
    ASSERT_TRUE(fs::exists(png)) << png;
    int w = 0, h = 0, channels = 0;
    unsigned char* pixels = stbi_load(png.c_str(), &w, &h, &channels, 3);
    ASSERT_NE(pixels, nullptr) << png << " is not a PNG";
    EXPECT_EQ(w, 1280);
    EXPECT_EQ(h, 800);
    std::set<uint32_t> colours;
    size_t dark = 0;
    for (int i = 0; i < w * h; ++i) {
      const unsigned char* p = pixels + 3 * i;
      colours.insert(p[0] << 16 | p[1] << 8 | p[2]);
      dark += p[0] + p[1] + p[2] < 200;
    }
    stbi_image_free(pixels);
    EXPECT_GT(colours.size(), 40u) << screen << ": too few colours, a blank picture";
    EXPECT_GT(dark, 2000u) << screen << ": no text drawn";
    EXPECT_LT(dark, static_cast<size_t>(w * h / 2)) << screen << ": mostly black";
  }
  fs::remove_all(dir);
}

}  // namespace
