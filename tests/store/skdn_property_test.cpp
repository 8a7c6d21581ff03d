// SKDN over a seeded kabupaten: every weighed child is in exactly one of N, T,
// O, B each month (D = N + T + O + B for every posyandu and month), and the
// seeded growth looks like a real district's (N/D 55-85% from the second
// month: the first seeded month has only B, there is no earlier weighing).
#include <map>
#include <tuple>

#include "demo/demo_data.h"
#include "store_fixture.h"

namespace core::store::testing {
namespace {

class SkdnProperty : public StoreTest {
 protected:
  // posyandu, month -> D (children with a weighing that stands), N, T, O, B.
  using Key = std::pair<std::string, std::string>;
  std::map<Key, std::array<int64_t, 5>> Skdn() {
    std::map<Key, std::array<int64_t, 5>> out;
    auto stmt = store_->db().Prepare(
        "WITH m AS (SELECT m.*, strftime('%Y-%m', m.measured_on * 86400, 'unixepoch') AS month, "
        "  coalesce((SELECT r.decision = 2 AND r.hlc > m.hlc FROM review r "
        "    WHERE r.target_id = m.id AND r.deleted = 0 AND r.decision IN (1, 2) "
        "    ORDER BY r.reviewed_at DESC, r.hlc DESC LIMIT 1), 0) AS sent_back "
        "  FROM measurement m WHERE m.deleted = 0) "
        "SELECT hex(c.posyandu_id), m.month, "
        "  count(DISTINCT CASE WHEN m.weight_g IS NOT NULL AND NOT m.sent_back THEN c.n END), "
        "  sum(m.gain = 1), sum(m.gain = 2), sum(m.gain = 3), sum(m.gain = 4) "
        "FROM m JOIN child c ON c.n = m.child_n GROUP BY c.posyandu_id, m.month");
    EXPECT_TRUE(stmt);
    while ((*stmt)->Step().value_or(false)) {
      out[{(*stmt)->Text(0), (*stmt)->Text(1)}] = {
          (*stmt)->Int(2), (*stmt)->Int(3), (*stmt)->Int(4), (*stmt)->Int(5), (*stmt)->Int(6)};
    }
    return out;
  }
};

TEST_F(SkdnProperty, DIsNPlusTPlusOPlusBForEveryPosyanduAndMonth) {
  demo::DemoOptions options;
  options.children = 100;
  options.months = 12;
  options.seed = 7;
  auto seeded = demo::SeedDemo(*store_, options);
  ASSERT_TRUE(seeded) << seeded.error().message;
  const auto skdn = Skdn();
  EXPECT_GE(skdn.size(), 12u);
  for (const auto& [key, v] : skdn) {
    EXPECT_EQ(v[0], v[1] + v[2] + v[3] + v[4]) << key.first << " " << key.second;
  }
  // The seed has what the rules must handle: re-weighings in a month, values
  // sent back by a supervisor.
  EXPECT_GT(Count("SELECT count(*) FROM (SELECT child_n FROM measurement "
                  "GROUP BY child_n, strftime('%Y-%m', measured_on * 86400, 'unixepoch') "
                  "HAVING count(*) > 1)"),
            0);
}

TEST_F(SkdnProperty, ASeededKabupatenLooksReal) {
  demo::DemoOptions options;
  options.children = 600;
  options.months = 12;
  options.seed = 1;
  ASSERT_TRUE(demo::SeedDemo(*store_, options));
  std::map<std::string, std::array<int64_t, 5>> months;
  for (const auto& [key, v] : Skdn()) {
    for (int i = 0; i < 5; ++i) months[key.second][i] += v[i];
  }
  ASSERT_EQ(months.size(), 12u);
  bool first = true;
  for (const auto& [month, v] : months) {
    const double nd = static_cast<double>(v[1]) / static_cast<double>(v[0]);
    if (first) {
      EXPECT_EQ(v[4], v[0]) << "the first month is all B";
      first = false;
      continue;
    }
    EXPECT_GE(nd, 0.55) << month;
    EXPECT_LE(nd, 0.85) << month;
    EXPECT_GE(static_cast<double>(v[0]) / options.children, 0.6) << month << " D/S";
  }
  // Stunting about a fifth to a quarter, wasting several per cent, a few
  // typing errors flagged and some sent back.
  const double stunted =
      static_cast<double>(Count("SELECT count(*) FROM child WHERE last_tbu IN (2, 3)")) /
      static_cast<double>(Count("SELECT count(*) FROM child WHERE last_tbu > 0"));
  const double wasted =
      static_cast<double>(Count("SELECT count(*) FROM child WHERE last_bbtb IN (10, 11)")) /
      static_cast<double>(Count("SELECT count(*) FROM child WHERE last_bbtb > 0"));
  EXPECT_GT(stunted, 0.17);
  EXPECT_LT(stunted, 0.3);
  EXPECT_GT(wasted, 0.03);
  EXPECT_LT(wasted, 0.11);
  EXPECT_GT(Count("SELECT count(*) FROM measurement WHERE flags != 0"), 5);
  EXPECT_GT(Count("SELECT count(*) FROM review WHERE decision = 2"), 3);
  EXPECT_GT(Count("SELECT count(*) FROM measurement WHERE vitamin_a = 1"), 50);
}

}  // namespace
}  // namespace core::store::testing
