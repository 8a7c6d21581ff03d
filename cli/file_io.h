// Whole-file input and all-or-nothing file output for the command-line tool.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace cli {

// Reads a whole file ("-" = standard input). nullopt (and errno) on failure.
std::optional<std::string> ReadWholeFile(const std::string& path);

// Output that appears whole or not at all: written to a temporary file beside
// the target, renamed over it by Commit(); removed if never committed.
// The path "-" writes straight to standard output.
class AtomicOutput {
 public:
  explicit AtomicOutput(std::string path) : path_(std::move(path)) {}
  ~AtomicOutput();
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  // Returns false on a write error (then error() says why).
  bool Write(std::string_view bytes);
  bool Commit();
  const std::string& error() const { return error_; }

 private:
  bool Open();

  std::string path_;
  std::string temp_path_;
  std::FILE* file_ = nullptr;
  std::string error_;
};

}  // namespace cli
