#include "bulk_load.h"

#include "database/sqlite/sqlite_connection.h"
#include "storage/record_writer.h"

#include <chrono>
#include <map>
#include <stdexcept>

namespace floorwalk::bench {

const char* bulk_method(BackendKind backend) {
    return backend == BackendKind::sqlite ? "the server's row writer in transactions of 200 batches, no fsync"
                                          : "COPY through libpq in transactions of 200 batches (foreign-key triggers off where the role may), then VACUUM (ANALYZE)";
}

double bulk_load(const BenchDatabase& database, const BenchOrganization& organization, long long first,
                 long long end, long long total, Timestamp now) {
    const auto start = std::chrono::steady_clock::now();
    const auto target = detail::bulk_target(database, organization);
    if (database.backend() == BackendKind::sqlite)
        detail::bulk_load_sqlite(database, organization, target, first, end, total, now);
    else
        detail::bulk_load_postgres(database, organization, target, first, end, total, now);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

namespace detail {

BulkTarget bulk_target(const BenchDatabase& database, const BenchOrganization& organization) {
    BulkTarget target;
    const auto store = database.open_store();
    const auto found = store->find_organization_by_name(organization_name);
    if (!found) throw std::runtime_error("bulk load: no organisation '" + std::string(organization_name) + "'");
    target.organization_id = found->id;
    std::map<std::string, std::string> user_ids;
    for (const auto& user : store->users(target.organization_id)) user_ids[user.username] = user.id;
    for (int s = 0; s < organization.stores(); ++s)
        target.observer_of_store.push_back(user_ids.at(organization.manager_username(s)));
    return target;
}

void bulk_load_sqlite(const BenchDatabase& database, const BenchOrganization& organization, const BulkTarget& target,
                      long long first, long long end, long long total, Timestamp now) {
    using server::db::SqliteConnection;
    SqliteConnection db(server::database_path(database.sqlite_dir()), SqliteConnection::Mode::read_write);
    // Random ids land all over the B-trees: a page cache that holds them turns each insert into memory work.
    // No fsync: a crash of the benchmark loses nothing anyone needs.
    db.execute("PRAGMA synchronous = OFF; PRAGMA cache_size = -4194304; PRAGMA busy_timeout = 5000;");
    std::int64_t seq = 0;
    if (auto last = db.prepare("SELECT change_seq FROM organizations WHERE id = ?1");
        last.bind_all(target.organization_id).step())
        seq = last.int64(0);

    constexpr long long batches_per_transaction = 200;
    for (long long index = first; index < end;) {
        db.execute("BEGIN IMMEDIATE");
        server::RecordWriter writer(db, target.organization_id);
        for (long long n = 0; n < batches_per_transaction && index < end; ++n, ++index) {
            const auto& observer = target.observer_of_store.at(static_cast<std::size_t>(organization.batch_store(index)));
            for (auto& observation : organization.batch(index, total)) {
                observation.observer_id = observer;
                writer.add(observation, observation.observed_at, now, ++seq);
            }
            writer.flush();
        }
        db.prepare("UPDATE organizations SET change_seq = ?2 WHERE id = ?1").bind_all(target.organization_id, seq).run();
        db.execute("COMMIT");
    }
    db.execute("PRAGMA wal_checkpoint(TRUNCATE);");
}

}  // namespace detail
}  // namespace floorwalk::bench
