// The SQLite schema's numbered migrations (the conventions every query relies on are in sqlite_schema.cpp).
#pragma once

#include "database/migration.h"

#include <vector>

namespace floorwalk::server::db {

[[nodiscard]] const std::vector<Migration>& sqlite_migrations();

}  // namespace floorwalk::server::db
