// Numbered pieces of output, made on several threads in any order, go out in
// number order. A window bounds how far ahead of the writing the makers may
// run, so memory stays a few buffers however long the input.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace cli {

class OrderedWriter {
 public:
  OrderedWriter(std::function<void(std::string_view)> write, size_t window)
      : write_(std::move(write)), window_(window) {}

  // Waits until piece `number` is within the window of the next one to go
  // out; returns an empty buffer (recycled, so its memory is warm) for it.
  std::string Begin(size_t number);

  // Hands over piece `number`. Whichever thread finds the next piece ready
  // writes it and every ready one after it, outside the lock. Every number
  // from 0 up must be finished, even with an empty piece.
  void Finish(size_t number, std::string piece);

 private:
  std::function<void(std::string_view)> write_;
  size_t window_;
  std::mutex mutex_;
  std::condition_variable advanced_;
  size_t next_ = 0;  // the next piece to go out
  bool writing_ = false;
  std::map<size_t, std::string> ready_;
  std::vector<std::string> spare_;
};

}  // namespace cli
