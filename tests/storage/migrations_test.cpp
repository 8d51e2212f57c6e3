// Migrations: versioned, recorded, idempotent, and refusing a database from a newer build.
#include "store_fixture.h"

#include "database/sqlite/sqlite_connection.h"
#include "database/sqlite/sqlite_engine.h"
#include "database/sqlite/sqlite_schema.h"
#include "floorwalk/validation.h"
#include "sync/sql_store.h"

#include <catch2/catch.hpp>

using namespace floorwalk;
using namespace floorwalk::test;
namespace db = floorwalk::server::db;

namespace {

int count(db::Connection& db, const std::string& sql) {
    auto statement = db.prepare(sql);
    REQUIRE(statement.step());
    return statement.integer(0);
}

}  // namespace

TEST_CASE("migrations are numbered from 1 without gaps", "[migrations]") {
    const auto& all = db::sqlite_migrations();
    REQUIRE_FALSE(all.empty());
    for (std::size_t i = 0; i < all.size(); ++i) {
        CHECK(all[i].version == static_cast<int>(i + 1));
        CHECK_FALSE(all[i].name.empty());
        CHECK_FALSE(all[i].sql.empty());
    }
}

TEST_CASE("running the migrations twice applies each once", "[migrations]") {
    TempDir dir;
    const int latest = db::sqlite_migrations().back().version;
    {
        const auto engine = db::open_sqlite_engine(dir.path());  // migrates
        CHECK(db::run_migrations(*engine, db::sqlite_migrations()) == latest);
    }
    db::SqliteConnection db(db::sqlite_database_path(dir.path()), db::SqliteConnection::Mode::read_write);
    CHECK(count(db, "SELECT count(*) FROM schema_migrations") == latest);
    CHECK(count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'observations'") == 1);
    CHECK(count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'change_sequence'") == 0);
}

TEST_CASE("migration 3 starts every organisation's counter at the old database-wide sequence", "[migrations]") {
    TempDir dir;
    {
        // A database as a build of migrations 1 and 2 left it: two organisations, the sequence at 41.
        db::SqliteConnection db(db::sqlite_database_path(dir.path()), db::SqliteConnection::Mode::read_write);
        db.execute(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER "
            "NOT NULL)");
        const auto& all = db::sqlite_migrations();
        for (int version = 1; version <= 2; ++version) {
            db.execute(all[static_cast<std::size_t>(version - 1)].sql);
            db.prepare("INSERT INTO schema_migrations VALUES (?1, 'old', 0)").bind_all(version).run();
        }
        db.execute(
            "UPDATE change_sequence SET last_seq = 41;"
            " INSERT INTO organizations (id, name, created_at) VALUES ('o1', 'Acme', 0), ('o2', 'Globex', 0);");
    }
    const auto store = server::open_sqlite_store(dir.path());
    CHECK(store->find_organization_by_name("ACME")->id == "o1");
    db::SqliteConnection db(db::sqlite_database_path(dir.path()), db::SqliteConnection::Mode::read_write);
    CHECK(count(db, "SELECT change_seq FROM organizations WHERE id = 'o1'") == 41);
    CHECK(count(db, "SELECT change_seq FROM organizations WHERE id = 'o2'") == 41);
}

TEST_CASE("migration 5 gives devices that pushed before it their organisation's counter", "[migrations]") {
    TempDir dir;
    {
        // A database as a build of migrations 1 to 4 left it: an organisation at change 57 with one device.
        db::SqliteConnection db(db::sqlite_database_path(dir.path()), db::SqliteConnection::Mode::read_write);
        db.execute(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER "
            "NOT NULL)");
        const auto& all = db::sqlite_migrations();
        for (int version = 1; version <= 4; ++version) {
            db.execute(all[static_cast<std::size_t>(version - 1)].sql);
            db.prepare("INSERT INTO schema_migrations VALUES (?1, 'old', 0)").bind_all(version).run();
        }
        db.execute(
            "INSERT INTO organizations (id, name, name_key, change_seq, created_at)"
            " VALUES ('o1', 'Acme', 'acme', 57, 0);"
            " INSERT INTO users (organization_id, id, username, display_name, role, password_hash, scope_seq)"
            " VALUES ('o1', 'u1', 'mgr', 'Manager', 'manager', '', 1);"
            " INSERT INTO devices (organization_id, id, user_id, name, last_seen)"
            " VALUES ('o1', 'phone', 'u1', 'P', 0);");
    }
    const auto store = server::open_sqlite_store(dir.path());
    db::SqliteConnection db(db::sqlite_database_path(dir.path()), db::SqliteConnection::Mode::read_write);
    // Reads from a read replica then wait for the position that covers every push the device made before.
    CHECK(count(db, "SELECT last_push_seq FROM devices WHERE organization_id = 'o1' AND id = 'phone'") == 57);
}

TEST_CASE("migration 6 takes the stored time of earlier revisions as the time their phone sent", "[migrations]") {
    TempDir dir;
    {
        // A database as a build of migrations 1 to 5 left it: one observation and one activity, never corrected.
        db::SqliteConnection db(db::sqlite_database_path(dir.path()), db::SqliteConnection::Mode::read_write);
        db.execute(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER "
            "NOT NULL)");
        const auto& all = db::sqlite_migrations();
        for (int version = 1; version <= 5; ++version) {
            db.execute(all[static_cast<std::size_t>(version - 1)].sql);
            db.prepare("INSERT INTO schema_migrations VALUES (?1, 'old', 0)").bind_all(version).run();
        }
        db.execute(
            "INSERT INTO organizations (id, name, name_key, created_at) VALUES ('o1', 'Acme', 'acme', 0);"
            " INSERT INTO units (organization_id, id, parent_id, name, kind, changed_seq)"
            " VALUES ('o1', 'root', NULL, 'Root', 'organization', 1);"
            " INSERT INTO employees (organization_id, id, unit_id, display_name, job_title, active, changed_seq)"
            " VALUES ('o1', 'e1', 'root', 'E', '', 1, 1);"
            " INSERT INTO users (organization_id, id, username, display_name, role, password_hash, scope_seq)"
            " VALUES ('o1', 'u1', 'mgr', 'Manager', 'manager', '', 1);"
            " INSERT INTO observation_revisions (organization_id, id, revision, base_revision, employee_id,"
            "  observer_id, observed_at, model_version, comment, coaching_action, deleted, received_at, seq)"
            " VALUES ('o1', 'obs', 1, 0, 'e1', 'u1', 1772445600000, 1, '', '', 0, 1772445700000, 2);"
            " INSERT INTO activity_revisions (organization_id, id, revision, base_revision, manager_id, kind,"
            "  occurred_at, note, deleted, received_at, seq)"
            " VALUES ('o1', 'act', 1, 0, 'u1', 'one_to_one', 1772449200000, '', 0, 1772449300000, 3);");
    }
    const auto store = server::open_sqlite_store(dir.path());
    db::SqliteConnection db(db::sqlite_database_path(dir.path()), db::SqliteConnection::Mode::read_write);
    // A resend of those revisions is compared on the time as sent: it must be the time they were stored at.
    auto observation = db.prepare("SELECT device_observed_at FROM observation_revisions WHERE id = 'obs'");
    REQUIRE(observation.step());
    CHECK(observation.int64(0) == 1772445600000);
    auto activity = db.prepare("SELECT device_occurred_at FROM activity_revisions WHERE id = 'act'");
    REQUIRE(activity.step());
    CHECK(activity.int64(0) == 1772449200000);
}

TEST_CASE("reopening a store keeps its database id", "[migrations]") {
    TempDir dir;
    std::string id;
    {
        server::SqlStore store(db::open_sqlite_engine(dir.path()));
        id = store.database_id();
        CHECK(is_uuid(id));
    }
    server::SqlStore again(db::open_sqlite_engine(dir.path()));
    CHECK(again.database_id() == id);
    db::SqliteConnection db(db::sqlite_database_path(dir.path()), db::SqliteConnection::Mode::read_write);
    CHECK(count(db, "SELECT count(*) FROM schema_migrations") == db::sqlite_migrations().back().version);
}

TEST_CASE("a database migrated by a newer build is refused", "[migrations]") {
    TempDir dir;
    { const auto store = server::open_sqlite_store(dir.path()); }
    {
        db::SqliteConnection db(db::sqlite_database_path(dir.path()), db::SqliteConnection::Mode::read_write);
        db.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', 0)");
    }
    CHECK_THROWS_WITH(server::open_sqlite_store(dir.path()), Catch::Contains("version 999"));
}
