// Migrations from the first schema up, and refusing a newer database.
#include "store/migrations.h"
#include "store_fixture.h"

namespace core::store::testing {
namespace {

TEST(Migrations, FromTheFirstSchemaUpKeepsData) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("tumbuh-migrate-" + std::to_string(getpid()) + ".db"))
                               .string();
  std::filesystem::remove(path);
  {
    auto db = Database::Open(path);
    ASSERT_TRUE(db);
    ASSERT_TRUE(Migrate(*db, 1));
    ASSERT_TRUE(
        db->Exec("INSERT INTO area VALUES ('3373', 'Kota Semarang', 2, '33', 1);"
                 "INSERT INTO outbox(entity, record_id, op) VALUES (6, x'00', 1);"));
  }
  {
    auto store = Store::Open(path);  // runs every later step
    ASSERT_TRUE(store) << store.error().message;
    EXPECT_EQ((*store)->Areas("33")->size(), 1u);
    EXPECT_EQ((*store)->PendingChanges().value(), 1);  // nothing unsent is lost
    auto v = (*store)->db().Prepare("PRAGMA user_version");
    ASSERT_TRUE((*v)->Step().value());
    EXPECT_EQ((*v)->Int(0), LatestSchemaVersion());
    (*v)->Reset();
    EXPECT_TRUE((*store)->db().Exec("SELECT count(*) FROM quarantine"));
    EXPECT_TRUE((*store)->db().Exec("SELECT count(*) FROM remote_tombstone"));
  }
  std::filesystem::remove(path);
}

TEST(Migrations, RefusesADatabaseFromANewerVersion) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("tumbuh-newer-" + std::to_string(getpid()) + ".db"))
                               .string();
  std::filesystem::remove(path);
  {
    auto db = Database::Open(path);
    ASSERT_TRUE(db->Exec("CREATE TABLE future(x); PRAGMA user_version = 99"));
  }
  auto store = Store::Open(path);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().kind, Error::Kind::kTooNew);
  auto db = Database::Open(path);
  EXPECT_TRUE(db->Exec("SELECT x FROM future"));  // untouched
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace core::store::testing
