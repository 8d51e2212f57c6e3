// GET /readyz: the probe's states (ready, unreachable, timed out, schema mismatch), one query in flight at most,
// and the route on a real store (both engines) and over HTTP (HEAD). The PostgreSQL run also drops the database
// under a running API.
#include "api/readiness.h"
#include "support/api_fixture.h"
#include "support/http_client.h"
#include "support/json.h"
#include "support/test_server.h"
#include "sync/sql_store.h"
#include "test_database.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

using namespace floorwalk;
using namespace floorwalk::server;
using namespace floorwalk::server::test;
using namespace std::chrono_literals;

namespace {

// A query held until the test lets it go: a database that hangs, without timing anything.
class Gate {
public:
    void open() {
        {
            std::lock_guard lock(mutex_);
            open_ = true;
        }
        opened_.notify_all();
    }
    void pass() {
        std::unique_lock lock(mutex_);
        opened_.wait(lock, [&] { return open_; });
    }

private:
    std::mutex mutex_;
    std::condition_variable opened_;
    bool open_ = false;
};

std::string header(const Response& response, std::string_view name) {
    for (const auto& [key, value] : response.headers)
        if (key == name) return value;
    return {};
}

// Runs SQL through a store of its own on the fixture's database, beside the API's (as another build would). The
// store is opened before the schema moves: opening one on a newer schema is refused.
void execute(Store& store, const std::string& sql) {
    auto& sql_store = dynamic_cast<SqlStore&>(store);
    auto session = sql_store.engine().begin(db::SessionKind::write);
    session->db().execute(sql);
    session->commit();
}

}  // namespace

// The probe's own cases touch no database: tagged [sqlite-only] so that the PostgreSQL run does not repeat them.

TEST_CASE("the readiness probe is ready when the schema is the one this build knows", "[sqlite-only]") {
    std::atomic<int> queries{0};
    ReadinessProbe probe(
        [&] {
            ++queries;
            return SchemaVersion{4, 4};
        },
        5s);
    const auto report = probe.check();
    CHECK(report.state == ReadinessState::ready);
    CHECK(report.schema.found == 4);
    CHECK(report.cause.empty());
    CHECK_FALSE(report.changed);  // ready from the start: nothing to log
    CHECK(probe.check().state == ReadinessState::ready);
    CHECK(queries == 2);  // every check asks the database afresh
}

TEST_CASE("the readiness probe names a schema mismatch and a database that fails", "[sqlite-only]") {
    SchemaVersion answer{5, 4};
    bool fail = false;
    ReadinessProbe probe(
        [&] {
            if (fail) throw std::runtime_error("could not connect to server: Connection refused");
            return answer;
        },
        5s);
    auto report = probe.check();
    CHECK(report.state == ReadinessState::schema_mismatch);
    CHECK(report.cause == "the database schema is at version 5 and this build's is 4");
    CHECK(report.changed);

    fail = true;
    report = probe.check();
    CHECK(report.state == ReadinessState::database_unreachable);
    CHECK(report.cause == "could not connect to server: Connection refused");
    CHECK(report.changed);
    CHECK_FALSE(probe.check().changed);  // the same failure again is not logged again

    fail = false;
    answer = {4, 4};
    report = probe.check();
    CHECK(report.state == ReadinessState::ready);
    CHECK(report.changed);  // back: logged once
}

TEST_CASE("the readiness probe answers database_timeout while a query hangs, and never runs two at once",
          "[sqlite-only][concurrency]") {
    Gate gate;
    std::atomic<int> queries{0};
    ReadinessProbe probe(
        [&] {
            ++queries;
            gate.pass();
            return SchemaVersion{4, 4};
        },
        50ms);
    auto report = probe.check();
    CHECK(report.state == ReadinessState::database_timeout);
    CHECK(report.cause == "the database did not answer within 50 ms");
    // Checks while the query hangs wait for that one instead of starting more.
    for (int i = 0; i < 3; ++i) CHECK(probe.check().state == ReadinessState::database_timeout);
    CHECK(queries == 1);

    gate.open();
    // The held query finishes; a check that finds it finished starts a new one, which passes the open gate.
    // The deadline is not what is tested: a slow machine may take several checks to see the answer.
    for (int i = 0; i < 200 && report.state != ReadinessState::ready; ++i) report = probe.check();
    CHECK(report.state == ReadinessState::ready);
    // The next check finds that query finished and asks again: an old answer is never reused.
    const int before = queries;
    CHECK(probe.check().state == ReadinessState::ready);
    CHECK(queries == before + 1);
}

