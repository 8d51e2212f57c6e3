// The PostgreSQL schema's numbered migrations: the same numbers and meaning as sqlite_migrations() (the type
// mapping is at the top of postgres_schema.cpp).
#pragma once

#include "database/migration.h"

#include <vector>

namespace floorwalk::server::db {

[[nodiscard]] const std::vector<Migration>& postgres_migrations();

}  // namespace floorwalk::server::db
