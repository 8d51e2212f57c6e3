// The cursor pull: one page of what changed in the caller's scope since a cursor, read in one snapshot.
#pragma once

#include "database/database.h"
#include "storage/store.h"

#include <string>
#include <string_view>

namespace floorwalk::server {

inline constexpr int min_pull_limit = 1;
inline constexpr int max_pull_limit = 1000;

// Reads a page in the caller's open snapshot session (every query sees one committed state). `database_id` names
// this database in cursors.
[[nodiscard]] PullPage read_pull(db::Connection& db, const std::string& database_id, const Caller& caller,
                                 std::string_view cursor, int limit);

}  // namespace floorwalk::server
