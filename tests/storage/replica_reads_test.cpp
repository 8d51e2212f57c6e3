// Reads from a read replica (sync/replica_reads.h): a copy serves a read only once its change counter reached the
// position the read needs (a pull: its cursor and the device's last push; the indicators' catch-up: where it reads
// up to), otherwise the primary does; a copy that cannot be used leaves every read to the primary.
//
// The rule is the same on every engine, so the SQLite run checks it against a frozen copy of the database (a
// replica that stopped replaying). The PostgreSQL run uses the test cluster's streaming standby, with its replay
// paused for the lagging cases.
#include "store_fixture.h"

#include "database/postgres/postgres_engine.h"
#include "database/sqlite/sqlite_engine.h"
#include "indicators/indicator_service.h"
#include "storage/cursor.h"
#include "sync/sql_store.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <thread>

using namespace floorwalk;
using namespace floorwalk::test;
using namespace std::chrono_literals;
using server::ReplicaPolicy;
using server::ReplicaReadStatus;
using server::SqlStore;

namespace {

// Signs the caller's device in (the devices row a push records its position in).
void register_device(server::Store& store, const server::Caller& caller) {
    server::TokenRecord token;
    token.token_hash = "hash-of-" + caller.device_id;
    token.organization_id = caller.organization_id;
    token.user_id = caller.user_id;
    token.device_id = caller.device_id;
    token.issued_at = push_time;
    token.expires_at = push_time + std::chrono::hours(24 * 30);
    store.save_token(token, "Phone of " + caller.username);
}

bool has_observation(const server::PullPage& page, const std::string& id) {
    return std::ranges::any_of(page.observations, [&](const Observation& o) { return o.id == id; });
}

bool has_change(const server::AppliedChanges& changes, const std::string& id) {
    return std::ranges::any_of(changes.observations, [&](const auto& change) {
        return change.after && change.after->id == id;
    });
}

// What a store's replica counters moved by since `before`.
struct Served {
    std::uint64_t replica = 0;
    std::uint64_t behind = 0;
    std::uint64_t unavailable = 0;
};
Served since(const ReplicaReadStatus& before, const ReplicaReadStatus& after) {
    return {after.standby - before.standby, after.primary_behind - before.primary_behind,
            after.primary_unavailable - before.primary_unavailable};
}

// The SQLite run: the fixture's database, and a copy of it taken now that is never brought forward.
struct FrozenCopy {
    explicit FrozenCopy(StoreFixture& f) {
        f.store.reset();  // the last connection checkpoints the write-ahead log into the file
        for (const auto& entry : std::filesystem::directory_iterator(f.dir.path()))
            std::filesystem::copy(entry.path(), copy.path() / entry.path().filename());
    }
    [[nodiscard]] std::unique_ptr<SqlStore> replicated_store(const StoreFixture& f, ReplicaPolicy policy) const {
        return std::make_unique<SqlStore>(server::db::open_sqlite_engine(f.dir.path()),
                                          server::db::open_sqlite_engine(copy.path()), policy);
    }
    TempDir copy;
};

}  // namespace

