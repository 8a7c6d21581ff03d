// The server's WAL checkpoints happen on their own thread: with automatic
// checkpoints handed over to WalCheckpointer, committed pages still reach the
// database file while the writer goes on, and nothing committed is lost.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "wal_checkpointer.h"

namespace fs = std::filesystem;

namespace {

class WalCheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tumbuh-wal-" + std::to_string(getpid()));
    fs::create_directories(dir_);
    path_ = (dir_ / "server.db").string();
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db_), SQLITE_OK);
    Exec(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
        "CREATE TABLE changes (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  }
  void TearDown() override {
    sqlite3_close(db_);
    fs::remove_all(dir_);
  }
  void Exec(const std::string& sql) {
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_);
  }
  // Commits `batches` transactions of 100 rows of 1 KiB each (~25 pages a
  // transaction).
  void Commit(int batches) {
    for (int b = 0; b < batches; ++b) {
      Exec(
          "BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) "
          "INSERT INTO changes(body) SELECT hex(randomblob(512)) FROM n; COMMIT;");
    }
  }
  uintmax_t DatabaseFileSize() const { return fs::file_size(path_); }
  int64_t Rows() {
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db_, "SELECT count(*) FROM changes", -1, &stmt, nullptr);
    sqlite3_step(stmt);
    const int64_t n = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return n;
  }

  fs::path dir_;
  std::string path_;
  sqlite3* db_ = nullptr;
};

TEST_F(WalCheckpointerTest, CommittedPagesReachTheDatabaseFileWhileTheWriterGoesOn) {
  const uintmax_t empty = DatabaseFileSize();
  {
    syncing::server::WalCheckpointer checkpointer(db_, path_);
    Commit(80);  // ~2,000 pages: past the 1,000 that ask for a checkpoint
    // The writer's own automatic checkpoints are off: the thread copies them.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (DatabaseFileSize() < empty + 2'000'000 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_GE(DatabaseFileSize(), empty + 2'000'000);
    Commit(10);  // the writer goes on while and after it copies
  }
  EXPECT_EQ(Rows(), 9'000);
  // Once stopped, the writer checkpoints by itself again, inside the commit
  // that takes the WAL past 1,000 pages: the file has grown when it returns.
  const uintmax_t before = DatabaseFileSize();
  Commit(50);  // ~1,250 pages
  EXPECT_GT(DatabaseFileSize(), before);
  EXPECT_EQ(Rows(), 14'000);
}

TEST_F(WalCheckpointerTest, FewPagesAreLeftInTheWal) {
  const uintmax_t empty = DatabaseFileSize();
  syncing::server::WalCheckpointer checkpointer(db_, path_);
  Commit(4);  // ~100 pages: no checkpoint is asked for yet
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(DatabaseFileSize(), empty);
  EXPECT_EQ(Rows(), 400);
}

}  // namespace
