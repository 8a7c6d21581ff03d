// `tumbuh-cli zscore INPUT.csv -o OUTPUT.csv`: WHO Anthro's batch z-scores.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "commands.h"
#include "file_io.h"
#include "zscore_csv.h"

namespace cli {

namespace {
constexpr const char* kUsage =
    "usage: tumbuh-cli zscore INPUT.csv -o OUTPUT.csv [--lang id|en] [--threads N]\n"
    "  INPUT or OUTPUT '-' = standard input/output.\n"
    "  Columns (any order, any may be missing): sex (1/2, m/f), age_days or age_months\n"
    "  or dob + date (YYYY-MM-DD), weight_kg, lenhei_cm, measure (l/h), headc_cm,\n"
    "  muac_cm, triskin_mm, subskin_mm, oedema (y/n). Other columns pass through.\n"
    "  Adds clenhei, cbmi, c9mo_flag, z-scores and flags as WHO Anthro names them,\n"
    "  and the Permenkes 2/2020 labels status_tbu, status_bbu, status_bbtb, status_imtu.\n"
    "  Bad input: exit 2, a message naming the line and column, no output file.\n";
}  // namespace

int RunZscore(int argc, char** argv) {
  std::string input, output;
  ZscoreCsvOptions options;
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "-o" || arg == "--output") && i + 1 < argc) {
      output = argv[++i];
    } else if (arg == "--lang" && i + 1 < argc) {
      const std::string lang = argv[++i];
      if (lang != "id" && lang != "en") return UsageError(kUsage, "--lang takes id or en");
      options.language =
          lang == "en" ? core::growth::Language::kEnglish : core::growth::Language::kIndonesian;
    } else if (arg == "--threads" && i + 1 < argc) {
      options.threads = std::atoi(argv[++i]);
      if (options.threads < 1) return UsageError(kUsage, "--threads takes a number from 1");
    } else if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (input.empty() && (arg == "-" || arg[0] != '-')) {
      input = arg;
    } else {
      return UsageError(kUsage, "unexpected argument '" + arg + "'");
    }
  }
  if (input.empty() || output.empty()) return UsageError(kUsage, "INPUT and -o OUTPUT are needed");

  InputText text;
  if (!text.Open(input)) {
    std::fprintf(stderr, "tumbuh-cli zscore: cannot read %s: %s\n", input.c_str(),
                 std::strerror(errno));
    return 1;
  }
  // A file appears only when complete, so it may be written while the input
  // is still being checked; a pipe must not get half an answer.
  options.check_before_writing = output == "-";
  AtomicOutput out(output);
  bool write_failed = false;
  const std::string error = ConvertZscoreCsv(text, options, [&](std::string_view bytes) {
    if (!write_failed && !out.Write(bytes)) write_failed = true;
  });
  if (!error.empty()) {
    std::fprintf(stderr, "tumbuh-cli zscore: %s: %s\n", input.c_str(), error.c_str());
    return text.read_failed() ? 1 : 2;
  }
  if (write_failed || !out.Commit()) {
    std::fprintf(stderr, "tumbuh-cli zscore: %s\n", out.error().c_str());
    return 1;
  }
  return 0;
}

}  // namespace cli
