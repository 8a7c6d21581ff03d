// Sex as the WHO tables code it: 1 = male, 2 = female.
#pragma once

#include <cstdint>

namespace core::growth {

enum class Sex : std::uint8_t { kUnknown = 0, kMale = 1, kFemale = 2 };

}  // namespace core::growth
