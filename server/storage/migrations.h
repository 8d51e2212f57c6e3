// Versioned schema migrations, run when the store opens. The schema itself is documented in migrations.cpp and
// docs/storage.md.
#pragma once

#include "storage/sqlite.h"

#include <string_view>
#include <vector>

namespace floorwalk::server {

struct Migration {
    int version = 0;
    std::string_view name;
    std::string_view sql;
};

// Every migration this build knows, in version order.
[[nodiscard]] const std::vector<Migration>& migrations();

// Applies the migrations the database lacks, each in its own transaction, and records them in
// `schema_migrations`; running it again on an up-to-date database does nothing. Throws std::runtime_error when the
// database was written by a newer build (a version this build does not know). Returns the schema version.
int run_migrations(sqlite::Connection& db);

}  // namespace floorwalk::server
