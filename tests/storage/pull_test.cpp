// Pull: first page contents, paging, cursors, scope, deletions, restarts, and concurrent writers.
#include "store_fixture.h"

#include "storage/cursor.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <thread>

using namespace floorwalk;
using namespace floorwalk::test;
using server::PushStatus;

namespace {

std::set<std::string> ids_of(const std::vector<Unit>& units) {
    std::set<std::string> ids;
    for (const auto& u : units) ids.insert(u.id);
    return ids;
}

std::set<std::string> ids_of(const std::vector<Employee>& employees) {
    std::set<std::string> ids;
    for (const auto& e : employees) ids.insert(e.id);
    return ids;
}

std::vector<Observation> batch(int first_id, int count, const std::string& employee) {
    std::vector<Observation> records;
    for (int i = 0; i < count; ++i) records.push_back(observation(uuid(first_id + i), employee));
    return records;
}

}  // namespace

TEST_CASE("a first pull carries the model, the units, the employees and the settings in scope", "[pull]") {
    StoreFixture f;
    f.store->set_settings(f.org, {5, 14});
    const auto hq = f.store->pull(f.caller("hq"), "", 100);
    CHECK_FALSE(hq.reset);
    CHECK_FALSE(hq.has_more);
    CHECK_FALSE(hq.cursor.empty());
    REQUIRE(hq.model);
    CHECK(*hq.model == [] {
        auto m = sample_model();
        m.version = 1;
        return m;
    }());
    CHECK(ids_of(hq.units) == std::set<std::string>{"hq", "north", "south", "paris", "lille", "lyon"});
    CHECK(hq.employees.size() == 7);
    CHECK(hq.settings == OrganizationSettings{5, 14});

    const auto manager = f.store->pull(f.caller("mgr.paris"), "", 100);
    CHECK(ids_of(manager.units) == std::set<std::string>{"paris"});
    CHECK(ids_of(manager.employees) == std::set<std::string>{"e-paris-1", "e-paris-2", "e-paris-3"});
    REQUIRE(manager.model);

    const auto director = f.store->pull(f.caller("dir.north"), "", 100);
    CHECK(ids_of(director.units) == std::set<std::string>{"north", "paris", "lille"});
    CHECK(director.employees.size() == 5);
}

TEST_CASE("pages follow the cursor: every record once, has_more until the end", "[pull]") {
    StoreFixture f;
    REQUIRE(f.push("mgr.paris", batch(1, 25, "e-paris-1")).size() == 25);
    const auto caller = f.caller("mgr.paris");

    std::vector<std::string> seen;
    std::string cursor;
    std::vector<bool> more;
    for (int page_number = 0; page_number < 10; ++page_number) {
        const auto page = f.store->pull(caller, cursor, 10);
        REQUIRE_FALSE(page.reset);
        for (const auto& o : page.observations) seen.push_back(o.id);
        more.push_back(page.has_more);
        // Organisation data comes with the first page only: nothing changed since.
        CHECK(page.model.has_value() == (page_number == 0));
        CHECK(page.units.empty() == (page_number != 0));
        cursor = page.cursor;
        if (!page.has_more) break;
    }
    CHECK(more == std::vector<bool>{true, true, false});
    REQUIRE(seen.size() == 25);
    for (int i = 0; i < 25; ++i) CHECK(seen[static_cast<std::size_t>(i)] == uuid(i + 1));  // commit order

    // Caught up: nothing new, and the cursor stays usable.
    const auto idle = f.store->pull(caller, cursor, 10);
    CHECK(idle.observations.empty());
    CHECK_FALSE(idle.has_more);
    CHECK_FALSE(idle.model);
    CHECK(idle.units.empty());
    CHECK(idle.employees.empty());

    REQUIRE(f.push_one("mgr.paris", observation(uuid(100), "e-paris-2")).status == PushStatus::accepted);
    const auto next = f.store->pull(caller, idle.cursor, 10);
    REQUIRE(next.observations.size() == 1);
    CHECK(next.observations[0].id == uuid(100));
    CHECK(next.observations[0].ratings == std::vector<Rating>{{"welcome", 3}});
}

TEST_CASE("observations and activities share one page in commit order", "[pull]") {
    StoreFixture f;
    f.push("mgr.paris", {observation(uuid(1), "e-paris-1")}, {activity(uuid(2), {"e-paris-1"})});
    f.push("mgr.paris", {observation(uuid(3), "e-paris-2")}, {activity(uuid(4), {"e-paris-2"})});
    const auto drained = drain(*f.store, f.caller("mgr.paris"), "", 1);
    CHECK(drained.observation_ids == std::vector<std::string>{uuid(1), uuid(3)});
    CHECK(drained.activity_ids == std::vector<std::string>{uuid(2), uuid(4)});
    CHECK(drained.pages == 4);

    const auto page = f.store->pull(f.caller("mgr.paris"), "", 3);
    CHECK(page.observations.size() + page.activities.size() == 3);
    CHECK(page.has_more);
}

