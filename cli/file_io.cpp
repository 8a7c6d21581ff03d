#include "file_io.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace cli {

std::optional<std::string> ReadWholeFile(const std::string& path) {
  std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (f == nullptr) return std::nullopt;
  std::string data;
  char buf[1 << 16];
  if (f != stdin && std::fseek(f, 0, SEEK_END) == 0) {
    const long size = std::ftell(f);
    if (size > 0) data.reserve(static_cast<size_t>(size));
    std::rewind(f);
  }
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) data.append(buf, n);
  const bool failed = std::ferror(f) != 0;
  if (f != stdin) std::fclose(f);
  if (failed) return std::nullopt;
  return data;
}

AtomicOutput::~AtomicOutput() {
  if (file_ != nullptr && file_ != stdout) {
    std::fclose(file_);
    std::remove(temp_path_.c_str());
  }
}

bool AtomicOutput::Open() {
  if (path_ == "-") {
    file_ = stdout;
    return true;
  }
  temp_path_ = path_ + ".partial-XXXXXX";
  const int fd = mkstemp(temp_path_.data());
  if (fd < 0 || (file_ = fdopen(fd, "wb")) == nullptr) {
    error_ = "cannot write next to " + path_ + ": " + std::strerror(errno);
    if (fd >= 0) close(fd);
    return false;
  }
  return true;
}

bool AtomicOutput::Write(std::string_view bytes) {
  if (file_ == nullptr && !Open()) return false;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    error_ = "cannot write " + path_ + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

bool AtomicOutput::Commit() {
  if (file_ == nullptr && !Open()) return false;
  if (file_ == stdout) return std::fflush(stdout) == 0;
  // No fsync: a batch output can be made again; rename still makes it all-or-nothing.
  const bool ok = std::fflush(file_) == 0;
  std::fclose(file_);
  file_ = nullptr;
  if (!ok || std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    error_ = "cannot write " + path_ + ": " + std::strerror(errno);
    std::remove(temp_path_.c_str());
    return false;
  }
  return true;
}

}  // namespace cli
