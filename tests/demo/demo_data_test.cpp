// The demo organisation written through the Store: shape, accounts, determinism, refresh, and the story it tells.
#include "store_fixture.h"

#include "auth/password.h"
#include "demo/demo_data.h"
#include "floorwalk/time.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <iostream>
#include <map>

using namespace floorwalk;
using namespace floorwalk::test;
using floorwalk::server::create_demo;

namespace {

const Timestamp now = at("2026-03-04T15:00:00Z");

struct Snapshot {
    std::vector<Observation> observations;  // observer_id replaced by the observer's username
    std::vector<CoachingActivity> activities;
    std::vector<KpiValue> kpis;
};

Snapshot snapshot(server::Store& store, const std::string& org) {
    std::map<std::string, std::string> usernames;
    for (const auto& user : store.users(org)) usernames[user.id] = user.username;
    Snapshot s;
    store.for_each_observation(org, [&](Observation o) {
        o.observer_id = usernames.at(o.observer_id);
        s.observations.push_back(std::move(o));
    });
    store.for_each_activity(org, [&](CoachingActivity a) {
        a.manager_id = usernames.at(a.manager_id);
        s.activities.push_back(std::move(a));
    });
    s.kpis = store.kpis(org);
    return s;
}

std::string org_id(server::Store& store) { return store.find_organization_by_name("demo").value().id; }

}  // namespace

TEST_CASE("the demo organisation has the announced shape and accounts", "[demo]") {
    TempDir dir;
    auto store = floorwalk::test::test_database(dir.path()).open();
    const auto started = std::chrono::steady_clock::now();
    const auto summary = create_demo(*store, now);
    const auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "demo: " << summary.observations << " observations, " << summary.activities << " activities in "
              << elapsed << " s\n";

    CHECK(summary.organization == "demo");
    CHECK(summary.units == 16);
    CHECK(summary.employees == 81);
    CHECK(summary.observations >= 600);
    CHECK(summary.observations <= 1600);
    CHECK(summary.activities >= 150);

    const auto org = org_id(*store);
    const auto employees = store->employees(org);
    CHECK(std::count_if(employees.begin(), employees.end(), [](const Employee& e) { return !e.active; }) == 2);
    const auto model = store->model(org);
    REQUIRE(model);
    CHECK(model->dimensions.size() == 6);
    for (const auto& d : model->dimensions) {
        CHECK(d.behaviours.size() >= 3);
        CHECK(d.behaviours.size() <= 4);
    }
    CHECK(model->scale.mastery_threshold == 3);
    CHECK(store->kpis(org).size() == 12 * 6 * 4);

    std::map<Role, int> roles;
    for (const auto& account : summary.accounts) {
        ++roles[account.role];
        CHECK(account.password == "demo1234");
        CHECK_FALSE(account.description.empty());
        const auto user = store->find_user_by_username(org, account.username);
        REQUIRE(user);
        CHECK(user->user.role == account.role);
    }
    CHECK(roles[Role::manager] == 12);
    CHECK(roles[Role::director] == 2);
    CHECK(roles[Role::hq] == 1);
    CHECK(roles[Role::admin] == 1);
    const auto manager = store->find_user_by_username(org, "manager");
    REQUIRE(manager);
    CHECK(manager->user.unit_ids == std::vector<std::string>{"paris-opera"});
    CHECK(server::verify_password("demo1234", manager->password_hash));

    // The easy manager account sees its store only.
    server::Caller caller{org,           manager->user.id,       "manager", manager->user.display_name,
                          Role::manager, manager->user.unit_ids, "test"};
    const auto page = store->pull(caller, "", 1000);
    CHECK(page.units.size() == 1);
    CHECK(page.employees.size() == 9);
    CHECK_FALSE(page.observations.empty());
    for (const auto& o : page.observations) CHECK(o.employee_id.rfind("FR", 0) == 0);
}

TEST_CASE("the demo is the same for the same seed and time", "[demo]") {
    TempDir a_dir;
    TempDir b_dir;
    auto a = floorwalk::test::test_database(a_dir.path()).open();
    auto b = floorwalk::test::test_database(b_dir.path()).open();
    create_demo(*a, now, 42);
    create_demo(*b, now, 42);
    const auto sa = snapshot(*a, org_id(*a));
    const auto sb = snapshot(*b, org_id(*b));
    CHECK(sa.observations == sb.observations);
    CHECK(sa.activities == sb.activities);
    CHECK(sa.kpis == sb.kpis);
    CHECK(a->units(org_id(*a)) == b->units(org_id(*b)));
    CHECK(a->employees(org_id(*a)) == b->employees(org_id(*b)));
}

TEST_CASE("refreshing the demo keeps its history and resets its passwords", "[demo]") {
    TempDir dir;
    auto store = floorwalk::test::test_database(dir.path()).open();
    const auto first = create_demo(*store, now);
    const auto org = org_id(*store);
    const auto before = snapshot(*store, org);
    const auto manager = store->find_user_by_username(org, "manager");
    REQUIRE(store->set_password_hash(org, manager->user.id, server::hash_password("changed", server::HashCost::fast)));

    const auto second = create_demo(*store, now + std::chrono::hours(24 * 3));
    CHECK(second.observations == first.observations);
    CHECK(second.activities == first.activities);
    CHECK(second.units == first.units);
    CHECK(second.employees == first.employees);
    const auto after = snapshot(*store, org);
    CHECK(after.observations == before.observations);
    CHECK(after.kpis == before.kpis);
    CHECK(store->model(org)->version == 1);
    CHECK(store->organizations().size() == 1);
    CHECK(server::verify_password("demo1234", store->find_user(org, manager->user.id)->password_hash));
}

TEST_CASE("mastery rises over the six months, unevenly across stores", "[demo]") {
    TempDir dir;
    auto store = floorwalk::test::test_database(dir.path()).open();
    create_demo(*store, now);
    const auto org = org_id(*store);
    std::map<std::string, std::string> store_of;
    for (const auto& e : store->employees(org)) store_of[e.id] = e.unit_id;

    const Timestamp recent = now - std::chrono::hours(24 * 28);
    const Timestamp early = now - std::chrono::hours(24 * 7 * 22);
    struct Counts {
        int mastered = 0;
        int rated = 0;
        [[nodiscard]] double rate() const { return rated == 0 ? 0 : static_cast<double>(mastered) / rated; }
    };
    Counts first_weeks;
    Counts last_weeks;
    std::map<std::string, Counts> last_by_store;
    store->for_each_observation(org, [&](const Observation& o) {
        for (const auto& r : o.ratings) {
            if (o.observed_at < early) {
                ++first_weeks.rated;
                first_weeks.mastered += r.level >= 3;
            } else if (o.observed_at >= recent) {
                ++last_weeks.rated;
                last_weeks.mastered += r.level >= 3;
                auto& counts = last_by_store[store_of.at(o.employee_id)];
                ++counts.rated;
                counts.mastered += r.level >= 3;
            }
        }
    });
    std::cout << "demo mastery: first weeks " << first_weeks.rate() << ", last weeks " << last_weeks.rate() << "\n";
    CHECK(last_weeks.rate() > first_weeks.rate() + 0.25);
    double lowest = 1;
    double highest = 0;
    for (const auto& [unit, counts] : last_by_store) {
        lowest = std::min(lowest, counts.rate());
        highest = std::max(highest, counts.rate());
    }
    CHECK(highest - lowest > 0.35);
}
