#include "store/settings.h"

#include "store/sqlite.h"

namespace core::store {

namespace {
constexpr const char* kPrefix = "app.";  // apart from the store's own settings
}

Result<std::optional<std::string>> GetKeyValue(Store& store, const char* table,
                                               const std::string& key) {
  auto stmt = store.db().Prepare(std::string("SELECT value FROM ") + table + " WHERE key = ?");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, key);
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  std::optional<std::string> value;
  if (*row) value = (*stmt)->Text(0);
  (*stmt)->Reset();
  return value;
}

Result<void> PutKeyValue(Store& store, const char* table, const std::string& key,
                         const std::string& value) {
  auto stmt = store.db().Prepare(std::string("INSERT OR REPLACE INTO ") + table +
                                 "(key, value) VALUES (?, ?)");
  if (!stmt) return std::unexpected(stmt.error());
  return (*stmt)->Bind(1, key).Bind(2, value).Run();
}

Result<std::optional<std::string>> GetSetting(Store& store, const std::string& key) {
  return GetKeyValue(store, "settings", kPrefix + key);
}

Result<void> PutSetting(Store& store, const std::string& key, const std::string& value) {
  return PutKeyValue(store, "settings", kPrefix + key, value);
}

Result<void> DeleteSetting(Store& store, const std::string& key) {
  auto stmt = store.db().Prepare("DELETE FROM settings WHERE key = ?");
  if (!stmt) return std::unexpected(stmt.error());
  return (*stmt)->Bind(1, kPrefix + key).Run();
}

Result<std::vector<std::pair<std::string, std::string>>> SettingsWithPrefix(
    Store& store, const std::string& prefix) {
  const std::string full = kPrefix + prefix;
  auto stmt = store.db().Prepare(
      "SELECT key, value FROM settings WHERE substr(key, 1, ?) = ? ORDER BY key");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, static_cast<int64_t>(full.size())).Bind(2, full);
  std::vector<std::pair<std::string, std::string>> found;
  while (true) {
    auto row = (*stmt)->Step();
    if (!row) {
      (*stmt)->Reset();
      return std::unexpected(row.error());
    }
    if (!*row) break;
    found.emplace_back((*stmt)->Text(0).substr(full.size()), (*stmt)->Text(1));
  }
  (*stmt)->Reset();
  return found;
}

}  // namespace core::store
