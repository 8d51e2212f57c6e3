#include "store_fixture.h"

#include "floorwalk/time.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace floorwalk::test {

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "floorwalk-storage-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary folder");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

Timestamp at(const std::string& rfc3339) {
    const auto t = parse_date_or_time(rfc3339);
    if (!t) throw std::invalid_argument("bad time in a test: " + rfc3339);
    return *t;
}

std::string uuid(int n) {
    char text[40];
    std::snprintf(text, sizeof text, "00000000-0000-7000-8000-%012d", n);
    return text;
}

Observation observation(const std::string& id, const std::string& employee_id, std::vector<Rating> ratings,
                        const std::string& when) {
    Observation o;
    o.id = id;
    o.employee_id = employee_id;
    o.observed_at = at(when);
    o.model_version = 1;
    o.ratings = std::move(ratings);
    o.comment = "Warm welcome";
    return o;
}

Observation edited(Observation previous) {
    previous.base_revision = previous.revision;
    previous.revision += 1;
    previous.comment += " (edited)";
    return previous;
}

Observation deleted(Observation previous) {
    previous.base_revision = previous.revision;
    previous.revision += 1;
    previous.deleted = true;
    return previous;
}

CoachingActivity activity(const std::string& id, std::vector<std::string> participants, ActivityKind kind,
                          const std::string& when) {
    CoachingActivity a;
    a.id = id;
    a.kind = kind;
    a.occurred_at = at(when);
    a.participant_ids = std::move(participants);
    a.note = "Debrief";
    return a;
}

ExperienceModel sample_model() {
    ExperienceModel model;
    model.id = "cx";
    model.name = "Customer experience";
    model.scale.levels = {{1, "Discovering"}, {2, "Developing"}, {3, "Mastering"}, {4, "Expert"}};
    model.scale.mastery_threshold = 3;
    model.dimensions = {{"welcome", "Welcome", "Greets every customer", {"Smiles", "Says hello within 30 s"}},
                        {"advice", "Advice", "Advises with expertise", {"Asks open questions"}},
                        {"closing", "Closing", "Closes the sale", {}}};
    return model;
}

StoreFixture::StoreFixture() : database(dir.path()) {
    store = database.open();
    org = add_organization("acme");
}

std::string StoreFixture::add_organization(const std::string& name) {
    const auto organization = store->create_organization(name);
    const std::string& id = organization.id;
    const std::vector<Unit> units = {
        {"hq", "", "Acme", UnitKind::organization},   {"north", "hq", "North", UnitKind::region},
        {"south", "hq", "South", UnitKind::region},   {"paris", "north", "Paris", UnitKind::store},
        {"lille", "north", "Lille", UnitKind::store}, {"lyon", "south", "Lyon", UnitKind::store},
    };
    REQUIRE(store->import_units(id, units).errors.empty());
    const std::vector<Employee> employees = {
        {"e-paris-1", "paris", "Alice Martin", "Advisor", true},
        {"e-paris-2", "paris", "Bruno Petit", "Advisor", true},
        {"e-paris-3", "paris", "Chloé Roux", "Cashier", true},
        {"e-lille-1", "lille", "David Leroy", "Advisor", true},
        {"e-lille-2", "lille", "Emma Moreau", "Advisor", true},
        {"e-lyon-1", "lyon", "Farid Benali", "Advisor", true},
        {"e-lyon-2", "lyon", "Gaëlle Fournier", "Advisor", true},
    };
    REQUIRE(store->import_employees(id, employees).errors.empty());
    auto user = [](std::string username, Role role, std::vector<std::string> units) {
        return server::UserImportRow{User{"", username, "User " + username, role, std::move(units)},
                                     std::string("$argon2id$test-hash-of-") + username};
    };
    const std::vector<server::UserImportRow> users = {
        user("mgr.paris", Role::manager, {"paris"}),
        user("mgr.lille", Role::manager, {"lille"}),
        user("mgr.lyon", Role::manager, {"lyon"}),
        user("dir.north", Role::director, {"north"}),
        user("hq", Role::hq, {}),
        user("admin", Role::admin, {}),
    };
    REQUIRE(store->import_users(id, users).errors.empty());
    REQUIRE(store->import_model(id, sample_model()).applied == 1);
    return id;
}

server::Caller StoreFixture::caller_in(const std::string& organization_id, const std::string& username) {
    const auto stored = store->find_user_by_username(organization_id, username);
    REQUIRE(stored);
    server::Caller caller;
    caller.organization_id = organization_id;
    caller.user_id = stored->user.id;
    caller.username = stored->user.username;
    caller.display_name = stored->user.display_name;
    caller.role = stored->user.role;
    caller.unit_ids = stored->user.unit_ids;
    caller.device_id = "device-" + username;
    return caller;
}

std::vector<server::PushOutcome> StoreFixture::push(const std::string& username,
                                                    const std::vector<Observation>& observations,
                                                    const std::vector<CoachingActivity>& activities) {
    return store->push(caller(username), observations, activities, push_time);
}

server::PushOutcome StoreFixture::push_one(const std::string& username, const Observation& observation) {
    auto outcomes = push(username, {observation});
    REQUIRE(outcomes.size() == 1);
    return outcomes.front();
}

server::PushOutcome StoreFixture::push_one(const std::string& username, const CoachingActivity& activity) {
    auto outcomes = push(username, {}, {activity});
    REQUIRE(outcomes.size() == 1);
    return outcomes.front();
}

std::vector<Observation> StoreFixture::observations() {
    std::vector<Observation> all;
    store->for_each_observation(org, [&](const Observation& o) { all.push_back(o); });
    return all;
}

std::vector<CoachingActivity> StoreFixture::activities() {
    std::vector<CoachingActivity> all;
    store->for_each_activity(org, [&](const CoachingActivity& a) { all.push_back(a); });
    return all;
}

void StoreFixture::reopen() {
    store.reset();
    store = database.open();
}

Drained drain(server::Store& store, const server::Caller& caller, std::string cursor, int limit) {
    Drained drained;
    for (int guard = 0; guard < 100000; ++guard) {
        const auto page = store.pull(caller, cursor, limit);
        REQUIRE_FALSE(page.reset);
        ++drained.pages;
        for (const auto& o : page.observations) drained.observation_ids.push_back(o.id);
        for (const auto& a : page.activities) drained.activity_ids.push_back(a.id);
        for (const auto& id : page.deleted_ids) drained.deleted_ids.push_back(id);
        cursor = page.cursor;
        if (!page.has_more) break;
    }
    drained.cursor = cursor;
    return drained;
}

}  // namespace floorwalk::test