TEST_CASE("the readiness probe waits for a hanging query when destroyed", "[sqlite-only][concurrency]") {
    Gate gate;
    std::atomic<bool> finished{false};
    std::thread opener;
    {
        ReadinessProbe probe(
            [&] {
                gate.pass();
                finished = true;
                return SchemaVersion{1, 1};
            },
            10ms);
        CHECK(probe.check().state == ReadinessState::database_timeout);
        opener = std::thread([&] { gate.open(); });
    }  // joins the query's thread: nothing runs on after the probe (and the store it reads) is gone
    CHECK(finished);
    opener.join();
}

TEST_CASE_METHOD(ApiFixture, "GET /readyz answers 200 ready with the schema version, anonymously, not cached") {
    for (const char* path : {"/readyz", "/api/v1/readyz"}) {
        INFO(path);
        const auto response = call("GET", path);
        CHECK(response.status == 200);
        const auto version = store->schema_version();
        CHECK(version.found == version.known);
        CHECK(version.known >= 4);
        CHECK(response.body == R"({"status":"ready","schemaVersion":)" + std::to_string(version.known) + "}");
        CHECK(response.content_type == "application/json");
        CHECK(header(response, "Cache-Control") == "no-store");
        CHECK(last_log.route == path);
    }
    CHECK(call("POST", "/readyz").status == 405);
}

TEST_CASE_METHOD(ApiFixture, "GET /readyz answers 503 schema_mismatch when another build migrated the database") {
    const auto known = store->schema_version().known;
    const auto other_build = floorwalk::test::test_database(dir.path()).open();
    execute(*other_build, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (" +
                          std::to_string(known + 1) + ", 'from a newer build', 0)");
    auto response = call("GET", "/readyz");
    CHECK(response.status == 503);
    const auto error = from_json<pb::ErrorResponse>(response.body);
    CHECK(error.error().code() == "schema_mismatch");
    CHECK(error.error().message() == "The database schema is at version " + std::to_string(known + 1) +
                                         ", this server's is " + std::to_string(known) +
                                         ": run the floorwalk-server version that matches the database.");
    // Liveness is another question: the process is fine, a restart would not help.
    CHECK(call("GET", "/healthz").status == 200);

    execute(*other_build, "DELETE FROM schema_migrations WHERE version = " + std::to_string(known + 1));
    CHECK(call("GET", "/readyz").status == 200);
}

TEST_CASE("GET and HEAD /readyz over HTTP") {
    TempDir dir;
    TestServer server(dir.path());
    const auto get = http_request(server.port(), "GET", "/readyz");
    CHECK(get.status == 200);
    CHECK(get.body.find(R"("status":"ready")") != std::string::npos);
    const auto head = http_request(server.port(), "HEAD", "/readyz");
    CHECK(head.status == 200);
    CHECK(head.body.empty());
    CHECK(head.header("Content-Length") == get.header("Content-Length"));
    CHECK(http_request(server.port(), "HEAD", "/api/v1/readyz").status == 200);
}

TEST_CASE("GET /readyz answers 503 database_unreachable once the PostgreSQL database is dropped", "[postgres-only]") {
    floorwalk::test::PostgresTestDatabase database(floorwalk::test::postgres_cluster_url());
    StoreLocation location;
    location.database_url = database.url();
    location.pool_size = 2;
    const auto store = open_store(location);
    Authenticator auth(*store);
    Api api(*store, auth, ApiConfig{});
    RequestLog log;
    auto request = ApiFixture::make_request("GET", "/readyz");
    REQUIRE(api.handle(request, log).status == 200);

    database.drop();  // terminates the pooled connections; new ones find no database

    const auto response = api.handle(request, log);
    CHECK(response.status == 503);
    const auto error = from_json<pb::ErrorResponse>(response.body);
    CHECK(error.error().code() == "database_unreachable");
    CHECK(error.error().message() == "The database cannot be reached; the cause is in the server's log.");
    CHECK(response.body.find(database.name()) == std::string::npos);
}
