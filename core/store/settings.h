// Small named settings kept in the database (language, text size, server
// address, the signed-in user, the PIN hash). Local to the tablet; not synced.
#pragma once

#include <optional>
#include <string>

#include "store/store.h"

namespace core::store {

// A value of a key-value table ("settings", "sync_state"); nullopt when unset.
Result<std::optional<std::string>> GetKeyValue(Store& store, const char* table,
                                               const std::string& key);
Result<void> PutKeyValue(Store& store, const char* table, const std::string& key,
                         const std::string& value);

Result<std::optional<std::string>> GetSetting(Store& store, const std::string& key);
Result<void> PutSetting(Store& store, const std::string& key, const std::string& value);
Result<void> DeleteSetting(Store& store, const std::string& key);

}  // namespace core::store
