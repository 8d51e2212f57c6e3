// The shortcut to the read sizes: batches written straight into the server's database while every server is
// stopped, in large transactions. The sizes measure how reads, starts and memory grow, not how fast they were
// filled (ingest is measured over HTTP on its own), so this fill is not timed against anything:
// - SQLite: the server's own row writer (storage/record_writer.h), a large page cache, no fsync;
// - PostgreSQL: COPY through libpq into the same three tables (revisions, ratings, current rows), with the
//   foreign-key triggers off when the role may (session_replication_role), then VACUUM (ANALYZE), as autovacuum
//   would do on its own a little later (and in the middle of the timings).
// The organisation's change counter moves past the new rows, as pushes would have moved it.
#pragma once

#include "bench_database.h"
#include "bench_organization.h"

namespace floorwalk::bench {

// Writes batches [first, end) of `organization` (generated for `total` observations) into `database`, where
// organization.create() made the organisation. Returns the seconds it took.
double bulk_load(const BenchDatabase& database, const BenchOrganization& organization, long long first,
                 long long end, long long total, Timestamp now);

// How bulk_load fills a backend, for the printout.
[[nodiscard]] const char* bulk_method(BackendKind backend);

namespace detail {
// The observer (users.id) of each store's batches and the organisation's id, read from the store.
struct BulkTarget {
    std::string organization_id;
    std::vector<std::string> observer_of_store;
};
[[nodiscard]] BulkTarget bulk_target(const BenchDatabase& database, const BenchOrganization& organization);
void bulk_load_sqlite(const BenchDatabase& database, const BenchOrganization& organization, const BulkTarget& target,
                      long long first, long long end, long long total, Timestamp now);
void bulk_load_postgres(const BenchDatabase& database, const BenchOrganization& organization,
                        const BulkTarget& target, long long first, long long end, long long total, Timestamp now);
}  // namespace detail

}  // namespace floorwalk::bench
