// tumbuh-cli seed | stats | export: demo data, counts, the e-PPGBM month export.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "commands.h"
#include "csv/csv_writer.h"
#include "demo/demo_data.h"
#include "file_io.h"
#include "model/age.h"
#include "model/weight_gain.h"
#include "store/store.h"
#include "util/civil_date.h"

namespace cli {
namespace {

// Reads "--name VALUE" options into a map-like lookup; unknown ones are errors.
struct Args {
  std::vector<std::pair<std::string, std::string>> values;
  std::vector<std::string> flags;
  std::string error;

  std::string Get(const std::string& name, const std::string& fallback = "") const {
    for (const auto& [k, v] : values) {
      if (k == name) return v;
    }
    return fallback;
  }
  bool Has(const std::string& flag) const {
    return std::find(flags.begin(), flags.end(), flag) != flags.end();
  }
};

Args Parse(int argc, char** argv, std::initializer_list<const char*> with_value,
           std::initializer_list<const char*> bare) {
  Args args;
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    bool known = false;
    for (const char* name : with_value) {
      if (a == name) {
        if (i + 1 >= argc) {
          args.error = a + " needs a value";
          return args;
        }
        args.values.emplace_back(a, argv[++i]);
        known = true;
      }
    }
    for (const char* name : bare) {
      if (a == name) {
        args.flags.push_back(a);
        known = true;
      }
    }
    if (!known) {
      args.error = "unexpected argument '" + a + "'";
      return args;
    }
  }
  return args;
}

bool ParseCount(const std::string& text, long min, long max, long* out) {
  char* end = nullptr;
  const long v = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v < min || v > max) return false;
  *out = v;
  return true;
}

std::unique_ptr<core::store::Store> OpenStore(const std::string& path, uint64_t id_seed = 0) {
  core::store::StoreOptions options;
  options.id_seed = id_seed;
  auto store = core::store::Store::Open(path, options);
  if (!store) {
    std::fprintf(stderr, "tumbuh-cli: %s\n", store.error().message.c_str());
    return nullptr;
  }
  return std::move(*store);
}

constexpr const char* kSeedUsage =
    "usage: tumbuh-cli seed --db PATH --children N --months M [--seed S]\n"
    "  Writes a demo kabupaten through the service API: villages, posyandu, families,\n"
    "  children with monthly measurements (some missed, a few typing errors), visits.\n";

constexpr const char* kStatsUsage = "usage: tumbuh-cli stats --db PATH --json\n";

constexpr const char* kExportUsage =
    "usage: tumbuh-cli export --db PATH --month YYYY-MM -o FILE.csv\n"
    "  One row per child measured in the month (the month's last weighing that stands),\n"
    "  in the e-PPGBM column layout with the mother's NIK and the No. KK ('-o -' = stdout).\n";

}  // namespace

int RunSeed(int argc, char** argv) {
  Args args = Parse(argc, argv, {"--db", "--children", "--months", "--seed"}, {"--help", "-h"});
  if (args.Has("--help") || args.Has("-h")) {
    std::fputs(kSeedUsage, stdout);
    return 0;
  }
  if (!args.error.empty()) return UsageError(kSeedUsage, args.error);
  long children = 0, months = 0, seed = 1;
  if (args.Get("--db").empty()) return UsageError(kSeedUsage, "--db is needed");
  if (!ParseCount(args.Get("--children"), 1, 10'000'000, &children)) {
    return UsageError(kSeedUsage, "--children takes a number from 1");
  }
  if (!ParseCount(args.Get("--months"), 1, 60, &months)) {
    return UsageError(kSeedUsage, "--months takes a number from 1 to 60");
  }
  if (!args.Get("--seed").empty() && !ParseCount(args.Get("--seed"), 1, 1L << 40, &seed)) {
    return UsageError(kSeedUsage, "--seed takes a positive number");
  }
  auto store = OpenStore(args.Get("--db"), static_cast<uint64_t>(seed));
  if (!store) return 1;
  auto stats = store->Stats();
  if (stats && stats->children > 0) {
    std::fprintf(stderr, "tumbuh-cli seed: %s already holds %lld children; seed an empty file\n",
                 args.Get("--db").c_str(), static_cast<long long>(stats->children));
    return 2;
  }
  core::demo::DemoOptions options;
  options.children = static_cast<int>(children);
  options.months = static_cast<int>(months);
  options.seed = static_cast<uint64_t>(seed);
  options.progress = [](int done, int total) {
    std::fprintf(stderr, "\r%d / %d children", done, total);
  };
  const auto start = std::chrono::steady_clock::now();
  auto summary = core::demo::SeedDemo(*store, options);
  std::fputc('\n', stderr);
  if (!summary) {
    std::fprintf(stderr, "tumbuh-cli seed: %s\n", summary.error().message.c_str());
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "seeded %s in %.1f s: %d kecamatan, %d villages, %d posyandu, %d households, %d children, "
      "%d measurements, %d visits, %d users\n",
      args.Get("--db").c_str(), seconds, summary->kecamatan, summary->villages, summary->posyandu,
      summary->households, summary->children, summary->measurements, summary->visits,
      summary->users);
  return 0;
}

