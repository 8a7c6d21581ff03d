#include "file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace cli {

InputText::~InputText() {
  if (fd_ >= 0) close(fd_);
}

bool InputText::Open(const std::string& path) {
  const int fd = path == "-" ? STDIN_FILENO : open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat info {};
  if (fd != STDIN_FILENO && fstat(fd, &info) == 0 && S_ISREG(info.st_mode)) {
    fd_ = fd;
    size_ = static_cast<size_t>(info.st_size);
    return true;
  }
  char buf[1 << 16];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR)) {
    if (n > 0) read_.append(buf, static_cast<size_t>(n));
  }
  const int read_errno = errno;
  if (fd != STDIN_FILENO) close(fd);
  if (n < 0) {
    errno = read_errno;
    return false;
  }
  size_ = read_.size();
  return true;
}

bool InputText::Read(size_t offset, size_t n, char* out, std::string& error) const {
  if (fd_ < 0) {
    std::memcpy(out, read_.data() + offset, n);
    return true;
  }
  while (n > 0) {
    const ssize_t got = pread(fd_, out, n, static_cast<off_t>(offset));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      error = got < 0 ? std::strerror(errno) : "the file got shorter while it was being read";
      read_failed_ = true;
      return false;
    }
    out += got;
    offset += static_cast<size_t>(got);
    n -= static_cast<size_t>(got);
  }
  return true;
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
