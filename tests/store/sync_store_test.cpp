// The store's side of sync: the outbox read in order and acknowledged, refusals
// set aside, local versions, and deletions of records never held.
#include "store/sync_store.h"
#include "store_fixture.h"

namespace core::store::testing {
namespace {

class SyncStoreTest : public StoreTest {};

TEST_F(SyncStoreTest, OutboxInOrderAcknowledgedAndQuarantined) {
  auto entries = ReadOutbox(*store_, 10).value();
  ASSERT_EQ(entries.size(), 4u);  // posyandu, household, mother, child
  EXPECT_LT(entries[0].seq, entries[1].seq);
  const int64_t first[] = {entries[0].seq, entries[1].seq};
  ASSERT_TRUE(Acknowledge(*store_, first));
  ASSERT_TRUE(Quarantine(*store_, entries[2].seq, "outside your area 3374"));
  entries = ReadOutbox(*store_, 10).value();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].record_id, child_);
  EXPECT_EQ(QuarantineCount(*store_).value(), 1);
  EXPECT_TRUE(store_->GetPerson(mother_).value());  // set aside, never deleted
}

TEST_F(SyncStoreTest, ADeletionOfARecordNeverHeldIsRemembered) {
  const model::Id stranger = model::IdGenerator(77).Make(now_ms_);
  EXPECT_FALSE(GetLocalVersion(*store_, Entity::kChild, stranger).value());
  const model::Hlc deleted_at = model::MakeHlc(now_ms_, 3);
  ASSERT_TRUE(ApplyTombstone(*store_, Entity::kChild, stranger, deleted_at, "device-x"));
  const auto version = GetLocalVersion(*store_, Entity::kChild, stranger).value();
  ASSERT_TRUE(version);
  EXPECT_TRUE(version->deleted);
  EXPECT_EQ(version->hlc, deleted_at);
  EXPECT_EQ(version->device, "device-x");
  EXPECT_FALSE(store_->GetChild(stranger).value());  // nothing invented
}

TEST_F(SyncStoreTest, APulledTombstoneKeepsItsVersionAndUpdatesTheCaches) {
  auto m = store_->RecordMeasurement(Weighing("2026-11-02", 9000, 780));
  ASSERT_TRUE(m);
  ChildFilter stunted;
  stunted.kind = ChildListKind::kStunted;
  ASSERT_EQ(store_->ListChildren(stunted, 0, 10)->total, 1);  // 78 cm at 21 months
  const model::Hlc later = model::MakeHlc(now_ms_ + 1000, 0);
  const int64_t pending = store_->PendingChanges().value();
  BeginRemote(*store_);
  ASSERT_TRUE(ApplyTombstone(*store_, Entity::kMeasurement, m->meta.id, later, "device-y"));
  EndRemote(*store_);
  const auto version = GetLocalVersion(*store_, Entity::kMeasurement, m->meta.id).value();
  ASSERT_TRUE(version);
  EXPECT_TRUE(version->deleted);
  EXPECT_EQ(version->hlc, later);
  EXPECT_EQ(version->device, "device-y");
  EXPECT_EQ(store_->PendingChanges().value(), pending);       // a pulled change is not re-queued
  EXPECT_EQ(store_->ListChildren(stunted, 0, 10)->total, 0);  // the latest status followed

  // A local delete afterwards is this device's, with a new HLC.
  auto again = store_->RecordMeasurement(Weighing("2026-11-03", 9100, 790));
  ASSERT_TRUE(store_->Delete(Entity::kMeasurement, again->meta.id));
  const auto mine = GetLocalVersion(*store_, Entity::kMeasurement, again->meta.id).value();
  EXPECT_EQ(mine->device, store_->device_id());
}

TEST_F(SyncStoreTest, APulledChangeSetAsideIsKeptOnceWithItsLatestReasonUntilForgotten) {
  EXPECT_EQ(SetAsideCount(*store_).value(), 0);
  EXPECT_TRUE(ReadSetAside(*store_).value().empty());
  ASSERT_TRUE(SetAside(*store_, "dev-x:7", "{\"v\":7}", "refused: child (error.unknown_child)"));
  ASSERT_TRUE(SetAside(*store_, "dev-x:9", "{\"v\":9}", "refused: weight (error.weight_range)"));
  // Pulled again (a cursor reset): still one row, first place kept, the new reason.
  now_ms_ += 60'000;
  ASSERT_TRUE(SetAside(*store_, "dev-x:7", "{\"v\":7}", "refused: posyandu"));
  auto kept = ReadSetAside(*store_).value();
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0].change_id, "dev-x:7");
  EXPECT_EQ(kept[0].change, "{\"v\":7}");
  EXPECT_EQ(kept[0].reason, "refused: posyandu");
  EXPECT_EQ(kept[0].at, (now_ms_ - 60'000) / 1000);  // when it was first set aside
  EXPECT_EQ(kept[1].change_id, "dev-x:9");
  ASSERT_TRUE(ForgetSetAside(*store_, kept[0].n));
  EXPECT_EQ(SetAsideCount(*store_).value(), 1);
}

TEST_F(SyncStoreTest, AnUndoneChangeLeavesNothingAndTheRestOfTheBatchCommits) {
  ASSERT_TRUE(store_->BeginBatch());
  BeginRemote(*store_);
  ASSERT_TRUE(BeginChange(*store_));
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-11-02", 9000, 780)));
  ASSERT_TRUE(UndoChange(*store_));  // as if a later write of the change had failed
  ASSERT_TRUE(BeginChange(*store_));
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-11-03", 9100, 785)));
  ASSERT_TRUE(KeepChange(*store_));
  EndRemote(*store_);
  ASSERT_TRUE(store_->CommitBatch());
  const auto kept = store_->MeasurementsOf(child_).value();
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].measured_on, Day("2026-11-03"));
}

