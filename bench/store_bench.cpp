// Store figures on a large demo database: open, record a measurement (with
// its fsync), a page of the children list, a search as you type, file size
// per measurement. Seeds the database first when the file does not exist.
// Usage: store_bench [--db PATH] [--children N] [--months M]
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "demo/demo_data.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

struct Percentiles {
  double p50, p99, max;
};

Percentiles Summarise(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  auto at = [&](double q) { return samples[static_cast<size_t>(q * (samples.size() - 1))]; };
  return {at(0.5), at(0.99), samples.back()};
}

void Print(const char* what, const std::vector<double>& samples) {
  const Percentiles p = Summarise(samples);
  std::printf("%-44s p50 %8.3f ms   p99 %8.3f ms   max %8.3f ms   (%zu runs)\n", what, p.p50, p.p99,
              p.max, samples.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = "build/bench-store.db";
  int children = 100000, months = 16;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--db")) path = argv[i + 1];
    if (!std::strcmp(argv[i], "--children")) children = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--months")) months = std::atoi(argv[i + 1]);
  }
  using core::store::Store;
  if (!std::filesystem::exists(path)) {
    std::printf("seeding %s: %d children, %d months...\n", path.c_str(), children, months);
    core::store::StoreOptions options;
    options.id_seed = 11;
    auto store = Store::Open(path, options);
    if (!store) return std::fprintf(stderr, "%s\n", store.error().message.c_str()), 1;
    core::demo::DemoOptions demo;
    demo.children = children;
    demo.months = months;
    demo.seed = 11;
    const auto start = Clock::now();
    auto summary = core::demo::SeedDemo(**store, demo);
    if (!summary) return std::fprintf(stderr, "%s\n", summary.error().message.c_str()), 1;
    std::printf("seeded in %.1f s: %d children, %d measurements, %d visits\n",
                Ms(Clock::now() - start) / 1000, summary->children, summary->measurements,
                summary->visits);
    (void)(*store)->db().Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }

  // Open: the whole Store::Open (pragmas, migration check, device, clock).
  std::vector<double> opens;
  for (int i = 0; i < 20; ++i) {
    const auto start = Clock::now();
    auto store = Store::Open(path);
    opens.push_back(Ms(Clock::now() - start));
    if (!store) return std::fprintf(stderr, "%s\n", store.error().message.c_str()), 1;
  }
  auto opened = Store::Open(path);
  Store& store = **opened;
  auto stats = store.Stats();
  std::printf("database: %lld children, %lld measurements, %.1f MB\n",
              static_cast<long long>(stats->children), static_cast<long long>(stats->measurements),
              stats->file_bytes / 1e6);
  Print("open the database", opens);

  std::mt19937 rng(5);
  auto posyandu = store.PosyanduIn("").value();
  // Children to measure: the first page of random posyandu.
  std::vector<core::model::Id> some_children;
  for (int i = 0; i < 200; ++i) {
    core::store::ChildFilter f;
    f.posyandu = posyandu[rng() % posyandu.size()].meta.id;
    auto page = store.ListChildren(f, 0, 5).value();
    if (!page.rows.empty()) some_children.push_back(page.rows[rng() % page.rows.size()].id);
  }

  std::vector<double> records;
  for (const auto& child : some_children) {
    core::model::Measurement m;
    m.child_id = child;
    m.measured_on = store.Today();
    m.weight_g = 9000 + static_cast<int>(rng() % 3000);
    m.length_mm = 780 + static_cast<int>(rng() % 150);
    m.posture = core::growth::Posture::kLying;
    const auto start = Clock::now();
    auto saved = store.RecordMeasurement(m);
    records.push_back(Ms(Clock::now() - start));
    if (!saved && saved.error().kind != core::Error::Kind::kInvalid) {
      return std::fprintf(stderr, "%s\n", saved.error().message.c_str()), 1;
    }
  }
  Print("record one measurement (synchronous=FULL)", records);

  std::vector<double> pages, deep_pages, filtered, orders;
  core::store::ChildFilter kabupaten;
  kabupaten.area_prefix = "3322";
  std::vector<int64_t> everyone;
  for (int i = 0; i < 10; ++i) {
    const auto start = Clock::now();
    everyone = store.ChildOrder(kabupaten).value();
    orders.push_back(Ms(Clock::now() - start));
  }
  for (int i = 0; i < 300; ++i) {
    core::store::ChildFilter f;
    f.posyandu = posyandu[rng() % posyandu.size()].meta.id;
    f.today = store.Today();
    auto start = Clock::now();
    auto page = store.ListChildren(f, 0, 40).value();
    const int offset = page.total > 40 ? static_cast<int>(rng() % (page.total - 40)) : 0;
    start = Clock::now();
    page = store.ListChildren(f, offset, 40).value();
    pages.push_back(Ms(Clock::now() - start));

    start = Clock::now();
    const size_t at = rng() % (everyone.size() - 40);
    auto visible = store.ChildRows(std::span(everyone).subspan(at, 40)).value();
    deep_pages.push_back(Ms(Clock::now() - start));

    f.kind = i % 2 ? core::store::ChildListKind::kStunted
                   : core::store::ChildListKind::kNotMeasuredThisMonth;
    start = Clock::now();
    page = store.ListChildren(f, 0, 40).value();
    filtered.push_back(Ms(Clock::now() - start));
  }
  Print("children list: a page of a posyandu", pages);
  Print("children list: a filtered page (stunted...)", filtered);
  Print("kabupaten list: the order of all children", orders);
  Print("kabupaten list: a page anywhere in it", deep_pages);

  // Search as you type: every prefix of real names, mothers' names, NIKs.
  std::vector<std::string> words = {"s",    "si",     "sit",      "siti", "bu",
                                    "bud",  "budi",   "ra",       "rah",  "rahma",
                                    "3322", "332201", "33220106", "put",  "putri sa"};
  std::vector<double> searches;
  for (int round = 0; round < 20; ++round) {
    for (const std::string& w : words) {
      const auto start = Clock::now();
      auto rows = store.SearchChildren(w, 30).value();
      searches.push_back(Ms(Clock::now() - start));
    }
  }
  Print("search as you type (30 results)", searches);

  (void)store.db().Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  stats = store.Stats();
  std::printf("file size per measurement (all tables and indexes, outbox pending): %.0f bytes\n",
              static_cast<double>(stats->file_bytes) / stats->measurements);
  return 0;
}
