// The indicator service as a cache beside the database (indicators/indicator_service.h): organisations loaded
// from a snapshot plus the change log, snapshots that are never trusted when damaged, several servers on one
// database, eviction under a memory budget, failures while an index is brought up to date, and the background
// snapshotter. Every answer is compared with an index built from the records, or with shared's compute_indicators
// over the store's current records.
#include "forwarding_store.h"
#include "indicator_fixture.h"

#include "api/router.h"
#include "database/database.h"
#include "database/engine.h"
#include "database/postgres/postgres_engine.h"
#include "database/sqlite/sqlite_engine.h"
#include "floorwalk/time.h"
#include "floorwalk/wire.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <future>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

using namespace floorwalk;
using namespace floorwalk::test;

namespace {

const Query march{{"at", "2026-04-01T00:00:00Z"}, {"windowDays", "90"}, {"from", "2026-03-01"}, {"to", "2026-04-01"}};
const IndicatorParams march_params{
    .at = at("2026-04-01T00:00:00Z"), .window_days = 90, .from = at("2026-03-01"), .to = at("2026-04-01")};
constexpr auto fixture_now = "2026-04-01T00:00:00Z";

// A clock fixed at `now`, and no snapshot thread unless a test asks for one.
server::IndicatorOptions options_at(const std::string& now) {
    return server::IndicatorOptions{.clock = [t = at(now)] { return t; }, .snapshot_interval = std::chrono::milliseconds(0)};
}

// One server: a store on the database (or a decorator over one) and an IndicatorService of its own.
class Server {
public:
    Server(Store& store, server::IndicatorOptions options) : service_(store, std::move(options)) {
        service_.add_routes(router_);
    }

    [[nodiscard]] IndicatorService& service() { return service_; }

