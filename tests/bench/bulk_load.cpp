#include "bulk_load.h"

#include "storage/record_rows.h"
#include "database/sqlite/sqlite_connection.h"
#include "sync/sql_store.h"

#include <chrono>
#include <map>
#include <stdexcept>

namespace floorwalk::bench {

double bulk_load(const std::filesystem::path& data_dir, const BenchOrganization& organization, long long first,
                 long long end, long long total, Timestamp now) {
    const auto start = std::chrono::steady_clock::now();
    std::string organization_id;
    std::vector<std::string> observer_of_store;
    {
        const auto store = server::open_sqlite_store(data_dir);
        const auto found = store->find_organization_by_name(organization_name);
        if (!found) throw std::runtime_error("bulk load: no organisation '" + std::string(organization_name) + "'");
        organization_id = found->id;
        std::map<std::string, std::string> user_ids;
        for (const auto& user : store->users(organization_id)) user_ids[user.username] = user.id;
        for (int s = 0; s < organization.stores(); ++s)
            observer_of_store.push_back(user_ids.at(organization.manager_username(s)));
    }

    using server::db::SqliteConnection;
    SqliteConnection db(server::database_path(data_dir), SqliteConnection::Mode::read_write);
    // Random ids land all over the B-trees: a page cache that holds them turns each insert into memory work.
    // No fsync: a crash of the benchmark loses nothing anyone needs.
    db.execute("PRAGMA synchronous = OFF; PRAGMA cache_size = -4194304; PRAGMA busy_timeout = 5000;");
    std::int64_t seq = 0;
    if (auto last = db.prepare("SELECT change_seq FROM organizations WHERE id = ?1"); last.bind_all(organization_id).step())
        seq = last.int64(0);

    constexpr long long batches_per_transaction = 200;
    for (long long index = first; index < end;) {
        db.execute("BEGIN IMMEDIATE");
        for (long long n = 0; n < batches_per_transaction && index < end; ++n, ++index) {
            const auto& observer = observer_of_store.at(static_cast<std::size_t>(organization.batch_store(index)));
            for (auto& observation : organization.batch(index, total)) {
                observation.observer_id = observer;
                server::write_observation(db, organization_id, observation, now, ++seq);
            }
        }
        db.prepare("UPDATE organizations SET change_seq = ?2 WHERE id = ?1").bind_all(organization_id, seq).run();
        db.execute("COMMIT");
    }
    db.execute("PRAGMA wal_checkpoint(TRUNCATE);");
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace floorwalk::bench
