// Record ids made on the device: UUIDv7 (48-bit Unix milliseconds, then
// random bits), so ids sort by creation time and never collide across devices.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace core::model {

struct Id {
  std::array<uint8_t, 16> bytes{};

  bool empty() const;
  // "0190b6a4-...": 36 characters, lower-case hex.
  std::string ToString() const;
  static std::optional<Id> Parse(std::string_view text);
  static Id FromBytes(const uint8_t* data, size_t size);
  friend bool operator==(const Id&, const Id&) = default;
  friend auto operator<=>(const Id&, const Id&) = default;
};

// Makes UUIDv7 ids. Deterministic when given a seed (for demo data and tests).
class IdGenerator {
 public:
  explicit IdGenerator(uint64_t seed = 0);  // 0 = seeded from std::random_device
  Id Make(int64_t unix_ms);

 private:
  std::mt19937_64 rng_;
};

}  // namespace core::model