int RunStats(int argc, char** argv) {
  Args args = Parse(argc, argv, {"--db"}, {"--json", "--help", "-h"});
  if (args.Has("--help") || args.Has("-h")) {
    std::fputs(kStatsUsage, stdout);
    return 0;
  }
  if (!args.error.empty()) return UsageError(kStatsUsage, args.error);
  if (args.Get("--db").empty()) return UsageError(kStatsUsage, "--db is needed");
  if (!std::filesystem::exists(args.Get("--db"))) {
    std::fprintf(stderr, "tumbuh-cli stats: no database at %s\n", args.Get("--db").c_str());
    return 1;
  }
  auto store = OpenStore(args.Get("--db"));
  if (!store) return 1;
  auto s = store->Stats();
  if (!s) {
    std::fprintf(stderr, "tumbuh-cli stats: %s\n", s.error().message.c_str());
    return 1;
  }
  std::string integrity;
  for (char c : s->integrity) {
    if (c == '"' || c == '\\') integrity.push_back('\\');
    integrity.push_back(c);
  }
  const char* format =
      args.Has("--json") ? "{\"areas\": %lld, \"households\": %lld, \"children\": %lld, "
                           "\"measurements\": %lld, \"visits\": %lld, \"pending_outbox\": %lld, "
                           "\"flagged\": %lld, \"integrity_check\": \"%s\", \"file_bytes\": %lld}\n"
                         : "areas %lld\nhouseholds %lld\nchildren %lld\nmeasurements %lld\n"
                           "visits %lld\npending outbox %lld\nflagged %lld\nintegrity_check %s\n"
                           "file bytes %lld\n";
  std::printf(format, static_cast<long long>(s->areas), static_cast<long long>(s->households),
              static_cast<long long>(s->children), static_cast<long long>(s->measurements),
              static_cast<long long>(s->visits), static_cast<long long>(s->pending_outbox),
              static_cast<long long>(s->flagged), integrity.c_str(),
              static_cast<long long>(s->file_bytes));
  return s->integrity == "ok" ? 0 : 1;
}

