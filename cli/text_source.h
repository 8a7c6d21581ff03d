// Where the batch job reads its input: bytes by offset, so that each thread
// copies just the part it works on into a buffer of its own, which stays in its
// cache. (A mapped file costs more here: the first touch of each page is a
// fault of its own, about 1.2 us on this VM, against a 9 ms copy per 50 MB.)
#pragma once

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace cli {

class TextSource {
 public:
  virtual ~TextSource() = default;
  virtual size_t size() const = 0;
  // Copies the `n` bytes at `offset` (offset + n <= size()) to `out`. False on
  // a read error, with the reason in `error`.
  virtual bool Read(size_t offset, size_t n, char* out, std::string& error) const = 0;
};

// Text already in memory (a caller's string, the tests, the benchmark).
class StringSource final : public TextSource {
 public:
  explicit StringSource(std::string_view text) : text_(text) {}
  size_t size() const override { return text_.size(); }
  bool Read(size_t offset, size_t n, char* out, std::string&) const override {
    if (n > 0) std::memcpy(out, text_.data() + offset, n);  // an empty view's data may be null
    return true;
  }

 private:
  std::string_view text_;
};

}  // namespace cli
