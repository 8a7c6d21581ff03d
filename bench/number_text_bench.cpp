// Printing z-scores so that they read back exactly: the CLI's printer against
// std::to_chars (shortest form), on normally distributed z-scores.
#include <benchmark/benchmark.h>

#include <charconv>
#include <random>
#include <vector>

#include "number_text.h"

namespace {

std::vector<double> ZScores() {
  std::mt19937_64 rng(1);
  std::normal_distribution<double> z(0, 1.5);
  std::vector<double> values(1 << 16);
  for (double& v : values) v = z(rng);
  return values;
}

void BM_WriteRoundTrip(benchmark::State& state) {
  const std::vector<double> values = ZScores();
  char buf[cli::kMaxNumberText];
  size_t i = 0;
  for (auto _ : state) {
    char* end = cli::WriteRoundTrip(buf, values[i++ & (values.size() - 1)]);
    benchmark::DoNotOptimize(end);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_WriteRoundTrip);

void BM_StdToChars(benchmark::State& state) {
  const std::vector<double> values = ZScores();
  char buf[cli::kMaxNumberText];
  size_t i = 0;
  for (auto _ : state) {
    char* end = std::to_chars(buf, buf + sizeof buf, values[i++ & (values.size() - 1)]).ptr;
    benchmark::DoNotOptimize(end);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StdToChars);

}  // namespace

BENCHMARK_MAIN();
