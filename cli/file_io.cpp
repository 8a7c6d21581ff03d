#include "file_io.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace cli {

namespace {

// Standard input's blocks: 8 MiB of anonymous memory each, asked to be backed
// by 2 MiB pages. On this VM every first touch of a 4 KiB page costs up to
// 11 us, so 50 MB read into a growing std::string took 350-450 ms (its copies
// on growth touching as much again); in these blocks it takes 12 ms from a
// file, 20-30 ms from a pipe.
constexpr size_t kBlockBytes = size_t{8} << 20;

}  // namespace

void InputText::Unmap::operator()(char* block) const {
  munmap(block, kBlockBytes);
}

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
  const bool read = ReadAll(fd);
  const int read_errno = errno;
  if (fd != STDIN_FILENO) close(fd);
  errno = read_errno;
  return read;
}

bool InputText::ReadAll(int fd) {
#if defined(F_SETPIPE_SZ)
  fcntl(fd, F_SETPIPE_SZ, 1 << 20);  // a pipe: 1 MiB a read, not 64 KiB (others refuse)
#endif
  size_t used = kBlockBytes;  // of the last block
  for (;;) {
    if (used == kBlockBytes) {
      void* memory =
          mmap(nullptr, kBlockBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (memory == MAP_FAILED) return false;
#if defined(MADV_HUGEPAGE)
      madvise(memory, kBlockBytes, MADV_HUGEPAGE);  // a hint: without, 4 KiB pages
#endif
      blocks_.emplace_back(static_cast<char*>(memory));
      used = 0;
    }
    const ssize_t n = read(fd, blocks_.back().get() + used, kBlockBytes - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) return true;
    used += static_cast<size_t>(n);
    size_ += static_cast<size_t>(n);
  }
}

bool InputText::Read(size_t offset, size_t n, char* out, std::string& error) const {
  if (fd_ < 0) {
    while (n > 0) {  // from the blocks, across their edges
      const size_t in_block = offset % kBlockBytes;
      const size_t take = std::min(n, kBlockBytes - in_block);
      std::memcpy(out, blocks_[offset / kBlockBytes].get() + in_block, take);
      out += take;
      offset += take;
      n -= take;
    }
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