    // GET /api/v1<path> as `caller`, through the service's routes.
    [[nodiscard]] Response get(const std::string& path, const Query& query, const Caller& caller) {
        Request request;
        request.method = "GET";
        request.path = "/api/v1" + path;
        request.query = query;
        const auto match = router_.match(request.method, request.path);
        REQUIRE(match.route != nullptr);
        return match.route->handler(server::RouteContext{request, &caller, match.params});
    }

private:
    server::Router router_;
    IndicatorService service_;
};

// What a server answers, by query: /indicators of every unit (two instants), the series with the default window
// (read from the weekly state) and with another (read from the records), and the CSV export.
using Answers = std::map<std::string, std::string>;

Answers answers(Server& server, const Caller& admin) {
    std::vector<std::pair<std::string, Query>> queries;
    for (const std::string unit : {"HQ", "R1", "R2", "S1", "S2", "S3"}) {
        auto query = march;
        query.emplace("unitId", unit);
        queries.emplace_back("/indicators", query);
        queries.emplace_back("/indicators", Query{{"unitId", unit}, {"at", "2026-03-15T12:00:00Z"}, {"windowDays", "30"},
                                                 {"from", "2026-02-15"}, {"to", "2026-03-15T12:00:00Z"}});
    }
    queries.emplace_back("/indicators/series", Query{{"unitId", "HQ"}, {"from", "2025-10-01"}, {"to", "2026-04-01"}});
    queries.emplace_back("/indicators/series", Query{{"unitId", "S1"}, {"from", "2025-12-01"}, {"to", "2026-04-01"},
                                                     {"windowDays", "30"}});
    queries.emplace_back("/indicators/series", Query{{"unitId", "R2"}, {"from", "2024-01-01"}, {"to", "2026-04-01"}});
    queries.emplace_back("/indicators/export.csv", march);
    Answers result;
    for (const auto& [path, query] : queries) {
        std::string label = path;
        for (const auto& [key, value] : query) label += " " + key + "=" + value;
        const auto response = server.get(path, query, admin);
        INFO(label << ": " << response.body);
        REQUIRE(response.status == 200);
        result.emplace(label, response.body);
    }
    return result;
}

void require_same(const Answers& actual, const Answers& expected) {
    REQUIRE(actual.size() == expected.size());
    for (const auto& [label, body] : expected) {
        INFO(label);
        REQUIRE(actual.at(label) == body);
    }
}

// A store that never finds a snapshot: the server that builds its indexes from the records, the reference the
// snapshot-loaded ones must equal.
class SnapshotlessStore : public ForwardingStore {
public:
    using ForwardingStore::ForwardingStore;
    std::optional<server::IndicatorSnapshotInfo> indicator_snapshot(const std::string&) override { return std::nullopt; }
};

// What an index built from the organisation's records answers now.
Answers answers_from_records(Store& store, const Caller& admin) {
    SnapshotlessStore records_only(store);
    Server server(records_only, options_at(fixture_now));
    auto result = answers(server, admin);
    CHECK(server.service().status().snapshot_loads == 0);
    return result;
}

// A unit's figures (the root's by default) equal shared's compute_indicators over the store's current records.
void require_reference_figures(Server& server, Store& store, const Caller& caller,
                               const std::string& unit_id = "HQ") {
    v1::IndicatorsResponse expected;
    wire::to_proto(compute_indicators(naive_input(store, caller.organization_id), unit_id, march_params), march_params,
                   &expected);
    auto query = march;
    query.emplace("unitId", unit_id);
    v1::IndicatorsResponse actual;
    IndicatorFixture::decode_json(server.get("/indicators", query, caller), &actual);
    INFO("expected " << expected.DebugString() << "\nactual " << actual.DebugString());
    REQUIRE(actual.SerializeAsString() == expected.SerializeAsString());
}

Observation revision_of(Observation observation, std::vector<Rating> ratings) {
    observation.base_revision = observation.revision;
    observation.revision += 1;
    observation.ratings = std::move(ratings);
    return observation;
}

// Changes of every kind the catch-up must carry: new observations, a revision, an observation given to another
// employee, tombstones of an observation and an activity, a new activity, an employee moved to another unit and an
// employee deactivated.
void push_april_changes(IndicatorFixture& fixture) {
    fixture.push("m1", {observation(uuid(201), "e1", "2026-03-28T09:00:00Z", {{"d1", 1}, {"d2", 4}}),
                        revision_of(observation(uuid(2), "e2", "2026-03-12T10:00:00Z", {{"d1", 3}, {"d2", 3}}),
                                    {{"d1", 1}, {"d2", 1}})});
    auto tombstone = observation(uuid(3), "e3", "2026-03-15T10:00:00Z", {{"d1", 1}});
    tombstone = revision_of(tombstone, tombstone.ratings);
    tombstone.deleted = true;
    auto coaching_gone = activity(uuid(101), "2026-03-20T09:00:00Z", {"e4"});
    coaching_gone.revision = 2;
    coaching_gone.base_revision = 1;
    coaching_gone.deleted = true;
    fixture.push("m1", {tombstone}, {coaching_gone});
    fixture.move_employee("e4", "S2");
    // Lens' manager now covers e4: his observation of e5 becomes one of e4, and e4 is coached.
    auto reassigned = revision_of(observation(uuid(4), "e5", "2026-03-05T10:00:00Z", {{"d1", 2}, {"d2", 1}}),
                                  {{"d1", 4}, {"d2", 3}});
    reassigned.employee_id = "e4";
    fixture.push("m2", {reassigned, observation(uuid(202), "e5", "2026-03-29T15:00:00Z", {{"d2", 4}})},
                 {activity(uuid(203), "2026-03-30T08:00:00Z", {"e4", "e5"})});
    for (auto employee : fixture.store().employees(fixture.organization_id())) {
        if (employee.id != "e6") continue;
        employee.active = false;
        REQUIRE(fixture.store().import_employees(fixture.organization_id(), {employee}).errors.empty());
    }
}

// Raw SQL on the fixture's database, to damage what the service will read.
std::unique_ptr<server::db::Engine> open_engine(const TestDatabase& database) {
    const auto& location = database.location();
    if (location.is_postgresql()) return server::db::open_postgres_engine(location.database_url);
    return server::db::open_sqlite_engine(location.data_dir);
}

std::string snapshot_part(server::db::Engine& engine, const std::string& organization_id, int part) {
    auto session = engine.begin(server::db::SessionKind::single);
    auto statement = session->db().prepare(
        "SELECT bytes FROM indicator_snapshot_parts WHERE organization_id = ?1 AND part = ?2");
    statement.bind_all(organization_id, part);
    REQUIRE(statement.step());
    return statement.blob(0);
}

void write(server::db::Engine& engine, const std::string& sql, const std::string& organization_id,
           std::optional<std::string> bytes = std::nullopt) {
    auto session = engine.begin(server::db::SessionKind::write);
    auto statement = session->db().prepare(sql);
    statement.bind(1, organization_id);
    if (bytes) statement.bind_blob(2, *bytes);
    statement.run();
    REQUIRE(session->db().changes() == 1);
    session->commit();
}

void replace_part(server::db::Engine& engine, const std::string& organization_id, const std::string& bytes) {
    write(engine, "UPDATE indicator_snapshot_parts SET bytes = ?2 WHERE organization_id = ?1 AND part = 0",
          organization_id, bytes);
}

}  // namespace

