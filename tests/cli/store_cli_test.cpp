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
#include <sstream>

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

TEST_F(StoreCli, ExportHasTheEppgbmColumnsAndTheMonthsRows) {
  const std::string db = (dir_ / "demo.db").string();
  ASSERT_EQ(Cli("seed --db " + db + " --children 100 --months 3 --seed 5"), 0);
  const std::string month = LastMonth();
  const fs::path csv = dir_ / "export.csv";
  ASSERT_EQ(Cli("export --db " + db + " --month " + month + " -o " + csv.string()), 0);
  const std::string text = Slurp(csv);
  EXPECT_TRUE(text.starts_with(
      "NIK,Nama,JK,Tgl Lahir,BB Lahir,TB Lahir,Nama Ortu,Prov,Kab/Kota,Kec,Pukesmas,Desa/Kel,"
      "Posyandu,RT,RW,Alamat,Usia Saat Ukur,Tanggal Pengukuran,Bulan Pengukuran,Berat,Tinggi,"
      "Cara Ukur,LiLA,BB/U,ZS BB/U,TB/U,ZS TB/U,BB/TB,ZS BB/TB,Naik Berat Badan,"
      "PMT Diterima (kg),Jml Vit A,KPSP,KIA\n"));
  std::istringstream lines(text);
  std::string line;
  int rows = 0;
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    ++rows;
    EXPECT_NE(line.find(",Jawa Tengah,Kabupaten Semarang,"), std::string::npos) << line;
    EXPECT_NE(line.find(std::string(",") + month + "-"), std::string::npos) << line;
  }
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
