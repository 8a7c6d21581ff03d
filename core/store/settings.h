// Small named settings kept in the database (language, text size, server
// address, the last signed-in user, each tablet user's PIN hash, the lock
// timeout). Local to the tablet; not synced.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

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
// The settings whose key starts with `prefix` ("pin_hash."), by key, each with
// its key (without the prefix) and value.
Result<std::vector<std::pair<std::string, std::string>>> SettingsWithPrefix(
    Store& store, const std::string& prefix);

}  // namespace core::store