TEST_CASE("a copy serves a pull only once it holds the device's pushes and the cursor's position", "[sqlite-only]") {
    StoreFixture f;
    FrozenCopy frozen(f);
    f.store = frozen.replicated_store(f, ReplicaPolicy{.wait = 0ms});
    auto& store = *f.store;
    const auto paris = f.caller("mgr.paris");
    const auto hq = f.caller("hq");
    register_device(store, paris);
    register_device(store, hq);
    REQUIRE(store.replica_reads().configured);

    // Nothing pushed yet: the copy holds everything either device must see.
    auto before = store.replica_reads();
    CHECK(store.pull(paris, "", 100).employees.size() == 3);
    CHECK(since(before, store.replica_reads()).replica == 1);
    CHECK(store.replica_reads().available);

    const auto pushed = observation(uuid(1), "e-paris-1");
    REQUIRE(f.push_one("mgr.paris", pushed).status == server::PushStatus::accepted);

    SECTION("the pushing device reads its push from the primary") {
        before = store.replica_reads();
        const auto page = store.pull(paris, "", 100);
        CHECK(has_observation(page, pushed.id));
        CHECK(since(before, store.replica_reads()).behind == 1);
        CHECK(since(before, store.replica_reads()).replica == 0);
    }
    SECTION("another device, which depends on nothing newer than the copy, is served by the copy") {
        before = store.replica_reads();
        const auto page = store.pull(hq, "", 100);
        CHECK_FALSE(has_observation(page, pushed.id));  // the copy stopped before the push
        CHECK(since(before, store.replica_reads()).replica == 1);
    }
    SECTION("a cursor beyond the copy is served by the primary, never answered as a cursor from the future") {
        const auto cursor = store.pull(paris, "", 100).cursor;
        before = store.replica_reads();
        const auto page = store.pull(hq, cursor, 100);
        CHECK_FALSE(page.reset);
        CHECK(page.cursor == cursor);
        CHECK(since(before, store.replica_reads()).behind == 1);
    }
    SECTION("another server on the same database knows where the device's pushes stand") {
        auto other_server = frozen.replicated_store(f, ReplicaPolicy{.wait = 0ms});
        const auto page = other_server->pull(paris, "", 100);
        CHECK(has_observation(page, pushed.id));
        CHECK(other_server->replica_reads().primary_behind == 1);
        CHECK(other_server->replica_reads().standby == 0);
    }
    SECTION("the indicators' changes come from the copy only up to where it stands; records from any copy") {
        const auto now = store.change_position(f.org).change_seq;
        before = store.replica_reads();
        int observations = 0;
        const auto copy_position = store.load_current_records(
            f.org, [&](const Observation&) { ++observations; }, [](const CoachingActivity&) {});
        CHECK(observations == 0);  // read on the copy, which the push never reached
        CHECK(copy_position.change_seq < now);
        CHECK(since(before, store.replica_reads()).replica == 1);

        before = store.replica_reads();
        CHECK(has_change(store.record_changes(f.org, copy_position.change_seq, now), pushed.id));
        CHECK(since(before, store.replica_reads()).behind == 1);

        before = store.replica_reads();
        CHECK(store.record_changes(f.org, 0, copy_position.change_seq).observations.empty());
        CHECK(since(before, store.replica_reads()).replica == 1);
    }
}

TEST_CASE("a read that waits for a copy that does not move is served by the primary, the wait counted",
          "[sqlite-only]") {
    StoreFixture f;
    FrozenCopy frozen(f);
    f.store = frozen.replicated_store(f, ReplicaPolicy{.wait = 30ms, .poll_interval = 5ms});
    const auto paris = f.caller("mgr.paris");
    register_device(*f.store, paris);
    const auto pushed = observation(uuid(1), "e-paris-1");
    REQUIRE(f.push_one("mgr.paris", pushed).status == server::PushStatus::accepted);

    CHECK(has_observation(f.store->pull(paris, "", 100), pushed.id));
    const auto status = f.store->replica_reads();
    CHECK(status.primary_behind == 1);
    CHECK(status.waited == 1);
    CHECK(status.wait_time > 0us);
}

TEST_CASE("a copy of another database is never read", "[sqlite-only]") {
    StoreFixture f;
    TempDir elsewhere;
    (void)server::open_sqlite_store(elsewhere.path());  // a Floorwalk database with an id of its own
    f.store.reset();
    f.store = std::make_unique<SqlStore>(server::db::open_sqlite_engine(f.dir.path()),
                                         server::db::open_sqlite_engine(elsewhere.path()), ReplicaPolicy{});
    const auto paris = f.caller("mgr.paris");
    CHECK(f.store->pull(paris, "", 100).employees.size() == 3);
    const auto status = f.store->replica_reads();
    CHECK(status.primary_unavailable == 1);
    CHECK(status.standby == 0);
    CHECK_FALSE(status.available);
}

TEST_CASE("a store without a replica counts nothing and reports none") {
    StoreFixture f;
    const auto paris = f.caller("mgr.paris");
    (void)f.store->pull(paris, "", 100);
    const auto status = f.store->replica_reads();
    CHECK_FALSE(status.configured);
    CHECK(status.standby + status.primary_behind + status.primary_unavailable == 0);
}

TEST_CASE("a read replica needs PostgreSQL", "[sqlite-only]") {
    TempDir dir;
    server::StoreLocation location;
    location.data_dir = dir.path();
    location.read_replica_url = "postgresql://127.0.0.1/floorwalk";
    CHECK_THROWS_WITH(server::open_store(location), Catch::Contains("needs the PostgreSQL engine"));
}

// --- PostgreSQL: the test cluster's streaming standby ---------------------------------------------------------

namespace {

// The primary's database and the standby's view of it, for stores that read from the standby.
struct StandbyFixture : StoreFixture {
    StandbyFixture() {
        REQUIRE(database.is_postgresql());
        standby_url = database.standby_url();
        REQUIRE_FALSE(standby_url.empty());
        register_device(*store, caller("mgr.paris"));
        register_device(*store, caller("hq"));
        wait_for_standby(store->change_position(org).change_seq);
    }

