// The CLI's CSV conversion on one thread, without the file: parse, assess and
// format 100,000 random children (the rows bench/zscore_cli_bench.sh makes),
// to see where the CLI's time goes apart from the kernel's share.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <random>
#include <string>

#include "zscore_csv.h"

namespace {

std::string RandomChildrenCsv(int rows) {
  std::mt19937_64 rng(20261124);
  std::uniform_real_distribution<double> unit(0, 1);
  std::string csv =
      "id,sex,age_days,weight_kg,lenhei_cm,measure,headc_cm,muac_cm,triskin_mm,"
      "subskin_mm,oedema\n";
  char line[256];
  for (int i = 1; i <= rows; ++i) {
    const double age = unit(rng) * 1900, months = age / 30.4375;
    char weight[16] = "", length[16] = "";
    if (unit(rng) >= 0.02) {
      std::snprintf(weight, sizeof weight, "%.2f", (3.3 + months * 0.22) * (0.7 + 0.6 * unit(rng)));
    }
    if (unit(rng) >= 0.02) {
      std::snprintf(length, sizeof length, "%.1f", (50 + months * 1.05) * (0.85 + 0.3 * unit(rng)));
    }
    std::snprintf(line, sizeof line, "C%d,%d,%.2f,%s,%s,%s,%.1f,%.1f,%.1f,%.1f,%s\n", i,
                  1 + static_cast<int>(unit(rng) * 2), age, weight, length, months < 24 ? "l" : "h",
                  35 + months * 0.25, 12 + 4 * unit(rng), 6 + 6 * unit(rng), 5 + 5 * unit(rng),
                  unit(rng) < 0.01 ? "y" : "n");
    csv += line;
  }
  return csv;
}

void BM_ConvertZscoreCsvOneThread(benchmark::State& state) {
  const int rows = 100'000;
  const std::string input = RandomChildrenCsv(rows);
  cli::ZscoreCsvOptions options;
  options.threads = 1;
  options.check_before_writing = false;
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string error =
        cli::ConvertZscoreCsv(input, options, [&](std::string_view s) { bytes += s.size(); });
    if (!error.empty()) state.SkipWithError(error.c_str());
  }
  state.SetItemsProcessed(state.iterations() * rows);
  state.counters["out_bytes_per_row"] =
      static_cast<double>(bytes) / static_cast<double>(state.iterations() * rows);
}
BENCHMARK(BM_ConvertZscoreCsvOneThread)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
