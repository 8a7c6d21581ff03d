// Growth engine throughput: children assessed per second (all indicators), one core.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "growth/zscore.h"

namespace {

using namespace core::growth;

std::vector<Measurement> RandomChildren(size_t n) {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> age(0, 1856), unit(0, 1);
  std::vector<Measurement> children(n);
  for (Measurement& m : children) {
    m.sex = unit(rng) < 0.5 ? Sex::kMale : Sex::kFemale;
    m.age = Age::FromDays(age(rng));
    const double months = m.age.months;
    m.weight_kg = 3.3 + months * 0.22 * (0.8 + 0.4 * unit(rng));
    m.length_height_cm = 50 + months * 1.05 * (0.85 + 0.3 * unit(rng));
    m.posture = months < 24 ? Posture::kLying : Posture::kStanding;
    m.head_circumference_cm = 35 + months * 0.25;
    m.arm_circumference_cm = 12 + 4 * unit(rng);
    m.triceps_skinfold_mm = 6 + 6 * unit(rng);
    m.subscapular_skinfold_mm = 5 + 5 * unit(rng);
    m.oedema = unit(rng) < 0.01;
  }
  return children;
}

void BM_AssessAllIndicators(benchmark::State& state) {
  const std::vector<Measurement> children = RandomChildren(1 << 16);
  size_t i = 0;
  for (auto _ : state) {
    Assessment a = Assess(children[i++ & (children.size() - 1)]);
    benchmark::DoNotOptimize(a);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AssessAllIndicators);

}  // namespace

BENCHMARK_MAIN();