TEST_CASE("a new server loads the saved snapshot, then catches up, answering as an index built from the records",
          "[indicators][cache]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    const auto admin = fixture.caller("admin");
    const auto& organization_id = fixture.organization_id();
    {
        // Saved by a server started four months earlier: its weekly state starts on another week.
        Server first(fixture.store(), options_at("2025-12-01T00:00:00Z"));
        first.service().prepare(organization_id);
        first.service().save_snapshots();
        CHECK(first.service().status().snapshots_saved == 1);
    }
    const auto snapshot = fixture.store().indicator_snapshot(organization_id);
    REQUIRE(snapshot);
    CHECK(snapshot->change_seq == fixture.store().change_position(organization_id).change_seq);

    const auto second_store = fixture.open_store();
    Server second(*second_store, options_at(fixture_now));
    require_same(answers(second, admin), answers_from_records(fixture.store(), admin));
    CHECK(second.service().status().loads == 1);
    CHECK(second.service().status().snapshot_loads == 1);

    push_april_changes(fixture);
    const auto expected = answers_from_records(fixture.store(), admin);
    SECTION("the server holding the snapshot's state catches up") {
        require_same(answers(second, admin), expected);
        CHECK(second.service().status().loads == 1);
        require_reference_figures(second, fixture.store(), admin);
        require_reference_figures(second, fixture.store(), admin, "S2");
    }
    SECTION("a server started after the changes loads the older snapshot and catches up") {
        const auto third_store = fixture.open_store();
        Server third(*third_store, options_at(fixture_now));
        require_same(answers(third, admin), expected);
        CHECK(third.service().status().snapshot_loads == 1);
        require_reference_figures(third, fixture.store(), admin);
        require_reference_figures(third, fixture.store(), admin, "S2");
    }
}

namespace {

// A store that runs `before_snapshot` once, just before the service looks for a snapshot: what another server does
// between that moment and the position the service read when its query began.
class InterleavedStore : public ForwardingStore {
public:
    InterleavedStore(Store& inner, std::function<void()> before_snapshot)
        : ForwardingStore(inner), before_snapshot_(std::move(before_snapshot)) {}

    std::optional<server::IndicatorSnapshotInfo> indicator_snapshot(const std::string& organization_id) override {
        if (auto run = std::exchange(before_snapshot_, nullptr)) run();
        return ForwardingStore::indicator_snapshot(organization_id);
    }

private:
    std::function<void()> before_snapshot_;
};

}  // namespace

TEST_CASE("a snapshot another server saves while this one starts loading is used, not taken for a stale one",
          "[indicators][cache]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    const auto admin = fixture.caller("admin");
    const auto& organization_id = fixture.organization_id();
    const auto other_store = fixture.open_store();
    Server other(*other_store, options_at(fixture_now));
    other.service().prepare(organization_id);

    // After this server read the organisation's position, a push is acknowledged and the other server saves a
    // snapshot numbered past that position.
    const auto store = fixture.open_store();
    InterleavedStore interleaved(*store, [&] {
        fixture.push("m1", {observation(uuid(500), "e1", "2026-03-29T10:00:00Z", {{"d1", 2}, {"d2", 2}})});
        other.service().prepare(organization_id);
        other.service().save_snapshots();
    });
    Server server(interleaved, options_at(fixture_now));
    const auto loaded = answers(server, admin);  // (before the expected figures: the push happens in here)
    require_same(loaded, answers_from_records(fixture.store(), admin));
    CHECK(other.service().status().snapshots_saved == 1);
    CHECK(server.service().status().snapshot_loads == 1);
    require_reference_figures(server, fixture.store(), admin);
}