TEST_CASE("the limit is clamped to 1..1000", "[pull]") {
    StoreFixture f;
    std::vector<Observation> many;
    for (int i = 0; i < 1001; ++i) many.push_back(observation(uuid(i + 1), "e-lyon-1"));
    const auto outcomes = f.push("hq", many);
    REQUIRE(std::all_of(outcomes.begin(), outcomes.end(),
                        [](const server::PushOutcome& o) { return o.status == PushStatus::accepted; }));
    const auto caller = f.caller("hq");
    const auto tiny = f.store->pull(caller, "", 0);
    CHECK(tiny.observations.size() == 1);
    CHECK(tiny.has_more);
    const auto negative = f.store->pull(caller, "", -5);
    CHECK(negative.observations.size() == 1);
    const auto huge = f.store->pull(caller, "", 5000);
    CHECK(huge.observations.size() == 1000);
    CHECK(huge.has_more);
    const auto rest = f.store->pull(caller, huge.cursor, 5000);
    CHECK(rest.observations.size() == 1);
    CHECK_FALSE(rest.has_more);
}

TEST_CASE("an unknown, foreign or future cursor answers reset and nothing else", "[pull][cursor]") {
    StoreFixture f;
    f.push_one("mgr.paris", observation(uuid(1), "e-paris-1"));
    const auto caller = f.caller("mgr.paris");
    const auto real = f.store->pull(caller, "", 100);
    const auto position = server::decode_cursor(real.cursor);
    REQUIRE(position);

    StoreFixture other;  // another database
    const auto foreign = other.store->pull(other.caller("mgr.paris"), "", 100).cursor;
    const std::vector<std::string> bad = {
        "!!!",
        "abc",
        "not a cursor at all",
        foreign,
        server::encode_cursor({position->database_id, position->seq + 1000}),
        server::encode_cursor({"", 1}),
        std::string(5000, 'A'),
    };
    for (const auto& cursor : bad) {
        INFO(cursor.substr(0, 60));
        const auto page = f.store->pull(caller, cursor, 100);
        CHECK(page.reset);
        CHECK(page.observations.empty());
        CHECK(page.units.empty());
        CHECK_FALSE(page.model);
        CHECK(page.cursor.empty());
    }
    CHECK_FALSE(f.store->pull(caller, real.cursor, 100).reset);
}

TEST_CASE("deletions reach later pulls as deleted ids, a first pull leaves tombstones out", "[pull]") {
    StoreFixture f;
    const auto caller = f.caller("mgr.paris");
    const auto o = observation(uuid(1), "e-paris-1");
    const auto a = activity(uuid(2), {"e-paris-1"});
    f.push("mgr.paris", {o, observation(uuid(3), "e-paris-2")}, {a});
    const auto before = f.store->pull(caller, "", 100);
    REQUIRE(before.observations.size() == 2);

    auto a_deleted = a;
    a_deleted.revision = 2;
    a_deleted.base_revision = 1;
    a_deleted.deleted = true;
    f.push("mgr.paris", {deleted(o)}, {a_deleted});
    const auto after = f.store->pull(caller, before.cursor, 100);
    CHECK(after.observations.empty());
    CHECK(after.activities.empty());
    CHECK(after.deleted_ids == std::vector<std::string>{uuid(1), uuid(2)});

    const auto fresh = f.store->pull(caller, "", 100);
    REQUIRE(fresh.observations.size() == 1);
    CHECK(fresh.observations[0].id == uuid(3));
    CHECK(fresh.activities.empty());
    CHECK(fresh.deleted_ids.empty());
}

