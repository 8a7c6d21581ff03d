// The tablet PIN (4-6 digits): stored only as an argon2id hash (libsodium),
// checked in constant time.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace core::model {

bool IsValidPin(std::string_view pin);
// The hash to store, or nullopt if libsodium could not run.
std::optional<std::string> HashPin(std::string_view pin);
bool CheckPin(std::string_view pin, const std::string& stored_hash);

}  // namespace core::model
