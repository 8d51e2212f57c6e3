#include "support/fixtures.h"

#include "auth/password.h"
#include "floorwalk/uuid.h"

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace floorwalk::server::test {

namespace fs = std::filesystem;

TempDir::TempDir() {
    std::random_device random;
    const auto base = fs::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = base / ("floorwalk-test-" + std::to_string(random()));
        if (fs::create_directory(candidate)) {
            path_ = std::move(candidate);
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

ManualClock::ManualClock(Timestamp start) : millis_(start.time_since_epoch().count()) {}

Timestamp ManualClock::now() const { return Timestamp(std::chrono::milliseconds(millis_.load())); }

void ManualClock::advance(std::chrono::milliseconds by) { millis_ += by.count(); }

namespace {

void expect_applied(const ImportResult& result, const char* what) {
    if (!result.errors.empty())
        throw std::runtime_error(std::string("seeding ") + what + " failed: " + result.errors.front().field + ": " +
                                 result.errors.front().message);
}

}  // namespace

Organization seed_organization(Store& store, const std::string& name) {
    const auto organization = store.create_organization(name);
    const auto& id = organization.id;
    expect_applied(store.import_units(id, {{"hq", "", "Head office", UnitKind::organization},
                                           {"north", "hq", "North", UnitKind::region},
                                           {"south", "hq", "South", UnitKind::region},
                                           {"n1", "north", "North 1", UnitKind::store},
                                           {"n2", "north", "North 2", UnitKind::store},
                                           {"s1", "south", "South 1", UnitKind::store}}),
                   "units");
    expect_applied(store.import_employees(id, {{"e1", "n1", "Ana", "Seller", true},
                                               {"e2", "n1", "Ben", "Seller", true},
                                               {"e3", "n2", "Chloé", "Cashier", true},
                                               {"e4", "s1", "Dan", "Seller", true}}),
                   "employees");
    // One hash for everyone: argon2id is slow on purpose, and tests seed often.
    const auto hash = hash_password(test_password, HashCost::fast);
    auto user = [&](std::string username, Role role, std::vector<std::string> units) {
        UserImportRow row;
        row.user.username = username;
        row.user.display_name = "User " + username;
        row.user.role = role;
        row.user.unit_ids = std::move(units);
        row.password_hash = hash;
        return row;
    };
    expect_applied(store.import_users(id, {user("admin", Role::admin, {}), user("analyst", Role::hq, {}),
                                           user("director", Role::director, {"north"}),
                                           user("manager", Role::manager, {"n1"}),
                                           user("manager2", Role::manager, {"s1"})}),
                   "users");
    ExperienceModel model;
    model.id = "cx";
    model.name = "Customer experience";
    model.scale.levels = {{1, "Discovering"}, {2, "Practising"}, {3, "Mastering"}, {4, "Role model"}};
    model.scale.mastery_threshold = 3;
    model.dimensions = {{"greet", "Greeting", "Welcomes every customer", {"Smiles", "Says hello"}},
                        {"listen", "Listening", "Understands the need", {"Asks open questions"}},
                        {"advise", "Advice", "Recommends the right product", {"Explains the benefits"}}};
    expect_applied(store.import_model(id, model), "model");
    return organization;
}

std::string new_id() { return make_uuid_v7(Timestamp(std::chrono::duration_cast<std::chrono::milliseconds>(
    std::chrono::system_clock::now().time_since_epoch()))); }

Observation make_observation(const std::string& employee_id, int level, Timestamp now) {
    Observation observation;
    observation.id = new_id();
    observation.employee_id = employee_id;
    observation.observed_at = now - std::chrono::hours(1);
    observation.model_version = 1;
    observation.ratings = {{"greet", level}};
    observation.comment = "Warm welcome";
    return observation;
}

CoachingActivity make_activity(const std::vector<std::string>& participants, Timestamp now) {
    CoachingActivity activity;
    activity.id = new_id();
    activity.kind = ActivityKind::one_to_one;
    activity.occurred_at = now - std::chrono::hours(2);
    activity.participant_ids = participants;
    activity.note = "Role play at the till";
    return activity;
}

fs::path fixture_path(const std::string& name) { return fs::path(FLOORWALK_TEST_DATA_DIR) / name; }

std::string read_fixture(const std::string& name) {
    std::ifstream in(fixture_path(name), std::ios::binary);
    if (!in) throw std::runtime_error("missing fixture " + fixture_path(name).string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace floorwalk::server::test
