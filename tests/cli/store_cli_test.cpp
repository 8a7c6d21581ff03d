// tumbuh-cli seed, stats and export on real database files.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string_view>
#include <vector>

#include "csv/csv_reader.h"

namespace {

namespace fs = std::filesystem;

class StoreCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tumbuh-store-cli-" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  int Cli(const std::string& args, std::string* out = nullptr) {
    const fs::path out_file = dir_ / "stdout";
    const std::string cmd = std::string(TUMBUH_CLI_PATH) + " " + args + " >" + out_file.string() +
                            " 2>" + (dir_ / "stderr").string();
    const int status = std::system(cmd.c_str());
    if (out) *out = Slurp(out_file);
    return WEXITSTATUS(status);
  }

  static std::string Slurp(const fs::path& p) {
    std::ifstream f(p);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
  }

  // Last month as YYYY-MM: the seeded posyandu days (the 8th to the 21st)
  // are all past then; this month's may not have come yet.
  static std::string LastMonth() {
    using namespace std::chrono;
    const year_month_day today{floor<days>(system_clock::now())};
    const year_month last = today.year() / today.month() - months{1};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(last.year()),
                  static_cast<unsigned>(last.month()));
    return text;
  }

  static long long JsonNumber(const std::string& json, const std::string& key) {
    const size_t at = json.find("\"" + key + "\": ");
    EXPECT_NE(at, std::string::npos) << key << " in " << json;
    return std::atoll(json.c_str() + at + key.size() + 4);
  }

  fs::path dir_;
};

TEST_F(StoreCli, SeedThenStatsCountsEverything) {
  const std::string db = (dir_ / "demo.db").string();
  std::string out;
  ASSERT_EQ(Cli("seed --db " + db + " --children 120 --months 6 --seed 3", &out), 0)
      << Slurp(dir_ / "stderr");
  EXPECT_NE(out.find("120 children"), std::string::npos) << out;
  ASSERT_EQ(Cli("stats --db " + db + " --json", &out), 0);
  EXPECT_EQ(JsonNumber(out, "children"), 120);
  EXPECT_GT(JsonNumber(out, "measurements"), 300);
  EXPECT_GT(JsonNumber(out, "households"), 60);
  EXPECT_GT(JsonNumber(out, "areas"), 3);
  // Every write went through the service API: one outbox entry each.
  EXPECT_GT(JsonNumber(out, "pending_outbox"),
            JsonNumber(out, "measurements") + JsonNumber(out, "children"));
  EXPECT_NE(out.find("\"integrity_check\": \"ok\""), std::string::npos);
  // A second seed into the same file is refused, and nothing changes.
  EXPECT_EQ(Cli("seed --db " + db + " --children 5 --months 1"), 2);
  std::string again;
  Cli("stats --db " + db + " --json", &again);
  EXPECT_EQ(JsonNumber(again, "children"), 120);
}

TEST_F(StoreCli, SameSeedSameDemo) {
  const std::string a = (dir_ / "a.db").string(), b = (dir_ / "b.db").string();
  ASSERT_EQ(Cli("seed --db " + a + " --children 80 --months 4 --seed 9"), 0);
  ASSERT_EQ(Cli("seed --db " + b + " --children 80 --months 4 --seed 9"), 0);
  const std::string month = LastMonth();
  std::string ea, eb;
  ASSERT_EQ(Cli("export --db " + a + " --month " + month + " -o -", &ea), 0);
  ASSERT_EQ(Cli("export --db " + b + " --month " + month + " -o -", &eb), 0);
  EXPECT_GT(std::count(ea.begin(), ea.end(), '\n'), 1) << "the month has measurements";
  EXPECT_EQ(ea, eb);
}

