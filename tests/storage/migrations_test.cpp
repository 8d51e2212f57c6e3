// Migrations: versioned, recorded, idempotent, and refusing a database from a newer build.
#include "store_fixture.h"

#include "floorwalk/validation.h"
#include "storage/migrations.h"

#include <catch2/catch.hpp>

using namespace floorwalk;
using namespace floorwalk::test;
namespace sqlite = floorwalk::server::sqlite;

namespace {

int count(sqlite::Connection& db, const std::string& sql) {
    auto statement = db.prepare(sql);
    REQUIRE(statement.step());
    return statement.integer(0);
}

}  // namespace

TEST_CASE("migrations are numbered from 1 without gaps", "[migrations]") {
    const auto& all = server::migrations();
    REQUIRE_FALSE(all.empty());
    for (std::size_t i = 0; i < all.size(); ++i) {
        CHECK(all[i].version == static_cast<int>(i + 1));
        CHECK_FALSE(all[i].name.empty());
        CHECK_FALSE(all[i].sql.empty());
    }
}

TEST_CASE("running the migrations twice applies each once", "[migrations]") {
    TempDir dir;
    sqlite::Connection db(dir.path() / "test.db", sqlite::Connection::Mode::read_write);
    const int latest = server::migrations().back().version;
    CHECK(server::run_migrations(db) == latest);
    CHECK(count(db, "SELECT count(*) FROM schema_migrations") == latest);
    CHECK(count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'observations'") == 1);
    CHECK(count(db, "SELECT last_seq FROM change_sequence") == 0);

    CHECK(server::run_migrations(db) == latest);
    CHECK(count(db, "SELECT count(*) FROM schema_migrations") == latest);
    CHECK(count(db, "SELECT count(*) FROM change_sequence") == 1);
}

TEST_CASE("reopening a store keeps its schema version and database id", "[migrations]") {
    TempDir dir;
    std::string id;
    {
        server::SqliteStore store(dir.path());
        CHECK(store.schema_version() == server::migrations().back().version);
        id = store.database_id();
        CHECK(is_uuid(id));
    }
    server::SqliteStore again(dir.path());
    CHECK(again.schema_version() == server::migrations().back().version);
    CHECK(again.database_id() == id);
    sqlite::Connection db(dir.path() / "floorwalk.db", sqlite::Connection::Mode::read_write);
    CHECK(count(db, "SELECT count(*) FROM schema_migrations") == server::migrations().back().version);
}

TEST_CASE("a database migrated by a newer build is refused", "[migrations]") {
    TempDir dir;
    { server::SqliteStore store(dir.path()); }
    {
        sqlite::Connection db(dir.path() / "floorwalk.db", sqlite::Connection::Mode::read_write);
        db.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', 0)");
        CHECK_THROWS_WITH(server::run_migrations(db), Catch::Contains("newer"));
    }
    CHECK_THROWS_WITH(server::open_sqlite_store(dir.path()), Catch::Contains("version 999"));
}
