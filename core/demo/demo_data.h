// A deterministic, realistic demo kabupaten written through the store's
// service API: kecamatan, villages and posyandu; families with their risk
// factors; children growing along their own centiles (some stunted, some
// wasted), with missed months and a few typing errors that get flagged;
// village officers assigned to at-risk families, visiting with aid.
#pragma once

#include <cstdint>
#include <functional>

#include "store/store.h"

namespace core::demo {

struct DemoOptions {
  int children = 300;
  int months = 12;    // monthly posyandu days up to today
  uint64_t seed = 1;  // same seed, same data
  // Called now and then with (children written, total).
  std::function<void(int, int)> progress;
};

struct DemoSummary {
  int kecamatan = 0, villages = 0, posyandu = 0, households = 0, children = 0;
  int measurements = 0, visits = 0, users = 0;
};

// Writes the demo into `store` (which should be empty). The first user is a
// cadre of the first posyandu, for the app to sign in as.
Result<DemoSummary> SeedDemo(store::Store& store, const DemoOptions& options);

}  // namespace core::demo