TEST_CASE("a damaged snapshot is never trusted: the index is built from the records", "[indicators][cache]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    const auto admin = fixture.caller("admin");
    const auto& organization_id = fixture.organization_id();
    {
        Server saver(fixture.store(), options_at(fixture_now));
        saver.service().prepare(organization_id);
        saver.service().save_snapshots();
    }
    const auto expected = answers_from_records(fixture.store(), admin);
    const auto engine = open_engine(fixture.database());
    const auto good = snapshot_part(*engine, organization_id, 0);
    REQUIRE(fixture.store().indicator_snapshot(organization_id)->parts == 1);
    REQUIRE(good.size() > 200);

    // A new server reads the damaged snapshot, refuses it, and answers from the records.
    const auto require_rebuilt = [&] {
        const auto store = fixture.open_store();
        Server server(*store, options_at(fixture_now));
        require_same(answers(server, admin), expected);
        CHECK(server.service().status().loads == 1);
        CHECK(server.service().status().snapshot_loads == 0);
    };
    // The undamaged snapshot is used (so that the cases below really read a damaged one).
    {
        const auto store = fixture.open_store();
        Server server(*store, options_at(fixture_now));
        require_same(answers(server, admin), expected);
        REQUIRE(server.service().status().snapshot_loads == 1);
    }

    SECTION("garbage bytes in a part") {
        auto bytes = good;
        std::mt19937 random(7);
        for (std::size_t i = bytes.size() / 3; i < bytes.size() / 3 + 64; ++i)
            bytes[i] = static_cast<char>(random() & 0xff);
        replace_part(*engine, organization_id, bytes);
        require_rebuilt();
    }
    SECTION("a part cut short") {
        replace_part(*engine, organization_id, good.substr(0, good.size() / 2));
        require_rebuilt();
    }
    SECTION("an empty part") {
        replace_part(*engine, organization_id, "");
        require_rebuilt();
    }
    SECTION("bytes past the snapshot's end") {
        replace_part(*engine, organization_id, good + std::string(16, '\0'));
        require_rebuilt();
    }
    SECTION("a missing part") {
        write(*engine, "DELETE FROM indicator_snapshot_parts WHERE organization_id = ?1", organization_id);
        require_rebuilt();
    }
    SECTION("a snapshot listing a part it does not have") {
        write(*engine, "UPDATE indicator_snapshots SET parts = parts + 1 WHERE organization_id = ?1", organization_id);
        require_rebuilt();
    }
    SECTION("a snapshot of a future format") {
        auto bytes = good;
        std::uint32_t format = 0;
        std::memcpy(&format, bytes.data() + 4, sizeof format);  // after the magic number
        ++format;
        std::memcpy(bytes.data() + 4, &format, sizeof format);
        replace_part(*engine, organization_id, bytes);
        require_rebuilt();
    }
    SECTION("a snapshot numbered past the organisation's changes (a database restored from a backup)") {
        write(*engine, "UPDATE indicator_snapshots SET change_seq = change_seq + 1000 WHERE organization_id = ?1",
              organization_id);
        require_rebuilt();
    }
    SECTION("one bit flipped anywhere (the checksum)") {
        // Positions spread over the whole snapshot, the last byte included: whatever the flipped bit belongs to
        // (a time, a level, a count, the checksum itself), the snapshot is refused.
        std::vector<std::size_t> positions;
        for (std::size_t i = 0; i < good.size(); i += good.size() / 40) positions.push_back(i);
        positions.push_back(good.size() - 1);
        for (const auto position : positions) {
            INFO("bit flipped in byte " << position << " of " << good.size());
            auto bytes = good;
            bytes[position] = static_cast<char>(bytes[position] ^ (1 << (position % 8)));
            replace_part(*engine, organization_id, bytes);
            const auto store = fixture.open_store();
            Server server(*store, options_at(fixture_now));
            require_same(answers(server, admin), expected);
            CHECK(server.service().status().snapshot_loads == 0);
        }
        require_rebuilt();
    }
}

namespace {

// Random pushes of the fixture's managers about the employees of their units: new observations, revisions,
// tombstones and activities, with the records each manager may edit remembered from the accepted outcomes.
class RandomPushes {
public:
    RandomPushes(Store& store, std::string organization_id, std::uint32_t seed)
        : store_(store), organization_id_(std::move(organization_id)), random_(seed) {}

