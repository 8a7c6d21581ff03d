// The schema as numbered migration steps, run at start-up inside one
// transaction each; PRAGMA user_version holds the number of steps applied.
#pragma once

#include "store/sqlite.h"

namespace core::store {

// The number of the newest schema this build knows.
int LatestSchemaVersion();

// Brings the database up to `target` (default: the latest). Refuses a
// database written by a newer Tumbuh (kTooNew) rather than touch it.
Result<void> Migrate(Database& db, int target = -1);

}  // namespace core::store
