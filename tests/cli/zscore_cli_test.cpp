// The real tumbuh-cli binary: files, stdin/stdout, exit codes, and no output
// file left behind on bad input.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;

struct CliRun {
  int exit_code;
  std::string out;
  std::string err;
};

std::string Slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

class ZscoreCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tumbuh-cli-test-" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return dir_ / name;
  }

  // `piped_input`: a file fed to standard input through a pipe (cat |).
  CliRun Cli(const std::string& args, const fs::path& piped_input = {}) {
    const std::string pipe = piped_input.empty() ? "" : "cat " + piped_input.string() + " | ";
    const std::string cmd = pipe + std::string(TUMBUH_CLI_PATH) + " " + args + " >" +
                            (dir_ / "stdout").string() + " 2>" + (dir_ / "stderr").string();
    const int status = std::system(cmd.c_str());
    return {WEXITSTATUS(status), Slurp(dir_ / "stdout"), Slurp(dir_ / "stderr")};
  }

  fs::path dir_;
};

TEST_F(ZscoreCli, WritesTheOutputFile) {
  const auto in = Write("in.csv", "sex,age_days,weight_kg,lenhei_cm,measure\n1,1000,12,88,h\n");
  const CliRun r = Cli("zscore " + in.string() + " -o " + (dir_ / "out.csv").string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string out = Slurp(dir_ / "out.csv");
  EXPECT_TRUE(
      out.starts_with("sex,age_days,weight_kg,lenhei_cm,measure,clenhei,cbmi,c9mo_flag,"
                      "zlen,flen,zwei,fwei,zwfl,fwfl,zbmi,fbmi,zhc,fhc,zac,fac,zts,fts,"
                      "zss,fss,status_tbu,status_bbu,status_bbtb,status_imtu\n"));
  EXPECT_NE(out.find("1,1000,12,88,h,88,15.495867768595"), std::string::npos) << out;
  for (const auto& e : fs::directory_iterator(dir_)) {
    EXPECT_EQ(e.path().filename().string().find("partial"), std::string::npos);
  }
}

TEST_F(ZscoreCli, StdinToStdout) {
  const auto in = Write("in.csv", "sex,age_days,weight_kg\n2,200,7\n");
  const CliRun r = Cli("zscore - -o - <" + in.string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2,200,7,"), std::string::npos);
}

TEST_F(ZscoreCli, BigStdinAndPipeGiveWhatTheFileGives) {
  // Standard input is held in 8 MiB blocks: 12 MB of rows make chunks that
  // cross a block's edge, and a pipe is read as well as a redirected file.
  std::string text = "id,sex,age_days,weight_kg,lenhei_cm,measure\n";
  for (int i = 0; text.size() < 12'000'000; ++i) {
    text += "child" + std::to_string(i) + "," + std::to_string(1 + i % 2) + "," +
            std::to_string(i % 1800) + "," + std::to_string(3 + i % 17) + ".5," +
            std::to_string(50 + i % 60) + "," + (i % 1800 < 731 ? "l" : "h") + "\n";
  }
  const auto in = Write("big.csv", text);
  const CliRun from_file = Cli("zscore " + in.string() + " -o -");
  ASSERT_EQ(from_file.exit_code, 0) << from_file.err;
  EXPECT_GT(from_file.out.size(), text.size());
  const CliRun redirected = Cli("zscore - -o - <" + in.string());
  EXPECT_EQ(redirected.exit_code, 0) << redirected.err;
  EXPECT_TRUE(redirected.out == from_file.out);  // not EXPECT_EQ: 30 MB would be printed
  const CliRun piped = Cli("zscore - -o " + (dir_ / "piped.csv").string() + " --threads 3", in);
  EXPECT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_TRUE(Slurp(dir_ / "piped.csv") == from_file.out);
}

TEST_F(ZscoreCli, BadInputExitsTwoAndLeavesNoFile) {
  const auto in = Write("bad.csv", "sex,age_days,weight_kg\n1,100,6\n1,100,6..1\n");
  const CliRun r = Cli("zscore " + in.string() + " -o " + (dir_ / "out.csv").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("line 3, column weight_kg: '6..1' is not a number"), std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "out.csv"));
  size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_)) ++files;
  EXPECT_EQ(files, 3u);  // bad.csv, stdout, stderr
}

TEST_F(ZscoreCli, BadInputKeepsAnExistingOutputFile) {
  Write("out.csv", "precious\n");
  const auto in = Write("bad.csv", "sex\nz\n");
  EXPECT_EQ(Cli("zscore " + in.string() + " -o " + (dir_ / "out.csv").string()).exit_code, 2);
  EXPECT_EQ(Slurp(dir_ / "out.csv"), "precious\n");
}

TEST_F(ZscoreCli, UsageErrors) {
  EXPECT_EQ(Cli("").exit_code, 2);
  EXPECT_EQ(Cli("frobnicate").exit_code, 2);
  EXPECT_EQ(Cli("zscore onlyinput.csv").exit_code, 2);
  EXPECT_EQ(Cli("zscore " + (dir_ / "missing.csv").string() + " -o -").exit_code, 1);
  EXPECT_EQ(Cli("zscore --help").exit_code, 0);
}

TEST_F(ZscoreCli, NetworkCommandsRunTheirProgramBeside) {
  // enrol and sync live in tumbuh-cli-net, next to tumbuh-cli; its exit code
  // and messages come through. Without it, a plain error.
  const CliRun r = Cli("sync --db " + (dir_ / "none.db").string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("tumbuh-cli sync: no database at"), std::string::npos) << r.err;
  EXPECT_EQ(Cli("enrol --help").exit_code, 0);

  const fs::path alone = dir_ / "alone";
  fs::create_directories(alone);
  fs::copy_file(TUMBUH_CLI_PATH, alone / "tumbuh-cli");
  const std::string cmd =
      (alone / "tumbuh-cli").string() + " sync --db x.db 2>" + (dir_ / "stderr").string();
  EXPECT_EQ(WEXITSTATUS(std::system(cmd.c_str())), 1);
  EXPECT_NE(Slurp(dir_ / "stderr").find("cannot run " + (alone / "tumbuh-cli-net").string()),
            std::string::npos)
      << Slurp(dir_ / "stderr");
}

}  // namespace
