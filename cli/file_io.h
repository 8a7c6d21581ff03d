// Input read by offset and all-or-nothing file output for the command-line tool.
#pragma once

#include <atomic>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text_source.h"

namespace cli {

// An input file, read by offset where it lies (a regular file: each thread
// copies its part with pread), or standard input or a pipe, read into memory
// first, in blocks that never move as the input grows.
class InputText final : public TextSource {
 public:
  InputText() = default;
  ~InputText() override;
  InputText(const InputText&) = delete;
  InputText& operator=(const InputText&) = delete;

  // Opens `path` ("-" = standard input). False (and errno) on failure.
  bool Open(const std::string& path);

  size_t size() const override { return size_; }
  bool Read(size_t offset, size_t n, char* out, std::string& error) const override;
  // Whether a Read failed (an I/O error, not bad input).
  bool read_failed() const { return read_failed_; }

 private:
  struct Unmap {
    void operator()(char* block) const;
  };
  using Block = std::unique_ptr<char, Unmap>;

  bool ReadAll(int fd);

  int fd_ = -1;                // a regular file, read in place
  std::vector<Block> blocks_;  // else what was read, kBlockBytes each
  size_t size_ = 0;
  mutable std::atomic<bool> read_failed_ = false;
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