// Finding 9: the export read back column by column: e-PPGBM's capitalisation,
// a flagged value with its numbers and an empty status, one row per child per
// month, the mother's NIK and the No. KK.
TEST_F(StoreCli, ExportHasTheEppgbmColumnsAndTheMonthsRows) {
  const std::string db = (dir_ / "demo.db").string();
  ASSERT_EQ(Cli("seed --db " + db + " --children 100 --months 3 --seed 5"), 0);
  const std::string month = LastMonth();
  const fs::path csv = dir_ / "export.csv";
  ASSERT_EQ(Cli("export --db " + db + " --month " + month + " -o " + csv.string()), 0);
  const std::string text = Slurp(csv);
  const std::vector<std::string> header = {"NIK",
                                           "Nama",
                                           "JK",
                                           "Tgl Lahir",
                                           "BB Lahir",
                                           "TB Lahir",
                                           "Nama Ortu",
                                           "NIK Ortu",
                                           "No KK",
                                           "Prov",
                                           "Kab/Kota",
                                           "Kec",
                                           "Pukesmas",
                                           "Desa/Kel",
                                           "Posyandu",
                                           "RT",
                                           "RW",
                                           "Alamat",
                                           "Usia Saat Ukur",
                                           "Tanggal Pengukuran",
                                           "Bulan Pengukuran",
                                           "Berat",
                                           "Tinggi",
                                           "Cara Ukur",
                                           "LiLA",
                                           "BB/U",
                                           "ZS BB/U",
                                           "TB/U",
                                           "ZS TB/U",
                                           "BB/TB",
                                           "ZS BB/TB",
                                           "Naik Berat Badan",
                                           "PMT Diterima (kg)",
                                           "Jml Vit A",
                                           "KPSP",
                                           "KIA"};
  core::csv::CsvReader reader(text);
  std::vector<std::string_view> fields;
  ASSERT_TRUE(reader.Next(fields));
  ASSERT_EQ(std::vector<std::string>(fields.begin(), fields.end()), header);
  auto col = [&](const char* name) {
    return static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  const std::set<std::string> bbu = {"Berat Badan Sangat Kurang", "Berat Badan Kurang",
                                     "Berat Badan Normal", "Risiko Berat Badan Lebih"};
  const std::set<std::string> tbu = {"Sangat Pendek", "Pendek", "Normal", "Tinggi"};
  const std::set<std::string> bbtb = {"Gizi Buruk",          "Gizi Kurang", "Gizi Baik",
                                      "Berisiko Gizi Lebih", "Gizi Lebih",  "Obesitas"};
  std::set<std::string> children;
  int rows = 0;
  while (reader.Next(fields)) {
    ++rows;
    ASSERT_EQ(fields.size(), header.size()) << reader.raw_record();
    auto at = [&](const char* name) { return std::string(fields[col(name)]); };
    EXPECT_EQ(at("Prov"), "Jawa Tengah");
    EXPECT_EQ(at("Kab/Kota"), "Kabupaten Semarang");
    EXPECT_TRUE(at("Tanggal Pengukuran").starts_with(month + "-")) << reader.raw_record();
    EXPECT_TRUE(children.insert(at("Nama") + "/" + at("Tgl Lahir") + "/" + at("Nama Ortu")).second)
        << "one row per child per month: " << reader.raw_record();
    EXPECT_TRUE(at("Pukesmas").starts_with("Puskesmas ")) << reader.raw_record();
    EXPECT_EQ(at("NIK Ortu").size(), 16u);
    EXPECT_EQ(at("No KK").size(), 16u);
    EXPECT_TRUE(at("Naik Berat Badan").empty() ||
                std::string("NTOB").find(at("Naik Berat Badan")) != std::string::npos);
    EXPECT_TRUE(at("KIA") == "Ya" || at("KIA") == "Tidak");
    // A status is an e-PPGBM label, or empty exactly when the value is flagged.
    struct Check {
      const char* status;
      const char* z;
      const std::set<std::string>* labels;
      double low, high;
    };
    for (const Check& c :
         {Check{"BB/U", "ZS BB/U", &bbu, -6, 5}, Check{"TB/U", "ZS TB/U", &tbu, -6, 6},
          Check{"BB/TB", "ZS BB/TB", &bbtb, -5, 5}}) {
      const std::string status = at(c.status), z = at(c.z);
      EXPECT_NE(status, "periksa ulang pengukuran");
      if (z.empty()) {
        EXPECT_TRUE(status.empty()) << reader.raw_record();
        continue;
      }
      const double value = std::stod(z);
      const bool flagged = value < c.low || value > c.high;
      if (flagged) {
        EXPECT_TRUE(status.empty()) << reader.raw_record();
      } else {
        EXPECT_TRUE(c.labels->contains(status)) << status << " in " << reader.raw_record();
      }
    }
  }
  EXPECT_TRUE(reader.error().empty()) << reader.error();
  EXPECT_GT(rows, 0);
  // A month with nothing measured gives just the header.
  std::string empty;
  ASSERT_EQ(Cli("export --db " + db + " --month 2001-01 -o -", &empty), 0);
  EXPECT_EQ(std::count(empty.begin(), empty.end(), '\n'), 1);
}

TEST_F(StoreCli, BadArgumentsAreRefused) {
  EXPECT_EQ(Cli("seed --db x.db --children many --months 3"), 2);
  EXPECT_EQ(Cli("export --db x.db --month 2026-13 -o -"), 2);
  EXPECT_EQ(Cli("stats --db " + (dir_ / "missing.db").string() + " --json"), 1);
  EXPECT_FALSE(fs::exists(dir_ / "missing.db"));  // nothing created by a read
}

}  // namespace