    // One push of one to four records by a random manager, through `store`; answers how many were accepted.
    int push(Store& store) {
        static const std::vector<std::string> managers{"m1", "m2", "m3"};
        const auto& manager = managers[pick(managers.size())];
        const auto caller = caller_of(store_, organization_id_, manager);
        std::vector<std::string> employees;
        for (const auto& employee : store_.employees(organization_id_))
            if (employee.active && std::ranges::find(caller.unit_ids, employee.unit_id) != caller.unit_ids.end())
                employees.push_back(employee.id);
        std::vector<Observation> observations;
        std::vector<CoachingActivity> activities;
        auto& mine = known_[manager];
        const int records = 1 + static_cast<int>(pick(4));
        for (int r = 0; r < records; ++r) {
            const auto what = pick(10);
            if ((what < 5 || mine.empty()) && !employees.empty()) {
                observations.push_back(observation(uuid(++next_id_), employees[pick(employees.size())], random_time(),
                                                   random_ratings()));
            } else if (what < 7 && !mine.empty()) {
                auto edit = revision_of(next_of(mine), random_ratings());
                edit.observed_at = at(random_time());
                observations.push_back(edit);
            } else if (what < 8 && !mine.empty()) {
                auto tombstone = next_of(mine);
                tombstone = revision_of(tombstone, tombstone.ratings);
                tombstone.deleted = true;
                observations.push_back(tombstone);
            } else if (!employees.empty()) {
                activities.push_back(activity(uuid(++next_id_), random_time(), {employees[pick(employees.size())]}));
            }
        }
        std::set<std::string> seen;  // one revision of a record per push
        std::erase_if(observations, [&](const Observation& o) { return !seen.insert(o.id).second; });
        const auto outcomes = store.push(caller, observations, activities, at(fixture_now));
        int accepted = 0;
        for (std::size_t i = 0; i < outcomes.size(); ++i) {
            if (outcomes[i].status != server::PushStatus::accepted) continue;
            ++accepted;
            if (i >= observations.size()) continue;
            const auto& o = observations[i];
            if (o.deleted) {
                mine.erase(o.id);
            } else {
                mine[o.id] = o;
            }
        }
        return accepted;
    }

private:
    std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_); }
    std::string random_time() {
        const auto t = at("2026-01-05T00:00:00Z") + std::chrono::hours(6 * static_cast<int>(pick(4 * 85)));
        return format_rfc3339(t);
    }
    std::vector<Rating> random_ratings() {
        std::vector<Rating> ratings;
        if (pick(3) != 0) ratings.push_back({"d1", 1 + static_cast<int>(pick(4))});
        if (ratings.empty() || pick(2) == 0) ratings.push_back({"d2", 1 + static_cast<int>(pick(4))});
        return ratings;
    }
    Observation next_of(const std::map<std::string, Observation>& records) {
        auto it = records.begin();
        std::advance(it, static_cast<std::ptrdiff_t>(pick(records.size())));
        return it->second;
    }

    Store& store_;
    std::string organization_id_;
    std::mt19937 random_;
    int next_id_ = 5000;
    std::map<std::string, std::map<std::string, Observation>> known_;  // manager -> his current observations
};

}  // namespace

TEST_CASE("a push through one server is in the very next answer of another (read-your-writes across servers)",
          "[indicators][cache][randomized]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    const auto store_a = fixture.open_store();
    const auto store_b = fixture.open_store();
    Server server_a(*store_a, options_at(fixture_now));
    Server server_b(*store_b, options_at(fixture_now));
    Server* servers[] = {&server_a, &server_b};
    Store* stores[] = {store_a.get(), store_b.get()};
    const auto admin = fixture.caller("admin");
    RandomPushes pushes(fixture.store(), fixture.organization_id(), 20260401);
    std::mt19937 random(42);
    const std::vector<std::string> units{"HQ", "R1", "R2", "S1", "S2", "S3"};
    int accepted = 0;
    for (int round = 1; round <= 40; ++round) {
        const auto writer = random() % 2;
        INFO("round " << round << ": pushed through server " << writer);
        accepted += pushes.push(*stores[writer]);
        if (round % 10 == 0) {
            // Organisation data changes too: e4 moves between Lille and Lens.
            const auto unit = round % 20 == 0 ? "S1" : "S2";
            for (auto employee : stores[writer]->employees(fixture.organization_id())) {
                if (employee.id != "e4") continue;
                employee.unit_id = unit;
                REQUIRE(stores[writer]->import_employees(fixture.organization_id(), {employee}).errors.empty());
            }
        }
        // The other server answers first, then the writer's own.
        require_reference_figures(*servers[1 - writer], fixture.store(), admin);
        require_reference_figures(*servers[1 - writer], fixture.store(), admin, units[random() % units.size()]);
        require_reference_figures(*servers[writer], fixture.store(), admin);
    }
    CHECK(accepted > 60);  // the rounds really changed the figures
    CHECK(server_a.service().status().loads == 1);  // followed through the change log, never rebuilt
    CHECK(server_b.service().status().loads == 1);
    require_same(answers(server_a, admin), answers_from_records(fixture.store(), admin));
    require_same(answers(server_b, admin), answers_from_records(fixture.store(), admin));
}