TEST_CASE("a manager pulls only his units' records, activities reach every unit they involve", "[pull][scope]") {
    StoreFixture f;
    f.push("mgr.paris", {observation(uuid(1), "e-paris-1")}, {activity(uuid(2), {"e-paris-1"})});
    f.push("mgr.lyon", {observation(uuid(3), "e-lyon-1")}, {activity(uuid(4), {"e-lyon-1"})});
    f.push("hq", {}, {activity(uuid(5), {"e-paris-2", "e-lyon-2"})});

    const auto paris = drain(*f.store, f.caller("mgr.paris"), "", 100);
    CHECK(paris.observation_ids == std::vector<std::string>{uuid(1)});
    CHECK(paris.activity_ids == std::vector<std::string>{uuid(2), uuid(5)});
    const auto lyon = drain(*f.store, f.caller("mgr.lyon"), "", 100);
    CHECK(lyon.observation_ids == std::vector<std::string>{uuid(3)});
    CHECK(lyon.activity_ids == std::vector<std::string>{uuid(4), uuid(5)});
    const auto lille = drain(*f.store, f.caller("mgr.lille"), "", 100);
    CHECK(lille.observation_ids.empty());
    CHECK(lille.activity_ids.empty());
    const auto director = drain(*f.store, f.caller("dir.north"), "", 100);
    CHECK(director.observation_ids == std::vector<std::string>{uuid(1)});
    const auto hq = drain(*f.store, f.caller("hq"), "", 100);
    CHECK(hq.observation_ids.size() == 2);
    CHECK(hq.activity_ids.size() == 3);

    // Incremental pulls apply the same scope.
    f.push("mgr.lyon", {observation(uuid(6), "e-lyon-2")});
    CHECK(drain(*f.store, f.caller("mgr.paris"), paris.cursor, 100).observation_ids.empty());
    CHECK(drain(*f.store, f.caller("mgr.lyon"), lyon.cursor, 100).observation_ids == std::vector<std::string>{uuid(6)});
}

TEST_CASE("an edit that takes a record out of a manager's scope reaches him as a deletion", "[pull][scope]") {
    StoreFixture f;
    const auto o = observation(uuid(1), "e-paris-1");
    REQUIRE(f.push_one("hq", o).status == PushStatus::accepted);
    const auto paris = drain(*f.store, f.caller("mgr.paris"), "", 100);
    REQUIRE(paris.observation_ids == std::vector<std::string>{uuid(1)});
    const auto lyon = drain(*f.store, f.caller("mgr.lyon"), "", 100);
    REQUIRE(lyon.observation_ids.empty());

    auto moved = edited(o);
    moved.employee_id = "e-lyon-1";  // HQ corrects the employee
    REQUIRE(f.push_one("hq", moved).status == PushStatus::accepted);
    const auto paris_next = drain(*f.store, f.caller("mgr.paris"), paris.cursor, 100);
    CHECK(paris_next.observation_ids.empty());
    CHECK(paris_next.deleted_ids == std::vector<std::string>{uuid(1)});
    const auto lyon_next = drain(*f.store, f.caller("mgr.lyon"), lyon.cursor, 100);
    CHECK(lyon_next.observation_ids == std::vector<std::string>{uuid(1)});
    CHECK(lyon_next.deleted_ids.empty());
    // Lille never saw it: not even its deletion.
    CHECK(drain(*f.store, f.caller("mgr.lille"), "", 100).deleted_ids.empty());
}

TEST_CASE("organisation data comes again only when it changed", "[pull]") {
    StoreFixture f;
    const auto caller = f.caller("mgr.paris");
    const auto first = f.store->pull(caller, "", 100);

    // Re-importing the same rows changes nothing.
    CHECK(f.store->import_employees(f.org, {{"e-paris-1", "paris", "Alice Martin", "Advisor", true}}).applied == 0);
    CHECK(f.store->pull(caller, first.cursor, 100).employees.empty());

    // A change outside the manager's scope is not his business.
    CHECK(f.store->import_employees(f.org, {{"e-lyon-1", "lyon", "Farid Benali", "Senior advisor", true}}).applied ==
          1);
    const auto outside = f.store->pull(caller, first.cursor, 100);
    CHECK(outside.employees.empty());
    CHECK_FALSE(outside.reset);

    CHECK(f.store->import_employees(f.org, {{"e-paris-3", "paris", "Chloé Roux", "Advisor", false}}).applied == 1);
    const auto changed = f.store->pull(caller, outside.cursor, 100);
    REQUIRE(changed.employees.size() == 3);
    CHECK(std::any_of(changed.employees.begin(), changed.employees.end(),
                      [](const Employee& e) { return e.id == "e-paris-3" && !e.active; }));
    CHECK(changed.units.empty());
    CHECK_FALSE(changed.model);

    auto model = sample_model();
    model.name = "Customer experience 2026";
    f.store->import_model(f.org, model);
    const auto with_model = f.store->pull(caller, changed.cursor, 100);
    REQUIRE(with_model.model);
    CHECK(with_model.model->version == 2);
    CHECK(with_model.model->name == "Customer experience 2026");

    f.store->import_units(f.org, {{"paris", "north", "Paris Opéra", UnitKind::store}});
    const auto renamed = f.store->pull(caller, with_model.cursor, 100);
    REQUIRE(renamed.units.size() == 1);
    CHECK(renamed.units[0].name == "Paris Opéra");
}

