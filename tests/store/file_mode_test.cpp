// The database file and its WAL are readable by the app's user only (0600):
// children's names, NIK and health data are personal data.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "store/store.h"

namespace core::store {
namespace {

namespace fs = std::filesystem;

mode_t ModeOf(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return 07777;  // missing: never 0600
  return st.st_mode & 0777;
}

class FileModeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tumbuh-mode-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = dir_ / "tumbuh.db";
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes a record so the WAL and its index exist, and keeps the store open.
  std::unique_ptr<Store> OpenAndWrite() {
    auto store = Store::Open(path_.string());
    EXPECT_TRUE(store) << store.error().message;
    if (!store) return nullptr;
    EXPECT_TRUE((*store)->SaveArea({"3322012001", "Sumberrejo", model::AreaLevel::kDesa, ""}));
    return std::move(*store);
  }

  fs::path dir_, path_;
};

TEST_F(FileModeTest, ANewDatabaseAndItsWalAreTheUsersOnly) {
  const mode_t old_umask = ::umask(022);  // the usual umask: files would be 0644
  auto store = OpenAndWrite();
  ::umask(old_umask);
  ASSERT_TRUE(store);
  ASSERT_TRUE(fs::exists(path_.string() + "-wal"));
  ASSERT_TRUE(fs::exists(path_.string() + "-shm"));
  EXPECT_EQ(ModeOf(path_), 0600u);
  EXPECT_EQ(ModeOf(path_.string() + "-wal"), 0600u);
  EXPECT_EQ(ModeOf(path_.string() + "-shm"), 0600u);
}

TEST_F(FileModeTest, AnExistingWideOpenDatabaseIsTightenedOnOpen) {
  OpenAndWrite().reset();  // closed: SQLite removes the WAL and its index
  ASSERT_EQ(::chmod(path_.c_str(), 0666), 0);
  ASSERT_EQ(ModeOf(path_), 0666u);
  // Left-over WAL files with a wide mode (a crash, a copy) are tightened too.
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::string file = path_.string() + suffix;
    if (fs::exists(file)) {
      ASSERT_EQ(::chmod(file.c_str(), 0644), 0);
    }
  }
  auto store = OpenAndWrite();
  ASSERT_TRUE(store);
  EXPECT_EQ(ModeOf(path_), 0600u);
  EXPECT_EQ(ModeOf(path_.string() + "-wal"), 0600u);
  EXPECT_EQ(ModeOf(path_.string() + "-shm"), 0600u);
}

}  // namespace
}  // namespace core::store
