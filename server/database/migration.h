// Numbered schema migrations, one list per engine (database/sqlite/sqlite_schema.cpp,
// database/postgres/postgres_schema.cpp). A migration, once released, never changes: later changes are new
// migrations appended to the list, with the same number and meaning on both engines.
#pragma once

#include "database/engine.h"

#include <string_view>
#include <vector>

namespace floorwalk::server::db {

struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

// Applies every migration the database has not recorded yet (table schema_migrations), each in its own write
// session; several processes starting at once apply each one once. Returns the schema version. Throws
// std::runtime_error when the database is newer than `migrations` knows, or when a migration fails.
int run_migrations(Engine& engine, const std::vector<Migration>& migrations);

}  // namespace floorwalk::server::db