TEST_F(SyncStoreTest, APulledRecordIsValidatedLikeALocalWriteByThisTabletsClock) {
  BeginRemote(*store_);
  auto m = Weighing("2026-11-02", -5000);
  m.meta.id = model::IdGenerator(5).Make(now_ms_);
  m.meta.updated_at = model::MakeHlc(now_ms_, 0);
  m.meta.device = "device-z";
  auto refused = store_->RecordMeasurement(m);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, Error::Kind::kInvalid);
  EXPECT_TRUE(refused.error().HasProblem("error.weight_range"));
  auto tomorrow = Weighing("2026-11-21", 9000);  // measured "tomorrow" by this clock
  tomorrow.meta = m.meta;
  EXPECT_TRUE(store_->RecordMeasurement(tomorrow).error().HasProblem("error.measured_in_future"));
  EndRemote(*store_);
  EXPECT_FALSE(store_->GetMeasurement(m.meta.id).value());
}

// A pulled measurement (and a pulled review) gets the same derived values as a
// local one: the same N/T/O/B per month, the same 2T, the same lists.
TEST_F(SyncStoreTest, PulledWeighingsAndReviewsDeriveWhatLocalOnesDo) {
  const model::Id twin =
      Must(store_->RegisterChild(Child("Bima Santoso", growth::Sex::kMale, Day("2025-01-15"))));
  const std::pair<const char*, int> weighings[] = {{"2026-08-10", 9000},
                                                   {"2026-09-10", 9050},
                                                   {"2026-10-05", 9100},
                                                   {"2026-10-20", 19100},
                                                   {"2026-11-10", 9150}};
  model::Id local_typo, remote_typo;
  model::IdGenerator remote_ids(99);
  int64_t ms = now_ms_ - 86'400'000;
  for (const auto& [day, weight] : weighings) {
    auto local = store_->RecordMeasurement(Weighing(day, weight));
    ASSERT_TRUE(local);
    if (weight > 19000) local_typo = local->meta.id;
    model::Measurement pulled = Weighing(day, weight);
    pulled.child_id = twin;
    pulled.meta.id = remote_ids.Make(ms += 1000);
    pulled.meta.updated_at = model::MakeHlc(ms, 0);
    pulled.meta.device = "device-z";
    if (weight > 19000) remote_typo = pulled.meta.id;
    BeginRemote(*store_);
    ASSERT_TRUE(store_->RecordMeasurement(pulled));
    EndRemote(*store_);
  }
  model::Review review;
  review.target_id = local_typo;
  review.reviewer_id = posyandu_;
  review.decision = model::ReviewDecision::kSentBack;
  review.comment = "19,1 kg?";
  ASSERT_TRUE(store_->AddReview(review));
  review.target_id = remote_typo;
  review.meta.id = remote_ids.Make(ms += 1000);
  review.meta.updated_at = model::MakeHlc(ms + 60'000, 0);
  review.meta.device = "device-z";
  BeginRemote(*store_);
  ASSERT_TRUE(store_->AddReview(review));
  EndRemote(*store_);

  auto gains = [&](const model::Id& child) {
    std::vector<model::WeightGain> out;
    const std::vector<model::Measurement> history = store_->MeasurementsOf(child).value();
    for (const auto& m : history) out.push_back(m.gain);
    return out;
  };
  EXPECT_EQ(gains(child_), gains(twin));
  EXPECT_EQ(gains(twin).back(), model::WeightGain::kTidakNaik);  // 9.15 against 9.10, not 19.1
  ChildFilter two_t;
  two_t.kind = ChildListKind::kTwoT;
  two_t.today = store_->Today();
  EXPECT_EQ(store_->ListChildren(two_t, 0, 10)->total, 2);  // both: T in October and November
  EXPECT_EQ(store_->ReferralDue(child_).value(), store_->ReferralDue(twin).value());
}

}  // namespace
}  // namespace core::store::testing
