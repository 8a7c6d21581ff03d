// The outbox invariant: every committed change has exactly one outbox entry,
// written in the same transaction; a refused or rolled-back write has none.
// Deletes are tombstones.
#include "store_fixture.h"

namespace core::store::testing {
namespace {

struct Entry {
  int entity;
  model::Id record;
  int op;
};

std::vector<Entry> Outbox(Store& store) {
  auto stmt = store.db().Prepare("SELECT entity, record_id, op FROM outbox ORDER BY seq");
  std::vector<Entry> out;
  while ((*stmt)->Step().value()) {
    auto blob = (*stmt)->Blob(1);
    out.push_back({static_cast<int>((*stmt)->Int(0)), model::Id::FromBytes(blob.data(), 16),
                   static_cast<int>((*stmt)->Int(2))});
  }
  return out;
}

class OutboxTest : public StoreTest {};

TEST_F(OutboxTest, EveryWriteHasExactlyOneEntryInOrder) {
  // The fixture wrote posyandu, household, mother, child.
  auto entries = Outbox(*store_);
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0].entity, static_cast<int>(Entity::kPosyandu));
  EXPECT_EQ(entries[1].record, household_);
  EXPECT_EQ(entries[2].record, mother_);
  EXPECT_EQ(entries[3].record, child_);

  auto m = store_->RecordMeasurement(Weighing("2026-11-01", 9000, 800));
  model::Visit v;
  v.household_id = household_;
  v.visited_at = now_ms_ / 1000 - 3600;
  v.visitor_name = "Aipda Rudi";
  v.visitor_role = model::Role::kBhabinkamtibmas;
  v.aid = {{"telur", 30, "butir", model::AidSource::kCsr},
           {"beras", 5, "kg", model::AidSource::kApbd}};
  auto visit = store_->LogVisit(v);
  ASSERT_TRUE(m && visit);
  entries = Outbox(*store_);
  ASSERT_EQ(entries.size(), 6u);
  EXPECT_EQ(entries[4].record, m->meta.id);
  EXPECT_EQ(entries[5].record, *visit);
  EXPECT_EQ(Count("SELECT count(*) FROM aid_item"), 2);

  // Refused: no entry.
  EXPECT_FALSE(store_->RecordMeasurement(Weighing("2026-11-01", 100)));
  EXPECT_EQ(Outbox(*store_).size(), 6u);
}

TEST_F(OutboxTest, RolledBackBatchLeavesNothing) {
  ASSERT_TRUE(store_->BeginBatch());
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-10-01", 8800)));
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-11-01", 9000)));
  store_->RollbackBatch();
  EXPECT_EQ(Count("SELECT count(*) FROM measurement"), 0);
  EXPECT_EQ(Outbox(*store_).size(), 4u);

  ASSERT_TRUE(store_->BeginBatch());
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-10-01", 8800)));
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-11-01", 9000)));
  ASSERT_TRUE(store_->CommitBatch());
  EXPECT_EQ(Count("SELECT count(*) FROM measurement"), 2);
  EXPECT_EQ(Outbox(*store_).size(), 6u);
}

TEST_F(OutboxTest, EveryRecordInTheOutboxExists) {
  for (int i = 0; i < 20; ++i) {
    const std::string day =
        "2026-" + std::string(i % 10 < 9 ? "0" : "") + std::to_string(1 + i % 10) + "-15";
    ASSERT_TRUE(store_->RecordMeasurement(Weighing(day.c_str(), 8000 + 50 * i)));
  }
  EXPECT_EQ(Count("SELECT count(*) FROM outbox WHERE entity = 7"),
            Count("SELECT count(*) FROM measurement"));
  EXPECT_EQ(Count("SELECT count(*) FROM outbox o WHERE entity = 7 AND NOT EXISTS "
                  "(SELECT 1 FROM measurement m WHERE m.id = o.record_id)"),
            0);
}

TEST_F(OutboxTest, DeleteIsATombstone) {
  auto m = store_->RecordMeasurement(Weighing("2026-11-01", 9000, 800));
  ASSERT_TRUE(m);
  ASSERT_TRUE(store_->Delete(Entity::kMeasurement, m->meta.id));
  EXPECT_EQ(Count("SELECT count(*) FROM measurement WHERE deleted = 1"), 1);  // kept
  EXPECT_TRUE(store_->MeasurementsOf(child_)->empty());
  auto entries = Outbox(*store_);
  EXPECT_EQ(entries.back().op, static_cast<int>(Op::kTombstone));
  EXPECT_EQ(entries.back().record, m->meta.id);
  EXPECT_EQ(store_->Delete(Entity::kMeasurement, m->meta.id).error().kind, Error::Kind::kNotFound);

  ASSERT_TRUE(store_->Delete(Entity::kChild, child_));
  EXPECT_TRUE(store_->SearchChildren("Budi", 10)->empty());
  ChildFilter all;
  EXPECT_EQ(store_->ListChildren(all, 0, 10)->total, 0);
  EXPECT_TRUE((*store_->GetChild(child_))->meta.deleted);
}

TEST_F(OutboxTest, ClockAndDeviceSurviveReopen) {
  const std::string device = store_->device_id();
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-10-01", 8800)));
  const auto before = Count("SELECT max(hlc) FROM measurement");
  now_ms_ -= 86'400'000;  // the tablet's clock jumps a day back
  Reopen();
  EXPECT_EQ(store_->device_id(), device);
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-11-01", 9000)));
  EXPECT_GT(Count("SELECT max(hlc) FROM measurement"), before);  // still later than every write
}

}  // namespace
}  // namespace core::store::testing
