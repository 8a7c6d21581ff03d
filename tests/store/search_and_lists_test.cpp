// Search as you type and the list queries the screens need.
#include "store_fixture.h"

namespace core::store::testing {
namespace {

class SearchAndLists : public StoreTest {};

std::vector<std::string> Names(const std::vector<ChildRow>& rows) {
  std::vector<std::string> names;
  for (const auto& r : rows) names.push_back(r.name);
  return names;
}

TEST_F(SearchAndLists, PrefixesOfNameMotherNikAndKk) {
  model::Child c = Child("Citra Lestari", growth::Sex::kFemale, Day("2024-03-02"));
  c.nik = "3373044203240002";
  ASSERT_TRUE(store_->RegisterChild(c));
  EXPECT_EQ(Names(*store_->SearchChildren("bu", 10)), std::vector<std::string>{"Budi Santoso"});
  EXPECT_EQ(Names(*store_->SearchChildren("cit les", 10)),
            std::vector<std::string>{"Citra Lestari"});
  EXPECT_EQ(store_->SearchChildren("siti", 10)->size(), 2u);  // the mother of both
  EXPECT_EQ(Names(*store_->SearchChildren("337304420", 10)),  // the child's NIK
            std::vector<std::string>{"Citra Lestari"});
  EXPECT_EQ(store_->SearchChildren("3373041501", 10)->size(), 2u);  // the family's KK
  EXPECT_TRUE(store_->SearchChildren("zzz", 10)->empty());
  EXPECT_TRUE(store_->SearchChildren("\"*( ", 10)->empty());  // no FTS syntax error
}

TEST_F(SearchAndLists, RenamedMotherIsFoundByHerNewName) {
  model::Person mother = **store_->GetPerson(mother_);
  mother.name = "Siti Rahmawati";
  ASSERT_TRUE(store_->RegisterPerson(mother));
  EXPECT_EQ(store_->SearchChildren("rahma", 10)->size(), 1u);
  EXPECT_TRUE(store_->SearchChildren("aminah", 10)->empty());
}

TEST_F(SearchAndLists, FiltersAndPaging) {
  for (int i = 0; i < 25; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "Anak %02d", i);
    ASSERT_TRUE(store_->RegisterChild(Child(name, growth::Sex::kMale, Day("2025-02-01"))));
  }
  ChildFilter f;
  f.posyandu = posyandu_;
  f.today = store_->Today();
  auto page = store_->ListChildren(f, 10, 10);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 26);
  ASSERT_EQ(page->rows.size(), 10u);
  EXPECT_EQ(page->rows.front().name, "Anak 10");
  EXPECT_EQ(page->rows.front().mother_name, "Siti Aminah");

  f.kind = ChildListKind::kNotMeasuredThisMonth;
  EXPECT_EQ(store_->ListChildren(f, 0, 100)->total, 26);
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-11-02", 9000, 780)));  // stunted
  EXPECT_EQ(store_->ListChildren(f, 0, 100)->total, 25);
  f.kind = ChildListKind::kStunted;
  EXPECT_EQ(Names(store_->ListChildren(f, 0, 100)->rows), std::vector<std::string>{"Budi Santoso"});
  f.kind = ChildListKind::kWasted;
  EXPECT_EQ(store_->ListChildren(f, 0, 100)->total, 0);
  f.posyandu.reset();
  f.area_prefix = "3374";
  f.kind = ChildListKind::kAll;
  EXPECT_EQ(store_->ListChildren(f, 0, 100)->total, 0);  // another kota
}

TEST_F(SearchAndLists, AssignedAndDueVisits) {
  const model::Id officer = model::IdGenerator(5).Make(now_ms_);
  model::Assignment a;
  a.household_id = household_;
  a.assignee_id = officer;
  a.from_day = Day("2026-10-01");
  ASSERT_TRUE(store_->Assign(a));
  ChildFilter f;
  f.kind = ChildListKind::kAssignedTo;
  f.user = officer;
  EXPECT_EQ(store_->ListChildren(f, 0, 10)->total, 1);

  auto due = store_->DueVisits(officer, store_->Today());
  ASSERT_TRUE(due);
  ASSERT_EQ(due->size(), 1u);  // never visited: due today
  EXPECT_EQ(due->front().days_overdue, 0);

  model::Visit v;
  v.household_id = household_;
  v.visited_at = now_ms_ / 1000 - 86400 * 10;
  v.visitor_name = "Serda Joko";
  v.follow_up_on = Day("2026-11-15");  // five days ago
  ASSERT_TRUE(store_->LogVisit(v));
  due = store_->DueVisits(officer, store_->Today());
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ(due->front().days_overdue, 5);
  EXPECT_EQ(due->front().head_name, "Ahmad Santoso");

  v.meta = {};
  v.visited_at = now_ms_ / 1000 - 3600;
  v.follow_up_on = Day("2026-12-20");
  ASSERT_TRUE(store_->LogVisit(v));
  EXPECT_TRUE(store_->DueVisits(officer, store_->Today())->empty());
  EXPECT_EQ(store_->VisitsOf(household_)->size(), 2u);
}

TEST_F(SearchAndLists, DaySummary) {
  ASSERT_TRUE(store_->RecordMeasurement(Weighing("2026-11-02", 9000, 800)));
  auto day = store_->DaySummary(posyandu_, "", store_->Today());
  ASSERT_TRUE(day);
  EXPECT_EQ(day->expected, 1);
  EXPECT_EQ(day->measured, 1);
  EXPECT_EQ(day->unsent_changes, 5);
}

}  // namespace
}  // namespace core::store::testing