TEST_CASE("a scoped pull restarts when its scope moved", "[pull][cursor]") {
    StoreFixture f;
    f.push("mgr.lyon", {observation(uuid(1), "e-lyon-1")});
    const auto paris = f.store->pull(f.caller("mgr.paris"), "", 100);
    const auto lille = f.store->pull(f.caller("mgr.lille"), "", 100);
    const auto hq = f.store->pull(f.caller("hq"), "", 100);

    SECTION("an employee moves into the store: his history must come with him") {
        REQUIRE(f.store->import_employees(f.org, {{"e-lyon-1", "paris", "Farid Benali", "Advisor", true}}).applied ==
                1);
        CHECK(f.store->pull(f.caller("mgr.paris"), paris.cursor, 100).reset);
        CHECK_FALSE(f.store->pull(f.caller("mgr.lille"), lille.cursor, 100).reset);
        CHECK_FALSE(f.store->pull(f.caller("hq"), hq.cursor, 100).reset);
        const auto full = drain(*f.store, f.caller("mgr.paris"), "", 100);
        CHECK(full.observation_ids == std::vector<std::string>{uuid(1)});
    }
    SECTION("the user's units change") {
        f.store->import_users(
            f.org, {{User{"", "mgr.paris", "User mgr.paris", Role::manager, {"paris", "lille"}}, std::nullopt}});
        CHECK(f.store->pull(f.caller("mgr.paris"), paris.cursor, 100).reset);
        CHECK_FALSE(f.store->pull(f.caller("mgr.lille"), lille.cursor, 100).reset);
    }
    SECTION("a unit gets another parent") {
        REQUIRE(f.store->import_units(f.org, {{"lille", "south", "Lille", UnitKind::store}}).applied == 1);
        CHECK(f.store->pull(f.caller("dir.north"), paris.cursor, 100).reset);
        CHECK_FALSE(f.store->pull(f.caller("hq"), hq.cursor, 100).reset);
    }
}

TEST_CASE("concurrent pushes never make a pull skip or repeat a record", "[pull][concurrency]") {
    StoreFixture f;
    constexpr int writers = 4;
    constexpr int batches = 15;
    constexpr int per_batch = 20;
    const std::vector<std::string> employees = {"e-paris-1", "e-lille-1", "e-lyon-1", "e-lyon-2"};
    const auto hq = f.caller("hq");

    std::atomic<int> finished{0};
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w) {
        threads.emplace_back([&, w] {
            for (int b = 0; b < batches; ++b) {
                std::vector<Observation> records;
                for (int i = 0; i < per_batch; ++i) {
                    records.push_back(observation(uuid(((w * batches) + b) * per_batch + i + 1),
                                                  employees[static_cast<std::size_t>(w)]));
                }
                f.store->push(hq, records, {}, push_time);
            }
            ++finished;
        });
    }

    std::map<std::string, int> seen;
    std::string cursor;
    bool drained_after_finish = false;
    for (int round = 0; round < 1000000 && !drained_after_finish; ++round) {
        const bool writers_done = finished.load() == writers;  // read before the pull: the pull sees every write
        const auto page = f.store->pull(hq, cursor, 7);
        REQUIRE_FALSE(page.reset);
        for (const auto& o : page.observations) ++seen[o.id];
        cursor = page.cursor;
        drained_after_finish = writers_done && !page.has_more;
    }
    for (auto& t : threads) t.join();
    REQUIRE(drained_after_finish);

    CHECK(seen.size() == static_cast<std::size_t>(writers * batches * per_batch));
    for (const auto& [id, count] : seen) {
        INFO(id);
        CHECK(count == 1);
    }
}

TEST_CASE("another author's activity reaches a manager with only his employees and without its note", "[pull][scope]") {
    StoreFixture f;
    f.push("mgr.paris", {}, {activity(uuid(2), {"e-paris-1"})});
    f.push("hq", {}, {activity(uuid(5), {"e-paris-2", "e-lyon-2"})});

    const auto paris = f.store->pull(f.caller("mgr.paris"), "", 100);
    REQUIRE(paris.activities.size() == 2);
    const auto& own = paris.activities[0];
    CHECK(own.id == uuid(2));
    CHECK(own.note == "Debrief");  // his own, whole
    const auto& other = paris.activities[1];
    CHECK(other.id == uuid(5));
    CHECK(other.participant_ids == std::vector<std::string>{"e-paris-2"});
    CHECK(other.note.empty());

    const auto hq = f.store->pull(f.caller("hq"), "", 100);
    const auto whole = std::find_if(hq.activities.begin(), hq.activities.end(),
                                    [](const CoachingActivity& a) { return a.id == uuid(5); });
    REQUIRE(whole != hq.activities.end());
    CHECK(whole->participant_ids == std::vector<std::string>{"e-paris-2", "e-lyon-2"});
    CHECK(whole->note == "Debrief");
}
