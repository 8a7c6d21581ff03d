// Hybrid logical clock: a 64-bit timestamp (48-bit Unix milliseconds, 16-bit
// counter) that only moves forward, whatever the wall clock does. Every write
// takes one; merging a remote one keeps causality, so a tablet whose clock is a
// day (or years) off still orders its edits after what it has seen.
#pragma once

#include <cstdint>

namespace core::model {

using Hlc = uint64_t;

inline constexpr Hlc MakeHlc(int64_t unix_ms, uint32_t counter) {
  return (static_cast<uint64_t>(unix_ms) << 16) | (counter & 0xffff);
}
inline constexpr int64_t HlcMillis(Hlc h) {
  return static_cast<int64_t>(h >> 16);
}

class HybridClock {
 public:
  explicit HybridClock(Hlc last = 0) : last_(last) {}
  // A new timestamp for a local event, later than every one seen so far.
  Hlc Tick(int64_t wall_ms) {
    const int64_t last_ms = HlcMillis(last_);
    if (wall_ms > last_ms) {
      last_ = MakeHlc(wall_ms, 0);
    } else {
      last_ += 1;  // same (or earlier) wall time: bump the counter
    }
    return last_;
  }
  // Takes in a timestamp received from elsewhere.
  void Observe(Hlc remote) {
    if (remote > last_) last_ = remote;
  }
  Hlc last() const { return last_; }

 private:
  Hlc last_;
};

}  // namespace core::model
