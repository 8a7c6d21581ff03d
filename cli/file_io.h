// Whole-file input and all-or-nothing file output for the command-line tool.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace cli {

// A whole input file's bytes: a regular file is mapped into memory (no copy,
// no page of our own to fill); standard input or a pipe is read into memory.
class InputText {
 public:
  InputText() = default;
  ~InputText();
  InputText(const InputText&) = delete;
  InputText& operator=(const InputText&) = delete;

  // Opens `path` ("-" = standard input). False (and errno) on failure.
  bool Open(const std::string& path);
  std::string_view text() const { return text_; }

 private:
  std::string read_;  // what was read when the input could not be mapped
  void* mapped_ = nullptr;
  size_t mapped_size_ = 0;
  std::string_view text_;
};

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
