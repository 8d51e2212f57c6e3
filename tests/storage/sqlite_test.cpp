// The SQLite engine: cached statements, sessions that roll back, errors with SQLite's codes.
#include "store_fixture.h"

#include "database/sqlite/sqlite_connection.h"
#include "database/sqlite/sqlite_engine.h"
#include "sync/pull.h"

#include <sqlite3.h>
#include <catch2/catch.hpp>

using namespace floorwalk::test;
namespace db = floorwalk::server::db;

namespace {

int count(db::Connection& db) {
    auto statement = db.prepare("SELECT count(*) FROM t");
    REQUIRE(statement.step());
    return statement.integer(0);
}

}  // namespace

TEST_CASE("statements bind, step and read every type", "[sqlite]") {
    TempDir dir;
    db::SqliteConnection db(dir.path() / "t.db", db::SqliteConnection::Mode::read_write);
    db.execute("CREATE TABLE t (a TEXT, b INTEGER, c REAL, d TEXT)");
    db.prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4)")
        .bind(1, std::string("é\0x", 4))
        .bind(2, std::int64_t{1} << 40)
        .bind(3, 2.5)
        .bind_optional(4, "")
        .run();
    auto row = db.prepare("SELECT a, b, c, d FROM t");
    REQUIRE(row.step());
    CHECK(row.text(0) == std::string("é\0x", 4));  // embedded NUL survives
    CHECK(row.int64(1) == (std::int64_t{1} << 40));
    CHECK(row.real(2) == 2.5);
    CHECK(row.is_null(3));
    CHECK(row.text(3).empty());
    CHECK_FALSE(row.step());
}

TEST_CASE("a cached statement is reused, and a nested use of the same query gets its own", "[sqlite]") {
    TempDir dir;
    db::SqliteConnection db(dir.path() / "t.db", db::SqliteConnection::Mode::read_write);
    db.execute("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3);");
    const std::string sql = "SELECT n FROM t WHERE n >= ?1 ORDER BY n";
    int pairs = 0;
    {
        auto outer = db.prepare(sql);
        outer.bind_all(1);
        while (outer.step()) {
            auto inner = db.prepare(sql);  // the cached one is busy
            inner.bind_all(outer.integer(0));
            while (inner.step()) ++pairs;
        }
    }
    CHECK(pairs == 6);
    // Released statements are reset: reusing one starts from the first row.
    for (int i = 0; i < 3; ++i) {
        auto again = db.prepare(sql);
        again.bind_all(2);
        REQUIRE(again.step());
        CHECK(again.integer(0) == 2);
    }
}

TEST_CASE("a write session left without commit rolls back", "[sqlite]") {
    TempDir dir;
    const auto engine = db::open_sqlite_engine(dir.path());
    {
        auto session = engine->begin(db::SessionKind::write);
        session->db().execute("CREATE TABLE t (n INTEGER PRIMARY KEY)");
        session->commit();
    }
    try {
        auto session = engine->begin(db::SessionKind::write);
        session->db().execute("INSERT INTO t VALUES (1)");
        session->db().execute("INSERT INTO t VALUES (1)");  // violates the primary key
        session->commit();
    } catch (const db::Error& e) {
        CHECK(e.code() == std::to_string(SQLITE_CONSTRAINT_PRIMARYKEY));
        CHECK(db::is_unique_violation(e));
        CHECK(std::string(e.what()).find("INSERT INTO t") != std::string::npos);
    }
    {
        auto session = engine->begin(db::SessionKind::single);
        CHECK(count(session->db()) == 0);
    }
    {
        auto session = engine->begin(db::SessionKind::write);
        session->db().execute("INSERT INTO t VALUES (2)");
        session->commit();
    }
    auto session = engine->begin(db::SessionKind::single);
    CHECK(count(session->db()) == 1);
}

TEST_CASE("preparing bad SQL names the statement", "[sqlite]") {
    TempDir dir;
    db::SqliteConnection db(dir.path() / "t.db", db::SqliteConnection::Mode::read_write);
    CHECK_THROWS_WITH(db.prepare("SELEKT 1"), Catch::Contains("SELEKT"));
    CHECK_THROWS_AS(db::SqliteConnection(dir.path() / "missing" / "t.db", db::SqliteConnection::Mode::read_only),
                    db::Error);
}

// Found by floorwalk-bench-load: a manager's first pull walked every observation of the organisation in change
// order to keep those of his employees, so its cost grew with the whole organisation (250 ms at 22,000
// observations; 200 phones signing in at once timed out).
TEST_CASE("a manager's first pull reads his scope's observations by employee, not the organisation's in change order",
          "[sqlite]") {
    TempDir dir;
    const auto engine = db::open_sqlite_engine(dir.path());
    auto session = engine->begin(db::SessionKind::snapshot);
    auto& db = session->db();
    auto plan = db.prepare("EXPLAIN QUERY PLAN " + floorwalk::server::observation_changes_sql(db, true, true));
    plan.bind_all(std::string("org"), std::int64_t{0}, 1000);
    plan.bind(4, std::string(R"(["store"])"));
    std::string details;
    while (plan.step()) details += plan.text(3) + "\n";
    INFO(details);
    CHECK(details.find("SEARCH o USING INDEX observations_by_employee") != std::string::npos);
    CHECK(details.find("observations_by_seq") == std::string::npos);
    CHECK(details.find("SCAN o") == std::string::npos);
}