    [[nodiscard]] std::unique_ptr<SqlStore> replicated_store(ReplicaPolicy policy,
                                                             const std::string& replica_url = {}) const {
        return std::make_unique<SqlStore>(server::db::open_postgres_engine(database.location().database_url),
                                          server::db::open_postgres_standby_engine(
                                              replica_url.empty() ? standby_url : replica_url),
                                          policy);
    }

    // Waits (up to a minute) until the standby has the test's database and the organisation at `position`, so
    // that a test starts from a standby that is there (it replays the database's creation a moment after).
    void wait_for_standby(std::int64_t position) const {
        auto standby = server::db::open_postgres_standby_engine(standby_url);
        for (int attempt = 0; attempt < 1200; ++attempt) {
            try {
                auto session = standby->begin(server::db::SessionKind::single);
                auto statement = session->db().prepare("SELECT change_seq FROM organizations WHERE id = ?1");
                statement.bind_all(org);
                if (statement.step() && statement.int64(0) >= position) return;
            } catch (const server::db::Error&) {
                // Not there yet (the database's creation is not replayed): look again.
            }
            std::this_thread::sleep_for(50ms);
        }
        FAIL("the standby did not replay the test's database within a minute");
    }

    std::string standby_url;
};

// Pauses WAL replay on the cluster's standby for its lifetime and resumes it however the test ends: the standby
// is shared by every test of the cluster, so a pause is kept short and always undone.
class ReplayPaused {
public:
    // `nudge` writes on the primary: a pause takes effect when the standby next applies a record.
    ReplayPaused(const std::string& standby_url, const std::function<void()>& nudge)
        : standby_(server::db::open_postgres_standby_engine(standby_url)), resume_{*standby_} {
        run("SELECT pg_wal_replay_pause()");
        for (int attempt = 0; attempt < 600 && state() != "paused"; ++attempt) {
            nudge();
            std::this_thread::sleep_for(10ms);
        }
        REQUIRE(state() == "paused");
    }

private:
    struct Resume {
        server::db::Engine& standby;
        ~Resume() {
            try {
                standby.begin(server::db::SessionKind::single)->db().execute("SELECT pg_wal_replay_resume()");
            } catch (const std::exception& error) {
                std::fprintf(stderr, "replica_reads_test: could not resume the standby's replay: %s\n", error.what());
            }
        }
    };

    void run(const char* sql) { standby_->begin(server::db::SessionKind::single)->db().execute(sql); }
    std::string state() {
        auto session = standby_->begin(server::db::SessionKind::single);
        auto statement = session->db().prepare("SELECT pg_get_wal_replay_pause_state()");
        return statement.step() ? statement.text(0) : std::string();
    }

    std::unique_ptr<server::db::Engine> standby_;
    Resume resume_;
};

}  // namespace

TEST_CASE("read-your-writes through the standby: a push, then at once a pull by the same device, sees the push",
          "[postgres-only]") {
    StandbyFixture f;
    const auto paris = f.caller("mgr.paris");

    SECTION("with the default wait, whichever serves it") {
        auto store = f.replicated_store(ReplicaPolicy{});
        std::string cursor;
        for (int i = 1; i <= 25; ++i) {
            const auto pushed = observation(uuid(i), "e-paris-1");
            REQUIRE(store->push(paris, {pushed}, {}, push_time).front().status == server::PushStatus::accepted);
            const auto page = store->pull(paris, cursor, 100);
            INFO("push " << i);
            REQUIRE(has_observation(page, pushed.id));
            CHECK_FALSE(page.reset);
            cursor = page.cursor;
        }
        const auto status = store->replica_reads();
        CHECK(status.standby + status.primary_behind == 25);
        CHECK(status.primary_unavailable == 0);
    }
    SECTION("with a wait longer than the standby's lag, always by the standby") {
        auto store = f.replicated_store(ReplicaPolicy{.wait = 30s});
        std::string cursor;
        for (int i = 1; i <= 25; ++i) {
            const auto pushed = observation(uuid(100 + i), "e-paris-2");
            REQUIRE(store->push(paris, {pushed}, {}, push_time).front().status == server::PushStatus::accepted);
            const auto page = store->pull(paris, cursor, 100);
            INFO("push " << i);
            REQUIRE(has_observation(page, pushed.id));
            cursor = page.cursor;
        }
        CHECK(store->replica_reads().standby == 25);
        CHECK(store->replica_reads().primary_behind == 0);
        CHECK(store->replica_reads().available);
    }
}

