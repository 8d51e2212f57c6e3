#include "database/migration.h"

#include <chrono>
#include <string>

namespace floorwalk::server::db {
namespace {

std::int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

int current_version(Connection& db) {
    auto statement = db.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
    return statement.step() ? statement.integer(0) : 0;
}

// Within a write session: keeps other processes from migrating at the same time. SQLite's BEGIN IMMEDIATE
// already excludes every other writer; PostgreSQL takes a transaction-scoped advisory lock.
void exclude_other_migrators(Connection& db) {
    if (db.backend() == Backend::postgresql) db.execute("SELECT pg_advisory_xact_lock(7046913270)");
}

}  // namespace

int run_migrations(Engine& engine, const std::vector<Migration>& migrations) {
    {
        auto session = engine.begin(SessionKind::write);
        exclude_other_migrators(session->db());
        session->db().execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
        session->commit();
    }
    const int known = migrations.empty() ? 0 : migrations.back().version;
    for (const Migration& migration : migrations) {
        auto session = engine.begin(SessionKind::write);
        auto& db = session->db();
        exclude_other_migrators(db);
        const int found = current_version(db);
        if (found > known) {
            throw std::runtime_error("the database schema is at version " + std::to_string(found) +
                                     ", newer than this build knows (" + std::to_string(known) +
                                     "): run a newer floorwalk-server");
        }
        // Another process may have just applied it.
        if (found >= migration.version) continue;
        try {
            db.execute(migration.sql);
        } catch (const Error& error) {
            throw std::runtime_error("schema migration " + std::to_string(migration.version) + " (" +
                                     std::string(migration.name) + ") failed: " + error.what());
        }
        db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)")
            .bind_all(migration.version, std::string(migration.name), now_ms())
            .run();
        session->commit();
    }
    auto session = engine.begin(SessionKind::single);
    const int version = current_version(session->db());
    if (version > known) {
        throw std::runtime_error("the database schema is at version " + std::to_string(version) +
                                 ", newer than this build knows (" + std::to_string(known) +
                                 "): run a newer floorwalk-server");
    }
    return version;
}

}  // namespace floorwalk::server::db
