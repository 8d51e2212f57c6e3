// One suite for both engines, through db::Engine and db::Connection only: what the storage layer relies on must
// hold on SQLite and on PostgreSQL alike. ctest runs it twice: on SQLite in a temporary folder (label "database")
// and on a fresh PostgreSQL database (label "postgres", FLOORWALK_TEST_POSTGRES_URL_FILE set). Test cases tagged
// [postgres-only] cover what only the shared engine has: a pool, connections the server can take away.
#include "database/database.h"
#include "database/engine.h"
#include "database/migration.h"
#include "database/postgres/postgres_engine.h"
#include "database/postgres/postgres_schema.h"
#include "database/sqlite/sqlite_engine.h"
#include "database/sqlite/sqlite_schema.h"
#include "postgres_test_database.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <latch>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace db = floorwalk::server::db;
using namespace std::string_literals;

namespace {

// A temporary folder removed with everything in it.
class TempDir {
public:
    TempDir() {
        std::random_device device;
        path_ = std::filesystem::temp_directory_path() / ("floorwalk-database-test-" + std::to_string(device()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// The database under test: a fresh PostgreSQL database when the run has a cluster, a SQLite folder otherwise.
class Target {
public:
    Target() {
        if (const auto cluster = floorwalk::test::postgres_cluster_url(); !cluster.empty()) {
            postgres_.emplace(cluster);
        }
    }

    [[nodiscard]] bool postgres() const { return postgres_.has_value(); }

    // An engine on the database (every call opens another one on the same database).
    [[nodiscard]] std::unique_ptr<db::Engine> open(const db::PostgresOptions& options = {}) const {
        if (postgres_) return db::open_postgres_engine(postgres_->url(), options);
        return db::open_sqlite_engine(folder_.path());
    }

    [[nodiscard]] const std::vector<db::Migration>& migrations() const {
        return postgres_ ? db::postgres_migrations() : db::sqlite_migrations();
    }

    [[nodiscard]] const std::string& postgres_url() const { return postgres_->url(); }

private:
    TempDir folder_;
    std::optional<floorwalk::test::PostgresTestDatabase> postgres_;
};

// A table of every parameter type; only the blob's type name differs between the engines.
void create_values_table(db::Engine& engine) {
    auto session = engine.begin(db::SessionKind::write);
    auto& db = session->db();
    db.execute("CREATE TABLE conformance_values (k BIGINT PRIMARY KEY, t TEXT, i BIGINT, r DOUBLE PRECISION, b "s +
               (db.backend() == db::Backend::postgresql ? "BYTEA" : "BLOB") + ")");
    session->commit();
}

std::int64_t count_values(db::Engine& engine) {
    auto session = engine.begin(db::SessionKind::single);
    auto statement = session->db().prepare("SELECT count(*) FROM conformance_values");
    REQUIRE(statement.step());
    return statement.int64(0);
}

void insert_value(db::Connection& db, std::int64_t k) {
    db.prepare("INSERT INTO conformance_values (k) VALUES (?1)").bind(1, k).run();
}

void add_organization(db::Connection& db, const std::string& id, const std::string& name) {
    db.prepare("INSERT INTO organizations (id, name, name_key, created_at) VALUES (?1, ?2, ?3, ?4)")
        .bind_all(id, name, name, std::int64_t{0})
        .run();
}

// The rows of a one-column query, as text.
std::vector<std::string> column(db::Connection& db, const std::string& sql,
                                const std::vector<std::string>& parameters = {}) {
    auto statement = db.prepare(sql);
    for (std::size_t i = 0; i < parameters.size(); ++i) statement.bind(static_cast<int>(i + 1), parameters[i]);
    std::vector<std::string> rows;
    while (statement.step()) rows.push_back(statement.text(0));
    return rows;
}

std::int64_t backend_pid(db::Connection& db) {
    auto statement = db.prepare("SELECT pg_backend_pid()");
    REQUIRE(statement.step());
    return statement.int64(0);
}

// Ends a PostgreSQL backend from another connection and waits until it has exited (the function's timeout
// argument), so that its client reads the end of the connection on its next call.
void terminate_backend(db::Engine& engine, std::int64_t pid) {
    auto session = engine.begin(db::SessionKind::single);
    auto statement = session->db().prepare("SELECT pg_terminate_backend(?1, 60000)");
    statement.bind(1, pid);
    REQUIRE(statement.step());
    REQUIRE(statement.int64(0) == 1);
}

}  // namespace

TEST_CASE("parameters of every type read back as they were bound") {
    Target target;
    auto engine = target.open();
    create_values_table(*engine);

    std::string all_bytes;
    for (int byte = 0; byte < 256; ++byte) all_bytes += static_cast<char>(byte);
    const std::string zeros("\0\0a\0"s);
    const std::string text = "Léa Ünïcødé 日本語 🙂 'single' \"double\" back\\slash ?1 $1 %s \x01\x02\t\n\r\x1b\x7f";
    const std::string large(300'000, 'x');
    const auto min = std::numeric_limits<std::int64_t>::min();
    const auto max = std::numeric_limits<std::int64_t>::max();
    const std::vector<double> doubles = {0.1, 1.0 / 3.0, -2.5e-7, 3.141592653589793, 1e308,
                                         std::numeric_limits<double>::max(), std::numeric_limits<double>::min(),
                                         std::numeric_limits<double>::denorm_min(), 0.0};

    {
        auto session = engine->begin(db::SessionKind::write);
        auto& db = session->db();
        auto insert = [&](std::int64_t k) {
            auto statement = db.prepare("INSERT INTO conformance_values (k, t, i, r, b) VALUES (?1, ?2, ?3, ?4, ?5)");
            statement.bind(1, k);
            return statement;
        };
        insert(1).bind(2, text).bind(3, min).bind(4, doubles[0]).bind_blob(5, all_bytes).run();
        insert(2).bind(2, "").bind(3, max).bind(4, doubles[1]).bind_blob(5, zeros).run();
        insert(3).bind(2, large).bind(3, 0).bind(4, doubles[2]).bind_blob(5, "").run();
        insert(4).bind_null(2).bind_null(3).bind_null(4).bind_null(5).run();
        insert(5).bind(2, "unbound parameters are NULL").run();
        for (std::size_t i = 3; i < doubles.size(); ++i) {
            insert(static_cast<std::int64_t>(10 + i)).bind(3, -1).bind(4, doubles[i]).run();
        }
        session->commit();
    }

    auto session = engine->begin(db::SessionKind::snapshot);
    auto select = session->db().prepare("SELECT t, i, r, b FROM conformance_values WHERE k = ?1");
    const auto row = [&](std::int64_t k) {
        select.reset();
        select.bind(1, k);
        REQUIRE(select.step());
    };
    row(1);
    CHECK(select.text(0) == text);
    CHECK(select.int64(1) == min);
    CHECK(select.real(2) == doubles[0]);
    CHECK(select.blob(3) == all_bytes);
    CHECK_FALSE(select.is_null(3));
    CHECK_FALSE(select.step());

    row(2);
    CHECK(select.text(0).empty());
    CHECK_FALSE(select.is_null(0));  // empty text is not NULL
    CHECK(select.int64(1) == max);
    CHECK(select.real(2) == doubles[1]);
    CHECK(select.blob(3) == zeros);

    row(3);
    CHECK(select.text(0) == large);
    CHECK(select.int64(1) == 0);
    CHECK(select.real(2) == doubles[2]);
    CHECK(select.blob(3).empty());
    CHECK_FALSE(select.is_null(3));  // an empty blob is not NULL

    for (const int k : {4, 5}) {
        row(k);
        CHECK(select.is_null(1));
        CHECK(select.is_null(2));
        CHECK(select.is_null(3));
        CHECK(select.int64(1) == 0);  // NULL reads as 0, "" and an empty blob
        CHECK(select.real(2) == 0.0);
        CHECK(select.blob(3).empty());
    }
    CHECK(select.is_null(0) == false);
    row(4);
    CHECK(select.is_null(0));
    CHECK(select.text(0).empty());

    for (std::size_t i = 3; i < doubles.size(); ++i) {
        row(static_cast<std::int64_t>(10 + i));
        CHECK(select.real(2) == doubles[i]);
        CHECK(select.int64(1) == -1);
    }
}

TEST_CASE("a numbered parameter may be used twice and out of order") {
    Target target;
    auto engine = target.open();
    create_values_table(*engine);
    auto session = engine->begin(db::SessionKind::write);
    auto& db = session->db();
    // ?2 first and twice. (Where a parameter appears twice, both places expect the same type: PostgreSQL
    // deduces one type per parameter.)
    db.prepare("INSERT INTO conformance_values (k, i, t) VALUES (?2, ?2, ?1)").bind_all("seven", 7).run();
    db.prepare("INSERT INTO conformance_values (k, i, t) VALUES (?2, ?2, ?1)").bind_all("eight", 8).run();
    auto statement = db.prepare("SELECT k, i, t FROM conformance_values WHERE i >= ?2 AND k <= ?1 AND k >= ?2");
    statement.bind_all(std::int64_t{7}, std::int64_t{1});
    REQUIRE(statement.step());
    CHECK(statement.int64(0) == 7);
    CHECK(statement.int64(1) == 7);
    CHECK(statement.text(2) == "seven");
    CHECK_FALSE(statement.step());

    auto echo = db.prepare("SELECT ?2, ?1, ?2");
    echo.bind_all("a", "b");
    REQUIRE(echo.step());
    CHECK(echo.text(0) == "b");
    CHECK(echo.text(1) == "a");
    CHECK(echo.text(2) == "b");
}

TEST_CASE("question marks inside literals, quoted identifiers and comments are not parameters") {
    Target target;
    auto engine = target.open();
    auto session = engine->begin(db::SessionKind::single);
    auto statement = session->db().prepare(
        "SELECT '?1 it''s', ?1 AS \"?2\" -- ?3 is not a parameter\n"
        ", 'x' /* ?4 neither */");
    statement.bind(1, "bound");
    REQUIRE(statement.step());
    CHECK(statement.text(0) == "?1 it's");
    CHECK(statement.text(1) == "bound");
    CHECK(statement.text(2) == "x");
}

TEST_CASE("a comparison reads as 1 or 0") {
    Target target;
    auto engine = target.open();
    auto session = engine->begin(db::SessionKind::single);
    auto statement = session->db().prepare("SELECT ?1 = ?2, ?1 <> ?2, 2 > 1");
    statement.bind_all("a", "a");
    REQUIRE(statement.step());
    CHECK(statement.int64(0) == 1);
    CHECK(statement.int64(1) == 0);
    CHECK(statement.integer(2) == 1);
}

TEST_CASE("id_list carries 0, 1 and 1000 ids in one parameter") {
    Target target;
    auto engine = target.open();
    auto session = engine->begin(db::SessionKind::write);
    auto& db = session->db();
    db.execute("CREATE TABLE conformance_ids (id TEXT PRIMARY KEY)");
    std::vector<std::string> ids;
    for (int i = 0; i < 1200; ++i) ids.push_back("id-" + std::to_string(i) + (i % 3 == 0 ? " \"quoted\" \\ é" : ""));
    auto insert = db.prepare("INSERT INTO conformance_ids (id) VALUES (?1)");
    for (const auto& id : ids) {
        insert.reset();
        insert.bind(1, id).run();
    }

    const auto found = [&](const std::vector<std::string>& wanted) {
        auto statement =
            db.prepare("SELECT id FROM conformance_ids WHERE id IN (" + db.id_list(1) + ") ORDER BY id");
        statement.bind(1, db::json_string_array(wanted));
        std::vector<std::string> rows;
        while (statement.step()) rows.push_back(statement.text(0));
        return rows;
    };
    CHECK(found({}).empty());
    CHECK(found({ids[3]}) == std::vector<std::string>{ids[3]});
    std::vector<std::string> thousand(ids.begin() + 100, ids.begin() + 1100);
    thousand.push_back("not-stored");
    auto rows = found(thousand);
    CHECK(rows.size() == 1000);
    thousand.pop_back();
    std::sort(thousand.begin(), thousand.end());
    CHECK(rows == thousand);  // byte order on both engines
}

TEST_CASE("insertion_order lists rows as they were inserted, and an upsert keeps the place") {
    Target target;
    auto engine = target.open();
    auto session = engine->begin(db::SessionKind::write);
    auto& db = session->db();
    add_organization(db, "org-1", "Org");
    // Children before their parent: the parent key is checked at commit.
    for (const auto& [id, parent] : std::vector<std::pair<std::string, std::string>>{
             {"paris", "north"}, {"north", "root"}, {"root", ""}, {"lyon", "south"}, {"south", "root"}}) {
        db.prepare("INSERT INTO units (organization_id, id, parent_id, name, kind, changed_seq) "
                   "VALUES (?1, ?2, ?3, ?2, 'store', 1)")
            .bind(1, "org-1")
            .bind(2, id)
            .bind_optional(3, parent)
            .run();
    }
    db.prepare("INSERT INTO units (organization_id, id, parent_id, name, kind, changed_seq) "
               "VALUES (?1, ?2, ?3, ?4, 'store', 2) ON CONFLICT (organization_id, id) DO UPDATE SET name = excluded.name")
        .bind_all("org-1", "north", "root", "North")
        .run();
    session->commit();

    auto reader = engine->begin(db::SessionKind::single);
    const auto order = "SELECT id FROM units WHERE organization_id = ?1 ORDER BY "s +
                       std::string(reader->db().insertion_order());
    CHECK(column(reader->db(), order, {"org-1"}) ==
          std::vector<std::string>{"paris", "north", "root", "lyon", "south"});
    CHECK(column(reader->db(), "SELECT name FROM units WHERE id = 'north'") == std::vector<std::string>{"North"});
}

TEST_CASE("a parent key that names no unit fails the commit") {
    Target target;
    auto engine = target.open();
    {
        auto session = engine->begin(db::SessionKind::write);
        auto& db = session->db();
        add_organization(db, "org-1", "Org");
        db.execute("INSERT INTO units (organization_id, id, parent_id, name, kind, changed_seq) "
                   "VALUES ('org-1', 'orphan', 'nowhere', 'Orphan', 'store', 1)");
        CHECK_THROWS_AS(session->commit(), db::Error);
    }
    auto reader = engine->begin(db::SessionKind::single);
    CHECK(column(reader->db(), "SELECT id FROM units").empty());
    CHECK(column(reader->db(), "SELECT id FROM organizations").empty());
}

TEST_CASE("a write session that is not committed leaves nothing behind") {
    Target target;
    auto engine = target.open();
    create_values_table(*engine);
    {
        auto session = engine->begin(db::SessionKind::write);
        insert_value(session->db(), 1);
        insert_value(session->db(), 2);
    }
    CHECK(count_values(*engine) == 0);
    {
        auto session = engine->begin(db::SessionKind::write);
        insert_value(session->db(), 3);
        session->commit();
    }
    CHECK(count_values(*engine) == 1);
    // The connection went back to the pool clean: the next write session starts from the committed state.
    auto session = engine->begin(db::SessionKind::write);
    CHECK(column(session->db(), "SELECT k FROM conformance_values") == std::vector<std::string>{"3"});
}

TEST_CASE("a snapshot session keeps the state of its first read and cannot write") {
    Target target;
    auto engine = target.open();
    create_values_table(*engine);
    {
        auto session = engine->begin(db::SessionKind::write);
        insert_value(session->db(), 1);
        session->commit();
    }
    auto snapshot = engine->begin(db::SessionKind::snapshot);
    const std::string count = "SELECT count(*) FROM conformance_values";
    CHECK(column(snapshot->db(), count) == std::vector<std::string>{"1"});
    {
        auto session = engine->begin(db::SessionKind::write);
        insert_value(session->db(), 2);
        session->commit();
    }
    CHECK(column(snapshot->db(), count) == std::vector<std::string>{"1"});
    auto single = engine->begin(db::SessionKind::single);
    CHECK(column(single->db(), count) == std::vector<std::string>{"2"});
    CHECK_THROWS_AS(insert_value(snapshot->db(), 3), db::Error);
}

TEST_CASE("write sessions that lock one organisation's row run one after the other", "[concurrency]") {
    Target target;
    auto engine = target.open();
    {
        auto session = engine->begin(db::SessionKind::write);
        add_organization(session->db(), "org-1", "Org");
        session->commit();
    }
    const auto lock_sql = [](db::Connection& db) {
        return "SELECT change_seq FROM organizations WHERE id = ?1" + std::string(db.for_update());
    };
    const auto read_locked = [&](db::Connection& db) {
        auto statement = db.prepare(lock_sql(db));
        statement.bind(1, "org-1");
        if (!statement.step()) throw std::runtime_error("the organisation's row is missing");
        return statement.int64(0);
    };
    const auto advance = [](db::Connection& db, std::int64_t from) {
        db.prepare("UPDATE organizations SET change_seq = ?1 WHERE id = ?2").bind_all(from + 1, "org-1").run();
    };

    auto first = engine->begin(db::SessionKind::write);
    const auto first_read = read_locked(first->db());
    CHECK(first_read == 0);

    std::atomic<bool> second_started = false;
    std::atomic<bool> second_done = false;
    std::int64_t second_read = -1;
    std::string second_failure;
    std::thread second([&] {
        second_started = true;
        try {
            auto session = engine->begin(db::SessionKind::write);
            second_read = read_locked(session->db());
            advance(session->db(), second_read);
            session->commit();
        } catch (const std::exception& e) {
            second_failure = e.what();
        }
        second_done = true;
    });
    while (!second_started) std::this_thread::yield();
    bool blocked = !target.postgres();
    if (target.postgres()) {
        // PostgreSQL runs writers at once: wait until the second one is blocked on the row lock, so that the
        // outcome below shows the lock did the ordering. (SQLite's writers queue before BEGIN, out of sight.) A
        // second writer that finished without waiting was not ordered at all.
        auto observer = engine->begin(db::SessionKind::single);
        auto waiting = observer->db().prepare(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
        for (int attempt = 0; attempt < 6000 && !blocked && !second_done; ++attempt) {
            waiting.reset();
            blocked = waiting.step() && waiting.int64(0) > 0;
            if (!blocked) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    advance(first->db(), first_read);
    first->commit();
    first.reset();
    second.join();
    REQUIRE(second_failure.empty());
    REQUIRE(blocked);

    // The second writer read the first one's committed value, not the value from before it.
    CHECK(second_read == 1);
    auto reader = engine->begin(db::SessionKind::single);
    CHECK(column(reader->db(), "SELECT change_seq FROM organizations") == std::vector<std::string>{"2"});
}

TEST_CASE("unique and primary-key violations are recognised, other errors are not") {
    Target target;
    auto engine = target.open();
    create_values_table(*engine);
    const auto error_of = [&](auto&& action) -> std::optional<db::Error> {
        auto session = engine->begin(db::SessionKind::write);
        try {
            action(session->db());
        } catch (const db::Error& error) {
            return error;
        }
        session->commit();
        return std::nullopt;
    };
    REQUIRE_FALSE(error_of([](db::Connection& db) {
        insert_value(db, 1);
        add_organization(db, "org-1", "Org");
        db.execute("INSERT INTO users (organization_id, id, username, display_name, role, password_hash, scope_seq) "
                   "VALUES ('org-1', 'u1', 'alice', 'Alice', 'manager', '', 0)");
    }));

    const auto primary_key = error_of([](db::Connection& db) { insert_value(db, 1); });
    REQUIRE(primary_key);
    CHECK(db::is_unique_violation(*primary_key));

    const auto unique = error_of([](db::Connection& db) {
        db.execute("INSERT INTO users (organization_id, id, username, display_name, role, password_hash, scope_seq) "
                   "VALUES ('org-1', 'u2', 'alice', 'Alice again', 'manager', '', 0)");
    });
    REQUIRE(unique);
    CHECK(db::is_unique_violation(*unique));

    const auto name_key = error_of([](db::Connection& db) { add_organization(db, "org-2", "Org"); });
    REQUIRE(name_key);
    CHECK(db::is_unique_violation(*name_key));

    const auto not_null = error_of([](db::Connection& db) {
        db.prepare("INSERT INTO organizations (id, name, created_at) VALUES (?1, NULL, 0)").bind(1, "org-3").run();
    });
    REQUIRE(not_null);
    CHECK_FALSE(db::is_unique_violation(*not_null));

    const auto foreign_key = error_of([](db::Connection& db) {
        db.execute("INSERT INTO users (organization_id, id, username, display_name, role, password_hash, scope_seq) "
                   "VALUES ('no-such-org', 'u3', 'bob', 'Bob', 'manager', '', 0)");
    });
    REQUIRE(foreign_key);
    CHECK_FALSE(db::is_unique_violation(*foreign_key));
}

TEST_CASE("changes counts the rows the last insert, update or delete touched") {
    Target target;
    auto engine = target.open();
    create_values_table(*engine);
    auto session = engine->begin(db::SessionKind::write);
    auto& db = session->db();
    db.prepare("INSERT INTO conformance_values (k) VALUES (?1), (?2), (?3)").bind_all(1, 2, 3).run();
    CHECK(db.changes() == 3);
    db.prepare("UPDATE conformance_values SET i = 1 WHERE k >= ?1").bind(1, 2).run();
    CHECK(db.changes() == 2);
    // A query leaves the count of the last change alone.
    CHECK(column(db, "SELECT k FROM conformance_values").size() == 3);
    CHECK(db.changes() == 2);
    db.prepare("DELETE FROM conformance_values WHERE k = ?1").bind(1, 99).run();
    CHECK(db.changes() == 0);
    db.execute("UPDATE conformance_values SET i = 2");
    CHECK(db.changes() == 3);
    db.prepare("INSERT INTO conformance_values (k) VALUES (?1) ON CONFLICT (k) DO NOTHING").bind(1, 1).run();
    CHECK(db.changes() == 0);
}

TEST_CASE("a statement dropped mid-iteration, or prepared twice at once, leaves the connection usable") {
    Target target;
    auto engine = target.open();
    create_values_table(*engine);
    auto session = engine->begin(db::SessionKind::write);
    auto& db = session->db();
    db.prepare("INSERT INTO conformance_values (k) VALUES (1), (2), (3)").run();
    const std::string all = "SELECT k FROM conformance_values WHERE k >= ?1 ORDER BY k";
    {
        auto statement = db.prepare(all);
        statement.bind(1, 1);
        REQUIRE(statement.step());
        CHECK(statement.int64(0) == 1);
    }
    // The same query twice at once (a nested use): each iterates its own rows.
    auto outer = db.prepare(all);
    outer.bind(1, 2);
    REQUIRE(outer.step());
    CHECK(outer.int64(0) == 2);
    CHECK(column(db, all, {"1"}) == std::vector<std::string>{"1", "2", "3"});
    REQUIRE(outer.step());
    CHECK(outer.int64(0) == 3);
    CHECK_FALSE(outer.step());
    insert_value(db, 4);
    session->commit();
    CHECK(count_values(*engine) == 4);
}

TEST_CASE("migrations are idempotent, and engines opening one database at once apply each migration once",
          "[concurrency]") {
    Target target;
    std::latch start(2);
    std::vector<std::string> failures(2);
    std::vector<std::unique_ptr<db::Engine>> engines(2);
    std::vector<std::thread> openers;
    for (int i = 0; i < 2; ++i) {
        openers.emplace_back([&, i] {
            start.arrive_and_wait();
            try {
                engines[static_cast<std::size_t>(i)] = target.open();
            } catch (const std::exception& e) {
                failures[static_cast<std::size_t>(i)] = e.what();
            }
        });
    }
    for (auto& opener : openers) opener.join();
    CHECK(failures == std::vector<std::string>{"", ""});
    REQUIRE(engines[0]);

    auto& engine = *engines[0];
    const auto versions = [&] {
        auto session = engine.begin(db::SessionKind::single);
        return column(session->db(), "SELECT version FROM schema_migrations ORDER BY version");
    };
    // Every migration this build knows is applied once, numbered from 1 without a gap.
    const auto known = target.migrations().size();
    REQUIRE(known >= 4);
    std::vector<std::string> expected;
    for (std::size_t version = 1; version <= known; ++version) expected.push_back(std::to_string(version));
    CHECK(versions() == expected);
    CHECK(db::run_migrations(engine, target.migrations()) == static_cast<int>(known));
    engines.clear();
    auto reopened = target.open();
    CHECK(db::run_migrations(*reopened, target.migrations()) == static_cast<int>(known));
    auto session = reopened->begin(db::SessionKind::single);
    CHECK(column(session->db(), "SELECT count(*) FROM schema_migrations") ==
          std::vector<std::string>{std::to_string(known)});

    // A build that knows fewer migrations than the database has refuses it.
    const std::vector<db::Migration> older(target.migrations().begin(), target.migrations().begin() + 2);
    CHECK_THROWS_WITH(db::run_migrations(*reopened, older), Catch::Contains("newer than this build knows"));
}

TEST_CASE("the engine reports its size and where the data is") {
    Target target;
    auto engine = target.open();
    CHECK(engine->database_bytes() > 0);
    CHECK_FALSE(engine->describe().empty());
    CHECK(engine->backend() == (target.postgres() ? db::Backend::postgresql : db::Backend::sqlite));
}

// --- PostgreSQL only ----------------------------------------------------------------------------------------------

TEST_CASE("a connection terminated during a session is replaced, and the next session works", "[postgres-only]") {
    Target target;
    // One connection: the next session cannot be served by another one that was never broken.
    db::PostgresOptions options;
    options.pool_size = 1;
    auto engine = target.open(options);
    auto killer = target.open();
    create_values_table(*engine);
    auto victim = engine->begin(db::SessionKind::write);
    insert_value(victim->db(), 1);
    const auto pid = backend_pid(victim->db());
    terminate_backend(*killer, pid);

    try {
        insert_value(victim->db(), 2);
        FAIL("a statement on a terminated connection succeeded");
    } catch (const db::Error& error) {
        CHECK((error.code().starts_with("57P") || error.code().starts_with("08")));
    }
    victim.reset();

    auto session = engine->begin(db::SessionKind::write);
    CHECK(backend_pid(session->db()) != pid);
    insert_value(session->db(), 3);
    session->commit();
    session.reset();
    CHECK(count_values(*engine) == 1);  // the terminated session's insert was never committed
}

TEST_CASE("a connection terminated while idle in the pool is not handed out", "[postgres-only]") {
    Target target;
    auto engine = target.open();
    auto killer = target.open();
    std::int64_t pid = 0;
    {
        auto session = engine->begin(db::SessionKind::single);
        pid = backend_pid(session->db());
    }
    terminate_backend(*killer, pid);
    // A single session runs no BEGIN that could notice: the pool itself must have seen the connection end.
    auto session = engine->begin(db::SessionKind::single);
    CHECK(backend_pid(session->db()) != pid);
    session.reset();

    // Several dead connections at once (the server restarted): write sessions get live ones.
    std::vector<std::unique_ptr<db::Session>> sessions;
    for (int i = 0; i < 3; ++i) sessions.push_back(engine->begin(db::SessionKind::single));
    std::vector<std::int64_t> pids;
    for (auto& held : sessions) pids.push_back(backend_pid(held->db()));
    sessions.clear();
    for (const auto dead : pids) terminate_backend(*killer, dead);
    for (int i = 0; i < 3; ++i) {
        auto write = engine->begin(db::SessionKind::write);
        CHECK(std::find(pids.begin(), pids.end(), backend_pid(write->db())) == pids.end());
    }
}

TEST_CASE("begin waits for a free connection, up to a bound", "[postgres-only][concurrency]") {
    Target target;
    db::PostgresOptions options;
    options.pool_size = 1;
    options.acquire_timeout = std::chrono::milliseconds(200);
    auto engine = target.open(options);
    auto held = engine->begin(db::SessionKind::single);
    CHECK_THROWS_WITH(engine->begin(db::SessionKind::single), Catch::Contains("no PostgreSQL connection became free") &&
                                                                  Catch::Contains("all 1 connections"));

    // A waiter gets the connection a session gives back.
    options.acquire_timeout = std::chrono::minutes(5);
    auto patient = target.open(options);
    auto first = patient->begin(db::SessionKind::write);
    const auto pid = backend_pid(first->db());
    std::atomic<std::int64_t> waiter_pid = 0;
    std::thread waiter([&] {
        try {
            auto session = patient->begin(db::SessionKind::write);
            auto statement = session->db().prepare("SELECT pg_backend_pid()");
            if (statement.step()) waiter_pid = statement.int64(0);
        } catch (const std::exception&) {
            waiter_pid = -1;
        }
    });
    first.reset();
    waiter.join();
    CHECK(waiter_pid == pid);
}

TEST_CASE("errors carry the SQLSTATE and PostgreSQL's message, and an aborted transaction does not commit",
          "[postgres-only]") {
    Target target;
    auto engine = target.open();
    create_values_table(*engine);
    {
        auto session = engine->begin(db::SessionKind::write);
        insert_value(session->db(), 1);
        session->commit();
    }
    auto session = engine->begin(db::SessionKind::write);
    insert_value(session->db(), 2);
    try {
        insert_value(session->db(), 1);
        FAIL("a duplicate key was accepted");
    } catch (const db::Error& error) {
        CHECK(error.code() == "23505");
        CHECK_THAT(error.what(), Catch::Contains("duplicate key value violates unique constraint") &&
                                     Catch::Contains("Key (k)=(1) already exists") &&
                                     Catch::Contains("INSERT INTO conformance_values"));
    }
    // PostgreSQL aborted the whole transaction: committing must not pretend it kept k = 2.
    try {
        session->commit();
        FAIL("an aborted transaction committed");
    } catch (const db::Error& error) {
        CHECK(error.code() == "25P02");
    }
    session.reset();
    CHECK(count_values(*engine) == 1);

    auto single = engine->begin(db::SessionKind::single);
    CHECK_THROWS_WITH(single->db().prepare("SELECT nope FROM conformance_values"),
                      Catch::Contains("column \"nope\" does not exist"));
    CHECK_THROWS_WITH(single->db().prepare("SELECT k FROM conformance_values WHERE k = ?").step(),
                      Catch::Contains("unnumbered parameter"));
    auto statement = single->db().prepare("SELECT ?1");
    CHECK_THROWS_WITH(statement.bind(2, "x"), Catch::Contains("parameter ?2 does not exist"));
    CHECK_THROWS_WITH(statement.bind(1, std::numeric_limits<double>::quiet_NaN()), Catch::Contains("not a finite"));
    CHECK_THROWS_WITH(statement.bind(1, std::numeric_limits<double>::infinity()), Catch::Contains("not a finite"));
    CHECK_THROWS_WITH(statement.bind(1, "a\0b"s), Catch::Contains("contains a NUL byte"));
}

TEST_CASE("the engine never shows the password, and names the server it cannot reach", "[postgres-only]") {
    Target target;
    // The test cluster trusts loopback connections, so any password gets in.
    const std::string url = target.postgres_url();
    const std::string with_password = "postgresql://postgres:hunter2-secret@" + url.substr(url.find('@') + 1);
    auto engine = db::open_postgres_engine(with_password);
    CHECK(engine->describe().find("hunter2") == std::string::npos);
    CHECK(engine->describe().find("127.0.0.1") != std::string::npos);

    // A port nothing listens on (the cluster's own port minus 10000 is outside the script's range).
    const auto port_at = with_password.find(":", with_password.find('@'));
    const auto port = std::stoi(with_password.substr(port_at + 1));
    const std::string unreachable = with_password.substr(0, port_at + 1) + std::to_string(port - 10000) +
                                    with_password.substr(with_password.find('/', port_at));
    db::PostgresOptions options;
    options.connect_timeout = std::chrono::seconds(5);
    try {
        (void)db::open_postgres_engine(unreachable, options);
        FAIL("connected to a port nothing listens on");
    } catch (const std::runtime_error& error) {
        const std::string message = error.what();
        CHECK(message.find("hunter2") == std::string::npos);
        CHECK_THAT(message, Catch::Contains("cannot connect to PostgreSQL") &&
                                Catch::Contains("port " + std::to_string(port - 10000)) &&
                                Catch::Contains("host 127.0.0.1") && Catch::Contains("database floorwalk_test_"));
    }
}

TEST_CASE("the PostgreSQL schema has SQLite's tables, columns, keys and indexes", "[postgres-only]") {
    Target target;
    auto postgres = target.open();
    TempDir folder;
    auto sqlite = db::open_sqlite_engine(folder.path());
    auto pg = postgres->begin(db::SessionKind::snapshot);
    auto lite = sqlite->begin(db::SessionKind::snapshot);

    const auto tables = column(lite->db(), "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                           "'sqlite_%' ORDER BY name");
    CHECK(tables.size() > 15);
    CHECK(column(pg->db(), "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                           "AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE \"C\"") == tables);

    const std::set<std::string> bigint_columns_by_name = {"seq", "last_seen", "window_start", "inactive_since"};
    for (const auto& table : tables) {
        INFO("table " << table);
        // Columns with NOT NULL (SQLite's primary-key columns are NOT NULL on PostgreSQL by definition).
        auto lite_columns = column(lite->db(),
                                   "SELECT name || CASE WHEN \"notnull\" = 1 OR pk > 0 THEN ' not null' ELSE '' END "
                                   "FROM pragma_table_info(?1) ORDER BY name",
                                   {table});
        const auto pg_columns = column(pg->db(),
                                       "SELECT column_name || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' "
                                       "END FROM information_schema.columns WHERE table_schema = current_schema() AND "
                                       "table_name = ?1 AND column_name <> 'ordinal' ORDER BY column_name COLLATE \"C\"",
                                       {table});
        CHECK(pg_columns == lite_columns);
        CHECK(column(pg->db(),
                     "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND "
                     "a.attnum = ANY (i.indkey) WHERE i.indrelid = ?1::regclass AND i.indisprimary "
                     "ORDER BY array_position(i.indkey::int2[], a.attnum)",
                     {table}) ==
              column(lite->db(), "SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk", {table}));
        CHECK(column(pg->db(),
                     "SELECT count(*) FROM information_schema.table_constraints WHERE table_schema = current_schema() "
                     "AND table_name = ?1 AND constraint_type = 'FOREIGN KEY'",
                     {table}) ==
              column(lite->db(), "SELECT count(DISTINCT id) FROM pragma_foreign_key_list(?1)", {table}));
        // Every text column compares byte by byte; times and counter values are 64-bit.
        for (const auto& row : column(pg->db(),
                                      "SELECT column_name || ' ' || data_type || ' ' || coalesce(collation_name, '') "
                                      "FROM information_schema.columns WHERE table_schema = current_schema() AND "
                                      "table_name = ?1",
                                      {table})) {
            INFO(row);
            const auto name = row.substr(0, row.find(' '));
            // (schema_migrations is migration.cpp's, common to both engines.)
            if (row.find(" text ") != std::string::npos && table != "schema_migrations") CHECK(row.ends_with(" C"));
            if (bigint_columns_by_name.contains(name) || name.ends_with("_seq") || name.ends_with("_at") ||
                name == "ordinal") {
                CHECK(row.find(" bigint ") != std::string::npos);
            }
        }
    }
    // Every index SQLite's schema creates by name exists on PostgreSQL too.
    const auto pg_indexes =
        column(pg->db(), "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname");
    for (const auto& index : column(lite->db(), "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT "
                                                "NULL ORDER BY name")) {
        CHECK(std::find(pg_indexes.begin(), pg_indexes.end(), index) != pg_indexes.end());
    }
}
