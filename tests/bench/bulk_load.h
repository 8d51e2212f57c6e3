// The shortcut to the large size: batches written straight into a database of the server's schema (the server's
// own or the raw baseline's) with the server's own row writer, in large transactions with a large page cache.
// The large size measures how queries grow, not how fast it was filled: filling it over HTTP at the rate of the
// first size would take hours, so this fill is not timed against anything. The server must be stopped meanwhile
// and opened again afterwards (its change sequence and index are read at start).
#pragma once

#include "bench_organization.h"

#include <filesystem>

namespace floorwalk::bench {

// Writes batches [first, end) of `organization` (generated for `total` observations) into the database in
// data_dir, where organization.create() made the organisation. Returns the seconds it took.
double bulk_load(const std::filesystem::path& data_dir, const BenchOrganization& organization, long long first,
                 long long end, long long total, Timestamp now);

}  // namespace floorwalk::bench
