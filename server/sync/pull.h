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

// The statement reading a page of current observations. Parameters: ?1 organisation, ?2 since, ?3 limit, and for
// a `scoped` caller (manager, director) ?4 the scope's units as JSON. `first`: the pull starts from the empty
// cursor (tombstones are left out, and a scoped caller's records are read by employee).
[[nodiscard]] std::string observation_changes_sql(const db::Connection& db, bool scoped, bool first);

}  // namespace floorwalk::server
