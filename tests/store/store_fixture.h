// A fresh store in a temporary folder, with a fixed clock and one family
// (village, posyandu, household, mother, child) to write against.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/sqlite.h"
#include "store/store.h"
#include "util/civil_date.h"

namespace core::store::testing {

inline int Day(const char* iso) {
  return *core::ParseIsoDate(iso);
}

class StoreTest : public ::testing::Test {
 public:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tumbuh-store-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "tumbuh.db").string();
    Reopen();
    ASSERT_TRUE(store_->SaveArea({"3373041001", "Kedungmundu", model::AreaLevel::kDesa, "337304"}));
    model::Posyandu p;
    p.name = "Posyandu Melati";
    p.village_code = "3373041001";
    posyandu_ = Must(store_->SavePosyandu(p));
    household_ = Must(store_->RegisterHousehold(Family()));
    model::Person mother;
    mother.name = "Siti Aminah";
    mother.nik = "3373045203950001";
    mother.household_id = household_;
    mother_ = Must(store_->RegisterPerson(mother));
    child_ =
        Must(store_->RegisterChild(Child("Budi Santoso", growth::Sex::kMale, Day("2025-01-15"))));
  }

  // The value of a result that must succeed; fails the test with the error otherwise.
  template <typename T>
  static T Must(Result<T> result) {
    EXPECT_TRUE(result) << static_cast<int>(result.error().kind) << " " << result.error().message;
    return result ? std::move(*result) : T{};
  }

  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  void Reopen() {
    store_.reset();
    StoreOptions options;
    options.now_ms = [this] { return now_ms_; };
    options.id_seed = 42;
    auto opened = Store::Open(path_, options);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
  }

  static model::Household Family() {
    model::Household h;
    h.kk = "3373041501200001";
    h.head_name = "Ahmad Santoso";
    h.address = "Jl. Melati 5";
    h.rt = "003";
    h.rw = "002";
    h.village_code = "3373041001";
    h.water = model::WaterSource::kRiver;
    return h;
  }

  model::Child Child(const std::string& name, growth::Sex sex, int birth_date) {
    model::Child c;
    c.name = name;
    c.sex = sex;
    c.birth_date = birth_date;
    c.household_id = household_;
    c.mother_id = mother_;
    c.posyandu_id = posyandu_;
    c.village_code = "3373041001";
    c.consent = {"Siti Aminah", now_ms_ / 1000, "pemantauan pertumbuhan"};
    return c;
  }

  model::Measurement Weighing(const char* day, int weight_g, int length_mm = 0) {
    model::Measurement m;
    m.child_id = child_;
    m.measured_on = Day(day);
    m.weight_g = weight_g;
    if (length_mm) {
      m.length_mm = length_mm;
      m.posture = growth::Posture::kLying;
    }
    return m;
  }

  int64_t Count(const std::string& sql) {
    auto stmt = store_->db().Prepare(sql);
    EXPECT_TRUE(stmt) << sql;
    auto row = (*stmt)->Step();
    EXPECT_TRUE(row && *row) << sql;
    const int64_t n = (*stmt)->Int(0);
    (*stmt)->Reset();
    return n;
  }

  std::filesystem::path dir_;
  std::string path_;
  int64_t now_ms_ = int64_t{Day("2026-11-20")} * 86'400'000 + 9 * 3'600'000;  // 09:00
  std::unique_ptr<Store> store_;
  model::Id posyandu_, household_, mother_, child_;
};

}  // namespace core::store::testing
