#include "model/id.h"

namespace core::model {

bool Id::empty() const {
  for (uint8_t b : bytes) {
    if (b != 0) return false;
  }
  return true;
}

std::string Id::ToString() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 15]);
  }
  return out;
}

std::optional<Id> Id::Parse(std::string_view text) {
  if (text.size() != 36) return std::nullopt;
  Id id;
  int nibble = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return std::nullopt;
      continue;
    }
    int v;
    if (c >= '0' && c <= '9') {
      v = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      v = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      v = c - 'A' + 10;
    } else {
      return std::nullopt;
    }
    id.bytes[nibble / 2] |= static_cast<uint8_t>(nibble % 2 == 0 ? v << 4 : v);
    ++nibble;
  }
  return id;
}

Id Id::FromBytes(const uint8_t* data, size_t size) {
  Id id;
  for (size_t i = 0; i < size && i < 16; ++i) id.bytes[i] = data[i];
  return id;
}

IdGenerator::IdGenerator(uint64_t seed) : rng_(seed != 0 ? seed : std::random_device{}()) {
  if (seed == 0) rng_.seed((static_cast<uint64_t>(std::random_device{}()) << 32) ^ rng_());
}

Id IdGenerator::Make(int64_t unix_ms) {
  Id id;
  const uint64_t ms = static_cast<uint64_t>(unix_ms);
  for (int i = 0; i < 6; ++i) id.bytes[i] = static_cast<uint8_t>(ms >> (40 - 8 * i));
  const uint64_t a = rng_(), b = rng_();
  for (int i = 6; i < 16; ++i) id.bytes[i] = static_cast<uint8_t>((i < 8 ? a : b) >> (8 * (i % 8)));
  id.bytes[6] = static_cast<uint8_t>(0x70 | (id.bytes[6] & 0x0f));  // version 7
  id.bytes[8] = static_cast<uint8_t>(0x80 | (id.bytes[8] & 0x3f));  // RFC 4122 variant
  return id;
}

}  // namespace core::model
