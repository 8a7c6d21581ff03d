#include "ordered_writer.h"

namespace cli {

std::string OrderedWriter::Begin(size_t number) {
  std::unique_lock lock(mutex_);
  advanced_.wait(lock, [&] { return number < next_ + window_; });
  if (spare_.empty()) return {};
  std::string buffer = std::move(spare_.back());
  spare_.pop_back();
  buffer.clear();
  return buffer;
}

void OrderedWriter::Finish(size_t number, std::string piece) {
  std::unique_lock lock(mutex_);
  ready_.emplace(number, std::move(piece));
  if (writing_) return;  // the thread writing now will take it
  writing_ = true;
  while (!ready_.empty() && ready_.begin()->first == next_) {
    std::string out = std::move(ready_.begin()->second);
    ready_.erase(ready_.begin());
    lock.unlock();
    write_(out);
    lock.lock();
    spare_.push_back(std::move(out));
    ++next_;
    advanced_.notify_all();
  }
  writing_ = false;
}

}  // namespace cli