TEST_CASE("with the standby's replay paused, reads needing the new push go to the primary, others to the standby",
          "[postgres-only]") {
    StandbyFixture f;
    const auto paris = f.caller("mgr.paris");
    const auto hq = f.caller("hq");
    auto store = f.replicated_store(ReplicaPolicy{.wait = 100ms});
    server::IndicatorService indicators(*store, server::IndicatorOptions{.snapshot_interval = 0ms});
    const auto pushed = observation(uuid(1), "e-paris-1");
    std::int64_t before_push = 0;
    std::int64_t after_push = 0;
    {
        auto nudge_time = push_time;
        ReplayPaused paused(f.standby_url, [&] { store->touch_device(f.org, paris.device_id, nudge_time += 1s); });
        before_push = store->change_position(f.org).change_seq;
        REQUIRE(store->push(paris, {pushed}, {}, push_time).front().status == server::PushStatus::accepted);
        after_push = store->change_position(f.org).change_seq;

        // The pushing device reads its push: the standby never reaches it, so the primary answers after the wait.
        auto before = store->replica_reads();
        CHECK(has_observation(store->pull(paris, "", 100), pushed.id));
        CHECK(since(before, store->replica_reads()).behind == 1);
        CHECK(since(before, store->replica_reads()).replica == 0);

        // A device that never pushed reads what the standby holds.
        before = store->replica_reads();
        CHECK_FALSE(has_observation(store->pull(hq, "", 100), pushed.id));
        CHECK(since(before, store->replica_reads()).replica == 1);

        // The indicators' catch-up to the primary's position reads its changes on the primary.
        before = store->replica_reads();
        CHECK(has_change(store->record_changes(f.org, before_push, after_push), pushed.id));
        CHECK(since(before, store->replica_reads()).behind == 1);

        // Loading the indicators: the records from the standby, the changes after them from the primary.
        before = store->replica_reads();
        indicators.prepare(f.org);
        CHECK(since(before, store->replica_reads()).replica >= 1);
        CHECK(since(before, store->replica_reads()).behind == 1);
    }
    // Replay resumed: the standby catches up and serves the device's reads again.
    auto caught_up = f.replicated_store(ReplicaPolicy{.wait = 30s});
    CHECK(has_observation(caught_up->pull(paris, "", 100), pushed.id));
    CHECK(caught_up->replica_reads().standby == 1);
    CHECK(has_change(caught_up->record_changes(f.org, before_push, after_push), pushed.id));
    CHECK(caught_up->replica_reads().standby == 2);
}

TEST_CASE("a standby that cannot be reached leaves every read to the primary, without an error", "[postgres-only]") {
    StandbyFixture f;
    const auto paris = f.caller("mgr.paris");
    // A port nothing listens on (the cluster's own port minus 10000 is outside the script's range).
    const auto& url = f.database.location().database_url;
    const auto port_at = url.find(':', url.find('@'));
    const auto port = std::stoi(url.substr(port_at + 1));
    const auto unreachable =
        url.substr(0, port_at + 1) + std::to_string(port - 10000) + url.substr(url.find('/', port_at));
    auto store = f.replicated_store(ReplicaPolicy{}, unreachable);

    const auto pushed = observation(uuid(1), "e-paris-1");
    REQUIRE(store->push(paris, {pushed}, {}, push_time).front().status == server::PushStatus::accepted);
    CHECK(has_observation(store->pull(paris, "", 100), pushed.id));
    CHECK(has_observation(store->pull(f.caller("hq"), "", 100), pushed.id));
    const auto now = store->change_position(f.org).change_seq;
    CHECK(has_change(store->record_changes(f.org, 0, now), pushed.id));
    int observations = 0;
    CHECK(store->load_current_records(f.org, [&](const Observation&) { ++observations; },
                                      [](const CoachingActivity&) {})
              .change_seq == now);
    CHECK(observations == 1);

    const auto status = store->replica_reads();
    CHECK(status.primary_unavailable == 4);
    CHECK(status.standby == 0);
    CHECK_FALSE(status.available);
}

TEST_CASE("a replica URL naming another Floorwalk database is never read", "[postgres-only]") {
    StandbyFixture f;
    // Another database on the same cluster, with a Floorwalk schema and an id of its own.
    PostgresTestDatabase other(postgres_cluster_url());
    (void)server::open_store(server::StoreLocation{.database_url = other.url()});
    auto store = f.replicated_store(ReplicaPolicy{}, other.url());
    CHECK(store->pull(f.caller("mgr.paris"), "", 100).employees.size() == 3);
    CHECK(store->replica_reads().primary_unavailable == 1);
    CHECK(store->replica_reads().standby == 0);
}