namespace {

std::string Fixed(double value, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

// "1 Tahun - 8 Bulan - 10 Hari", as e-PPGBM writes the age at measurement.
std::string AgeText(int birth, int on) {
  const core::model::AgeParts age = core::model::AgeOn(birth, on);
  return std::to_string(age.years) + " Tahun - " + std::to_string(age.months) + " Bulan - " +
         std::to_string(age.days) + " Hari";
}

constexpr const char* kMonthNames[] = {"Januari",   "Februari", "Maret",    "April",
                                       "Mei",       "Juni",     "Juli",     "Agustus",
                                       "September", "Oktober",  "November", "Desember"};

// A label as e-PPGBM writes it: every word capitalised ("Berat Badan Normal").
// A flagged value has no label: its status cell stays empty, its z is kept.
std::string EppgbmLabel(core::growth::Status status) {
  if (status == core::growth::Status::kNone || status == core::growth::Status::kCheckMeasurement) {
    return "";
  }
  std::string text(core::growth::StatusText(status, core::growth::Language::kIndonesian));
  for (size_t i = 0; i < text.size(); ++i) {
    if ((i == 0 || text[i - 1] == ' ') && text[i] >= 'a' && text[i] <= 'z') text[i] -= 'a' - 'A';
  }
  return text;
}

const char* GainLetter(core::model::WeightGain g) {
  switch (g) {
    case core::model::WeightGain::kNaik:
      return "N";
    case core::model::WeightGain::kTidakNaik:
      return "T";
    case core::model::WeightGain::kOld:
      return "O";
    case core::model::WeightGain::kBaru:
      return "B";
    default:
      return "";
  }
}

}  // namespace

int RunExport(int argc, char** argv) {
  Args args = Parse(argc, argv, {"--db", "--month", "-o"}, {"--help", "-h"});
  if (args.Has("--help") || args.Has("-h")) {
    std::fputs(kExportUsage, stdout);
    return 0;
  }
  if (!args.error.empty()) return UsageError(kExportUsage, args.error);
  const std::string month = args.Get("--month");
  long year = 0, mon = 0;
  if (month.size() != 7 || month[4] != '-' || !ParseCount(month.substr(0, 4), 1900, 2999, &year) ||
      !ParseCount(month.substr(5, 2), 1, 12, &mon)) {
    return UsageError(kExportUsage, "--month takes YYYY-MM, e.g. 2026-11");
  }
  if (args.Get("--db").empty() || args.Get("-o").empty()) {
    return UsageError(kExportUsage, "--db and -o are needed");
  }
  if (!std::filesystem::exists(args.Get("--db"))) {
    std::fprintf(stderr, "tumbuh-cli export: no database at %s\n", args.Get("--db").c_str());
    return 1;
  }
  auto store = OpenStore(args.Get("--db"));
  if (!store) return 1;
  auto rows = store->MonthExport(static_cast<int>(year), static_cast<int>(mon));
  if (!rows) {
    std::fprintf(stderr, "tumbuh-cli export: %s\n", rows.error().message.c_str());
    return 1;
  }
  using core::growth::Indicator;
  std::string out =
      "NIK,Nama,JK,Tgl Lahir,BB Lahir,TB Lahir,Nama Ortu,NIK Ortu,No KK,Prov,Kab/Kota,Kec,"
      "Pukesmas,Desa/Kel,"
      "Posyandu,RT,RW,Alamat,Usia Saat Ukur,Tanggal Pengukuran,Bulan Pengukuran,Berat,Tinggi,"
      "Cara Ukur,LiLA,BB/U,ZS BB/U,TB/U,ZS TB/U,BB/TB,ZS BB/TB,Naik Berat Badan,"
      "PMT Diterima (kg),Jml Vit A,KPSP,KIA\n";
  for (const core::store::ExportRow& r : *rows) {
    const auto& c = r.child;
    const auto& m = r.measurement;
    const auto& a = m.assessment;
    auto z = [&](Indicator i) {
      const auto s = a.score(i);
      return s.exists() ? Fixed(s.z, 2) : std::string();
    };
    const std::string cells[] = {
        c.nik,
        c.name,
        c.sex == core::growth::Sex::kFemale ? "P" : "L",
        core::FormatIsoDate(c.birth_date),
        c.birth_weight_g ? Fixed(*c.birth_weight_g / 1000.0, 2) : "",
        c.birth_length_mm ? Fixed(*c.birth_length_mm / 10.0, 1) : "",
        r.mother_name,
        r.mother_nik,
        r.household.kk,
        r.province,
        r.kabupaten,
        r.kecamatan,
        r.puskesmas,
        r.village,
        r.posyandu_name,
        r.household.rt,
        r.household.rw,
        r.household.address,
        AgeText(c.birth_date, m.measured_on),
        core::FormatIsoDate(m.measured_on),
        kMonthNames[mon - 1],
        m.weight_g ? Fixed(*m.weight_g / 1000.0, 2) : "",
        m.length_mm ? Fixed(*m.length_mm / 10.0, 1) : "",
        !m.length_mm                                    ? ""
        : m.posture == core::growth::Posture::kStanding ? "Berdiri"
                                                        : "Terlentang",
        m.muac_mm ? Fixed(*m.muac_mm / 10.0, 1) : "",
        EppgbmLabel(a.weight_for_age),
        z(Indicator::kWeightForAge),
        EppgbmLabel(a.height_for_age),
        z(Indicator::kLengthForAge),
        EppgbmLabel(a.weight_for_height),
        z(Indicator::kWeightForLength),
        GainLetter(m.gain),
        m.supplementary_food_g ? Fixed(*m.supplementary_food_g / 1000.0, 2) : "",
        m.vitamin_a ? "1" : "0",
        "",
        c.has_kia_book ? "Ya" : "Tidak",
    };
    bool first = true;
    for (const std::string& cell : cells) {
      if (!first) out.push_back(',');
      first = false;
      core::csv::AppendField(out, cell);
    }
    out.push_back('\n');
  }
  AtomicOutput output(args.Get("-o"));
  if (!output.Write(out) || !output.Commit()) {
    std::fprintf(stderr, "tumbuh-cli export: %s\n", output.error().c_str());
    return 1;
  }
  std::fprintf(stderr, "exported %zu children's measurements of %s\n", rows->size(), month.c_str());
  return 0;
}

}  // namespace cli
