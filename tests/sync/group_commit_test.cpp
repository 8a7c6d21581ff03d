// Group commit on the SQLite server store: pushes stored together commit
// together, each batch whole, each seeing the batches stored before it in the
// group; a group rolled back keeps none of them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

#include "group_commit.h"
#include "server_store.h"

namespace fs = std::filesystem;

namespace {

using syncing::protocol::Change;
using syncing::server::Places;
using syncing::server::RecordPlace;

class GroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tumbuh-group-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::string error;
    store_ = syncing::server::OpenSqliteServerStore((dir_ / "server.db").string(), &error);
    ASSERT_TRUE(store_) << error;
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  // A household change numbered `n`, whose record id ends in `n`'s digits.
  static Change Household(int n) {
    Change c;
    char id[40];
    std::snprintf(id, sizeof id, "01a2123f-a678-7985-8185-%012d", n);
    c.change_id = "device:" + std::to_string(n);
    c.record_id = id;
    c.entity = "household";
    c.op = "upsert";
    c.area = "3373041001";
    return c;
  }
  void Store(syncing::server::ServerStore& in, const Change& c) {
    Places placed{{c.record_id, RecordPlace{"household", c.area, std::nullopt}}};
    auto stored = in.StoreChanges({c}, {syncing::protocol::ToJson(c)}, placed);
    ASSERT_TRUE(stored) << stored.error().message;
  }
  int64_t Count() { return store_->ChangeCount().value_or(-1); }

  fs::path dir_;
  std::unique_ptr<syncing::server::ServerStore> store_;
};

TEST_F(GroupCommitTest, ABatchSeesTheBatchesBeforeItAndARollbackKeepsNone) {
  ASSERT_TRUE(store_->BeginGroup());
  Store(*store_, Household(1));
  auto seen = store_->FindPlaces({Household(1).record_id});
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->count(Household(1).record_id), 1u);
  Store(*store_, Household(2));
  EXPECT_FALSE(store_->EndGroup(false));  // rolled back, as a failed commit would be
  EXPECT_EQ(Count(), 0);
  auto gone = store_->FindPlaces({Household(1).record_id});
  ASSERT_TRUE(gone);
  EXPECT_TRUE(gone->empty());
}

TEST_F(GroupCommitTest, ConcurrentPushesAreAllStoredOnceEach) {
  std::mutex lock;
  syncing::server::GroupCommitter groups(*store_, lock);
  std::vector<std::thread> pushers;
  std::atomic<int> committed{0};
  for (int t = 0; t < 16; ++t) {
    pushers.emplace_back([&, t] {
      for (int k = 0; k < 20; ++k) {
        const Change c = Household(t * 100 + k);
        if (groups.Run([&](syncing::server::ServerStore& in) { Store(in, c); })) ++committed;
      }
    });
  }
  for (auto& p : pushers) p.join();
  EXPECT_EQ(committed.load(), 320);
  EXPECT_EQ(Count(), 320);
  // A push seen before is acknowledged again and not stored twice.
  EXPECT_TRUE(groups.Run([&](syncing::server::ServerStore& in) { Store(in, Household(5)); }));
  EXPECT_EQ(Count(), 320);
}

}  // namespace