namespace {

// An organisation of the fixture's shape with `observations` observations of Lille's and Nice's employees.
std::string organization_with(Store& store, const std::string& name, int observations) {
    const auto organization_id = add_fixture_organization(store, name);
    std::vector<Observation> lille;
    std::vector<Observation> nice;
    // Spread over the six months before the fixture's now.
    const auto step = std::chrono::minutes(180 * 24 * 60) / observations;
    for (int i = 0; i < observations; ++i) {
        const auto when = format_rfc3339(at("2025-10-02T08:00:00Z") + step * i);
        const std::vector<Rating> ratings{{"d1", 1 + i % 4}, {"d2", 1 + (i / 4) % 4}};
        if (i % 2 == 0) {
            lille.push_back(observation(uuid(10'000 + i), "e" + std::to_string(1 + i % 4), when, ratings));
        } else {
            nice.push_back(observation(uuid(10'000 + i), "e" + std::to_string(6 + i % 4), when, ratings));
        }
    }
    for (const auto& [manager, records] : {std::pair{"m1", lille}, std::pair{"m3", nice}}) {
        const auto outcomes = store.push(caller_of(store, organization_id, manager), records, {}, at(fixture_now));
        for (const auto& outcome : outcomes) {
            INFO(outcome.id << ": " << outcome.error_code << " " << outcome.error_message);
            REQUIRE(outcome.status == server::PushStatus::accepted);
        }
    }
    return organization_id;
}

}  // namespace

TEST_CASE("beyond the memory budget the least recently used organisation is dropped, and comes back exact",
          "[indicators][cache]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    auto& store = fixture.store();
    const std::vector<std::string> organizations{fixture.organization_id(), organization_with(store, "beta", 60),
                                                 organization_with(store, "gamma", 200)};
    std::vector<Caller> admins;
    for (const auto& id : organizations) admins.push_back(caller_of(store, id, "admin"));

    // What each organisation's index holds, alone in a service.
    std::vector<std::size_t> sizes;
    for (const auto& id : organizations) {
        Server alone(store, options_at(fixture_now));
        alone.service().prepare(id);
        sizes.push_back(alone.service().status().memory);
        REQUIRE(sizes.back() > 0);
    }
    const auto total = sizes[0] + sizes[1] + sizes[2];
    const auto smallest = std::ranges::min(sizes);

    SECTION("a budget for any two of the three") {
        auto options = options_at(fixture_now);
        options.memory_budget = total - smallest / 2;  // any two fit, never the three
        Server server(store, options);
        const auto read = [&](std::size_t org) {
            INFO("organisation " << org);
            require_reference_figures(server, store, admins[org]);
            const auto status = server.service().status();
            CHECK(status.memory <= options.memory_budget);
            return status;
        };
        read(0);
        read(1);
        read(0);  // the first is now the most recently used
        auto status = read(2);
        CHECK(status.organizations == 2);
        CHECK(status.evictions == 1);
        CHECK(status.loads == 3);
        status = read(0);  // still held
        CHECK(status.loads == 3);
        status = read(1);  // the one evicted: loaded again, and the third (least recently used) goes
        CHECK(status.loads == 4);
        CHECK(status.evictions == 2);
        CHECK(status.organizations == 2);
        status = read(0);
        CHECK(status.loads == 4);
    }
    SECTION("a budget smaller than any organisation keeps the one in use") {
        auto options = options_at(fixture_now);
        options.memory_budget = smallest / 2;
        Server server(store, options);
        for (std::size_t round = 0; round < 6; ++round) {
            const auto org = round % 3;
            INFO("read " << round << ", organisation " << org);
            require_reference_figures(server, store, admins[org]);
            const auto status = server.service().status();
            CHECK(status.organizations == 1);
            CHECK(status.memory == sizes[org]);
            CHECK(status.evictions == round);
            CHECK(status.loads == round + 1);
        }
    }
}

namespace {

// A store whose calls that bring an index up to date fail on demand, as a database connection that drops would.
class FailingStore : public ForwardingStore {
public:
    using ForwardingStore::ForwardingStore;
    std::atomic<int> record_changes_failures{0};
    std::atomic<int> employees_failures{0};

    server::AppliedChanges record_changes(const std::string& organization_id, std::int64_t from,
                                          std::int64_t to) override {
        fail_if(record_changes_failures);
        return ForwardingStore::record_changes(organization_id, from, to);
    }
    std::vector<Employee> employees(const std::string& organization_id) override {
        fail_if(employees_failures);
        return ForwardingStore::employees(organization_id);
    }

private:
    static void fail_if(std::atomic<int>& failures) {
        if (failures.load() > 0 && failures.fetch_sub(1) > 0)
            throw server::db::Error("57P01", "terminating connection due to administrator command");
    }
};

}  // namespace

TEST_CASE("pushes are acknowledged whatever the index does, and a failed update makes the next query rebuild",
          "[indicators][cache]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    FailingStore failing(fixture.store());
    Server server(failing, options_at(fixture_now));
    const auto admin = fixture.caller("admin");
    require_reference_figures(server, fixture.store(), admin);
    REQUIRE(server.service().status().loads == 1);

    SECTION("reading the changes fails") {
        failing.record_changes_failures = 1;
        // Each push gets its own outcome: accepted, the resend a duplicate, a stale edit a conflict, an unknown
        // employee rejected.
        const auto fresh = observation(uuid(300), "e1", "2026-03-30T10:00:00Z", {{"d1", 1}, {"d2", 1}});
        auto stale = revision_of(observation(uuid(1), "e1", "2026-03-10T10:00:00Z", {{"d1", 4}}), {{"d1", 3}});
        stale.base_revision = 5;
        stale.revision = 6;
        const auto stranger = observation(uuid(301), "nobody", "2026-03-30T10:00:00Z", {{"d1", 1}});
        auto outcomes = fixture.try_push("m1", {fresh, stale, stranger});
        REQUIRE(outcomes.size() == 3);
        CHECK(outcomes[0].status == server::PushStatus::accepted);
        CHECK(outcomes[1].status == server::PushStatus::conflict);
        CHECK(outcomes[1].error_code == "stale_base_revision");
        CHECK(outcomes[2].status == server::PushStatus::rejected);
        CHECK(outcomes[2].error_code == "unknown_employee");
        outcomes = fixture.try_push("m1", {fresh});
        REQUIRE(outcomes.size() == 1);
        CHECK(outcomes[0].status == server::PushStatus::duplicate);

        CHECK_THROWS_AS(server.get("/indicators", march, admin), server::db::Error);
        CHECK(server.service().status().organizations == 0);  // dropped, not kept half up to date
    }
    SECTION("reading the organisation data fails") {
        fixture.move_employee("e4", "S2");
        fixture.push("m1", {observation(uuid(300), "e1", "2026-03-30T10:00:00Z", {{"d1", 1}, {"d2", 1}})});
        failing.employees_failures = 1;
        CHECK_THROWS_AS(server.get("/indicators", march, admin), server::db::Error);
        CHECK(server.service().status().organizations == 0);
    }
    // The next query builds the index again, and is exact.
    require_reference_figures(server, fixture.store(), admin);
    require_reference_figures(server, fixture.store(), admin, "S2");
    CHECK(server.service().status().loads == 2);
    require_same(answers(server, admin), answers_from_records(fixture.store(), admin));
}

namespace {

// A store on which loading one organisation's records stops, in the middle of its read, until the test releases it.
class LatchedStore : public ForwardingStore {
public:
    LatchedStore(Store& inner, std::string organization_id)
        : ForwardingStore(inner), organization_id_(std::move(organization_id)), released_(release_.get_future()) {}
    ~LatchedStore() override { release(); }

    server::ChangePosition load_current_records(const std::string& organization_id,
                                                const std::function<void(const Observation&)>& observation,
                                                const std::function<void(const CoachingActivity&)>& activity) override {
        if (organization_id != organization_id_) return ForwardingStore::load_current_records(organization_id, observation, activity);
        bool first = true;
        return ForwardingStore::load_current_records(
            organization_id,
            [&](const Observation& o) {
                if (std::exchange(first, false)) {
                    entered_.set_value();
                    // Bounded: a test that fails before releasing still ends.
                    (void)released_.wait_for(std::chrono::minutes(2));
                }
                observation(o);
            },
            activity);
    }

    // True once the load has begun (within a generous deadline).
    bool wait_entered() { return entered_future_.wait_for(std::chrono::minutes(1)) == std::future_status::ready; }
    void release() {
        std::call_once(released_once_, [this] { release_.set_value(); });
    }

private:
    std::string organization_id_;
    std::promise<void> entered_;
    std::future<void> entered_future_ = entered_.get_future();
    std::promise<void> release_;
    std::shared_future<void> released_;
    std::once_flag released_once_;
};

}  // namespace

TEST_CASE("pushes of every organisation go through while one organisation's index is loading",
          "[indicators][cache][concurrency]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    auto& store = fixture.store();
    const auto& x = fixture.organization_id();
    const auto y = organization_with(store, "loading", 40);
    const auto x_admin = fixture.caller("admin");
    const auto y_admin = caller_of(store, y, "admin");
    LatchedStore latched(store, y);
    Server server(latched, options_at(fixture_now));
    require_reference_figures(server, store, x_admin);  // X is held
    const auto y_before = naive_input(store, y);

    auto loading = std::async(std::launch::async, [&] { return server.get("/indicators", march, y_admin); });
    REQUIRE(latched.wait_entered());
    // While Y's records are being read: pushes into X and into Y, and a query on X, all complete.
    auto pushes = std::async(std::launch::async, [&] {
        const auto x_outcomes = store.push(caller_of(store, x, "m1"),
                                           {observation(uuid(400), "e2", "2026-03-29T10:00:00Z", {{"d1", 4}, {"d2", 4}})},
                                           {}, at(fixture_now));
        const auto y_outcomes = store.push(caller_of(store, y, "m3"),
                                           {observation(uuid(401), "e7", "2026-03-29T10:00:00Z", {{"d1", 1}, {"d2", 1}})},
                                           {}, at(fixture_now));
        return std::pair(x_outcomes, y_outcomes);
    });
    const bool pushed = pushes.wait_for(std::chrono::minutes(1)) == std::future_status::ready;
    auto x_during = std::async(std::launch::async, [&] { return server.get("/indicators", march, x_admin); });
    const bool answered = x_during.wait_for(std::chrono::minutes(1)) == std::future_status::ready;
    latched.release();
    REQUIRE(pushed);
    REQUIRE(answered);
    const auto [x_outcomes, y_outcomes] = pushes.get();
    REQUIRE(x_outcomes.size() == 1);
    CHECK(x_outcomes[0].status == server::PushStatus::accepted);
    REQUIRE(y_outcomes.size() == 1);
    CHECK(y_outcomes[0].status == server::PushStatus::accepted);

    // The query on X saw X's push (acknowledged before it began).
    v1::IndicatorsResponse expected;
    wire::to_proto(compute_indicators(naive_input(store, x), "HQ", march_params), march_params, &expected);
    v1::IndicatorsResponse actual;
    IndicatorFixture::decode_json(x_during.get(), &actual);
    CHECK(actual.SerializeAsString() == expected.SerializeAsString());
    // The query on Y began before Y's push: it answers the records as they were.
    wire::to_proto(compute_indicators(y_before, "HQ", march_params), march_params, &expected);
    IndicatorFixture::decode_json(loading.get(), &actual);
    CHECK(actual.SerializeAsString() == expected.SerializeAsString());
    // The next one catches up.
    require_reference_figures(server, store, y_admin);
    CHECK(server.service().status().loads == 2);
}

TEST_CASE("the background snapshotter saves an organisation that moved on, without save_snapshots()",
          "[indicators][cache][concurrency]") {
    IndicatorFixture fixture;
    auto& store = fixture.store();
    const auto organization_id = organization_with(store, "busy", 1200);
    const auto admin = caller_of(store, organization_id, "admin");
    auto options = options_at(fixture_now);
    options.snapshot_interval = std::chrono::milliseconds(10);
    options.snapshot_after_changes = 20;
    Server server(store, options);

    // Polls the service until `saved` snapshots are saved, within a generous deadline (never a timing assertion).
    const auto wait_for_snapshots = [&](std::size_t saved) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
        while (server.service().status().snapshots_saved < saved && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        return server.service().status().snapshots_saved;
    };

    require_reference_figures(server, store, admin);
    REQUIRE(wait_for_snapshots(1) >= 1);
    auto snapshot = store.indicator_snapshot(organization_id);
    REQUIRE(snapshot);
    CHECK(snapshot->change_seq == store.change_position(organization_id).change_seq);

    // Enough changes (a twentieth of the organisation, above snapshot_after_changes), seen by a query.
    std::vector<Observation> more;
    for (int i = 0; i < 70; ++i)
        more.push_back(observation(uuid(20'000 + i), "e" + std::to_string(1 + i % 4), "2026-03-2" + std::to_string(i % 9) + "T10:00:00Z",
                                   {{"d1", 4}, {"d2", 1 + i % 4}}));
    const auto outcomes = store.push(caller_of(store, organization_id, "m1"), more, {}, at(fixture_now));
    REQUIRE(std::ranges::all_of(outcomes, [](const auto& o) { return o.status == server::PushStatus::accepted; }));
    require_reference_figures(server, store, admin);
    REQUIRE(wait_for_snapshots(2) >= 2);
    snapshot = store.indicator_snapshot(organization_id);
    REQUIRE(snapshot);
    CHECK(snapshot->change_seq == store.change_position(organization_id).change_seq);

    // Another server starts from it.
    const auto other_store = fixture.open_store();
    Server other(*other_store, options_at(fixture_now));
    require_reference_figures(other, store, admin);
    CHECK(other.service().status().snapshot_loads == 1);
}
