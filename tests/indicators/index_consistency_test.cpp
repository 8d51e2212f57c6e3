// The maintained index against the reference: thousands of random pushes, edits, deletions, employee moves,
// deactivations and a model change through a real SqliteStore, after which the service's figures (root, regions,
// stores, a team; several instants, windows and periods; weekly series) must equal compute_indicators and
// compute_series from shared over the store's current records. Seeded and bounded.
#include "indicator_fixture.h"

#include "floorwalk/wire.h"
#include "sync/sql_store.h"
#include "test_database.h"

#include <catch2/catch.hpp>
#include <google/protobuf/util/message_differencer.h>

#include <map>
#include <random>
#include <set>
#include <tuple>

using namespace floorwalk;
using namespace floorwalk::test;

namespace {

struct Scenario {
    std::string organization_id;
    std::vector<std::string> stores;  // units where employees work (stores and teams)
    std::map<std::string, std::string> manager_of;  // unit -> username of the manager covering it
    std::vector<std::string> dimensions;
};

class RandomOrganization {
public:
    explicit RandomOrganization(std::uint32_t seed) : random_(seed) {
        store_ = floorwalk::test::test_database(dir_.path()).open();
        organization_id_ = store_->create_organization("random").id;
        std::vector<Unit> units{{"root", "", "Root", UnitKind::organization}};
        const std::vector<std::pair<std::string, int>> regions{{"G1", 3}, {"G2", 2}, {"G3", 2}};
        for (const auto& [region, stores] : regions) {
            units.push_back({region, "root", "Region " + region, UnitKind::region});
            for (int s = 1; s <= stores; ++s) {
                const std::string store = region + "S" + std::to_string(s);
                units.push_back({store, region, "Store " + store, UnitKind::store});
                workplaces_.push_back(store);
                covering_[store] = "manager-" + store;
            }
        }
        for (const std::string team : {"G1S1T1", "G1S1T2"}) {  // a deeper level under G1S1
            units.push_back({team, "G1S1", "Team " + team, UnitKind::team});
            workplaces_.push_back(team);
            covering_[team] = "manager-G1S1";
        }
        REQUIRE(store_->import_units(organization_id_, units).errors.empty());

        std::vector<Employee> employees;
        for (int e = 0; e < 70; ++e) {
            const auto& unit = workplaces_[pick(workplaces_.size())];
            employees.push_back({"emp" + std::to_string(e), unit, "Employee " + std::to_string(e), "Advisor", true});
        }
        REQUIRE(store_->import_employees(organization_id_, employees).errors.empty());
        employees_ = employees;

        ExperienceModel model{.id = "cx", .name = "CX"};
        model.scale.levels = {{1, "one"}, {2, "two"}, {3, "three"}, {4, "four"}};
        model.scale.mastery_threshold = 3;
        model.dimensions = {{"a", "Alpha", "", {}}, {"b", "Beta", "", {}}, {"c", "Gamma", "", {}}};
        REQUIRE(store_->import_model(organization_id_, model).errors.empty());
        model_version_ = 1;
        dimensions_ = {"a", "b", "c"};

        std::vector<server::UserImportRow> users;
        auto user = [&](std::string name, Role role, std::vector<std::string> units_of) {
            server::UserImportRow row;
            row.user = User{"", name, "User " + name, role, std::move(units_of)};
            row.password_hash = test_password_hash();
            users.push_back(std::move(row));
        };
        user("admin", Role::admin, {});
        for (const auto& unit : units)
            if (unit.kind == UnitKind::store) user("manager-" + unit.id, Role::manager, {unit.id});
        user("manager-idle", Role::manager, {"G3S2"});  // a manager who never records anything
        REQUIRE(store_->import_users(organization_id_, users).errors.empty());

        service_ = std::make_shared<server::IndicatorService>(
            *store_, server::IndicatorOptions{.clock = [] { return at("2026-04-01T00:00:00Z"); }});
    }


    void restart_service() {
        service_ = std::make_shared<server::IndicatorService>(
            *store_, server::IndicatorOptions{.clock = [] { return at("2026-04-01T00:00:00Z"); }});
    }

    // One random step; returns how many records the store accepted.
    int step() {
        const int kind = static_cast<int>(pick(100));
        if (kind < 3) return move_employee(), 0;
        if (kind < 4) return toggle_active(), 0;
        std::vector<Observation> observations;
        std::vector<CoachingActivity> activities;
        // A push holds records of one manager.
        const auto& employee = employees_[pick(employees_.size())];
        const std::string manager = covering_.at(employee.unit_id);
        const int records = 1 + static_cast<int>(pick(6));
        for (int r = 0; r < records; ++r) {
            const int what = static_cast<int>(pick(100));
            if (what < 50) {
                observations.push_back(new_observation(employee_in(manager)));
            } else if (what < 65) {
                if (auto edit = edit_observation(manager)) observations.push_back(*edit);
            } else if (what < 75) {
                if (auto tombstone = delete_observation(manager)) observations.push_back(*tombstone);
            } else if (what < 88) {
                activities.push_back(new_activity(manager));
            } else if (auto change = change_activity(manager)) {
                activities.push_back(*change);
            }
        }
        // One id at most once per push: the store judges each record against the stored latest revision.
        dedupe(observations);
        dedupe(activities);
        const auto outcomes = store_->push(caller(manager), observations, activities, at("2026-04-01T00:00:00Z"));
        int accepted = 0;
        for (std::size_t i = 0; i < outcomes.size(); ++i) {
            if (outcomes[i].status != server::PushStatus::accepted) continue;
            ++accepted;
            if (i < observations.size()) {
                observations_[observations[i].id] = {observations[i], manager};
            } else {
                const auto& activity = activities[i - observations.size()];
                activities_[activity.id] = {activity, manager};
            }
        }
        return accepted;
    }

    // A new model version: drops "c", adds "d"; later observations rate a, b, d.
    void change_model() {
        ExperienceModel model{.id = "cx", .name = "CX 2"};
        model.scale.levels = {{1, "one"}, {2, "two"}, {3, "three"}, {4, "four"}};
        model.scale.mastery_threshold = 2;
        model.dimensions = {{"b", "Beta", "", {}}, {"a", "Alpha", "", {}}, {"d", "Delta", "", {}}};
        const auto result = store_->import_model(organization_id_, model);
        REQUIRE(result.errors.empty());
        model_version_ = result.applied;
        dimensions_ = {"a", "b", "d"};
    }

    [[nodiscard]] IndicatorInput naive_input() {
        IndicatorInput input;
        input.units = UnitTree(store_->units(organization_id_));
        input.employees = store_->employees(organization_id_);
        input.users = store_->users(organization_id_);
        input.model = store_->model(organization_id_).value_or(ExperienceModel{});
        store_->for_each_observation(organization_id_, [&](const Observation& o) { input.observations.push_back(o); });
        store_->for_each_activity(organization_id_, [&](const CoachingActivity& a) { input.activities.push_back(a); });
        return input;
    }

    template <typename Message>
    Message get(const std::string& path, const Query& query) {
        server::Request request;
        request.method = "GET";
        request.path = path;
        request.query = query;
        request.accept = "application/x-protobuf";
        // Routed as the server routes it: the service's own routes on a router.
        server::Router router;
        service_->add_routes(router);
        const auto match = router.match(request.method, request.path);
        REQUIRE(match.route != nullptr);
        const auto admin = caller("admin");
        const std::optional<server::Response> response =
            match.route->handler(server::RouteContext{request, &admin, match.params});
        REQUIRE(response);
        INFO(response->body);
        REQUIRE(response->status == 200);
        Message message;
        REQUIRE(message.ParseFromString(response->body));
        return message;
    }

    [[nodiscard]] std::vector<std::string> all_units() {
        std::vector<std::string> ids;
        for (const auto& unit : store_->units(organization_id_)) ids.push_back(unit.id);
        return ids;
    }

private:
    template <typename Record>
    struct Known {
        Record record;
        std::string manager;
    };

    std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_); }

    server::Caller caller(const std::string& username) {
        const auto user = store_->find_user_by_username(organization_id_, username);
        REQUIRE(user);
        return server::Caller{organization_id_, user->user.id,   user->user.username, user->user.display_name,
                              user->user.role,  user->user.unit_ids, "device"};
    }

    // An employee the manager covers (his own unit's employees, or any when he covers none now).
    std::string employee_in(const std::string& manager) {
        std::vector<std::string> candidates;
        for (const auto& employee : employees_)
            if (covering_.at(employee.unit_id) == manager && employee.active) candidates.push_back(employee.id);
        if (candidates.empty()) return employees_[pick(employees_.size())].id;
        return candidates[pick(candidates.size())];
    }

    // Coarse times (every 6 hours over the first quarter of 2026) so that ties on observed_at are common.
    Timestamp random_time() {
        return at("2026-01-01T00:00:00Z") + std::chrono::hours(6 * static_cast<int>(pick(4 * 90)));
    }

    std::vector<Rating> random_ratings() {
        std::vector<Rating> ratings;
        for (const auto& dimension : dimensions_)
            if (pick(2) == 0) ratings.push_back({dimension, 1 + static_cast<int>(pick(4))});
        if (ratings.empty()) ratings.push_back({dimensions_[pick(dimensions_.size())], 1 + static_cast<int>(pick(4))});
        return ratings;
    }

    Observation new_observation(const std::string& employee_id) {
        Observation o;
        o.id = uuid(++next_id_);
        o.employee_id = employee_id;
        o.observed_at = random_time();
        o.model_version = model_version_;
        o.ratings = random_ratings();
        return o;
    }

    template <typename Record>
    const Record* known_of(const std::map<std::string, Known<Record>>& known, const std::string& manager) {
        std::vector<const Record*> mine;
        for (const auto& [id, entry] : known)
            if (entry.manager == manager && !entry.record.deleted) mine.push_back(&entry.record);
        return mine.empty() ? nullptr : mine[pick(mine.size())];
    }

    std::optional<Observation> edit_observation(const std::string& manager) {
        const Observation* current = known_of(observations_, manager);
        if (!current) return std::nullopt;
        Observation edit = *current;
        edit.base_revision = current->revision;
        edit.revision = current->revision + 1;
        if (pick(2) == 0) edit.observed_at = random_time();
        if (pick(3) == 0) edit.employee_id = employee_in(manager);
        edit.model_version = model_version_;
        edit.ratings = random_ratings();
        return edit;
    }

    std::optional<Observation> delete_observation(const std::string& manager) {
        const Observation* current = known_of(observations_, manager);
        if (!current) return std::nullopt;
        Observation tombstone = *current;
        tombstone.base_revision = current->revision;
        tombstone.revision = current->revision + 1;
        tombstone.deleted = true;
        return tombstone;
    }

    CoachingActivity new_activity(const std::string& manager) {
        CoachingActivity a;
        a.id = uuid(++next_id_);
        a.kind = ActivityKind::team_briefing;
        a.occurred_at = random_time();
        const int participants = 1 + static_cast<int>(pick(3));
        for (int p = 0; p < participants; ++p) {
            auto id = employee_in(manager);
            if (std::ranges::find(a.participant_ids, id) == a.participant_ids.end()) a.participant_ids.push_back(id);
        }
        return a;
    }

    std::optional<CoachingActivity> change_activity(const std::string& manager) {
        const CoachingActivity* current = known_of(activities_, manager);
        if (!current) return std::nullopt;
        CoachingActivity change = *current;
        change.base_revision = current->revision;
        change.revision = current->revision + 1;
        if (pick(3) == 0) {
            change.deleted = true;
        } else {
            change.occurred_at = random_time();
            change.participant_ids = {employee_in(manager)};
        }
        return change;
    }

    template <typename Record>
    static void dedupe(std::vector<Record>& records) {
        std::set<std::string> seen;
        std::erase_if(records, [&](const Record& r) { return !seen.insert(r.id).second; });
    }

    void move_employee() {
        auto& employee = employees_[pick(employees_.size())];
        employee.unit_id = workplaces_[pick(workplaces_.size())];
        REQUIRE(store_->import_employees(organization_id_, {employee}).errors.empty());
    }

    void toggle_active() {
        auto& employee = employees_[pick(employees_.size())];
        employee.active = !employee.active;
        REQUIRE(store_->import_employees(organization_id_, {employee}).errors.empty());
    }

    TempDir dir_;
    std::mt19937 random_;
    std::unique_ptr<server::Store> store_;
    std::shared_ptr<server::IndicatorService> service_;
    std::string organization_id_;
    std::vector<std::string> workplaces_;
    std::map<std::string, std::string> covering_;
    std::vector<Employee> employees_;
    std::vector<std::string> dimensions_;
    int model_version_ = 1;
    int next_id_ = 0;
    std::map<std::string, Known<Observation>> observations_;
    std::map<std::string, Known<CoachingActivity>> activities_;
};

struct Probe {
    std::string at;
    int window_days;
    std::string from;
    std::string to;
};

const std::vector<Probe> probes{
    {"2026-04-01T00:00:00Z", 90, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"},
    {"2026-02-15T12:00:00Z", 30, "2026-02-01T00:00:00Z", "2026-02-15T12:00:00Z"},
    {"2026-01-20T06:00:00Z", 7, "2026-01-10T06:00:00Z", "2026-01-20T06:00:00Z"},  // bounds on the 6-hour grid
    {"2026-03-10T00:00:00Z", 3650, "2025-12-01T00:00:00Z", "2026-03-10T00:00:00Z"},
};

void check_against_reference(RandomOrganization& organization) {
    using google::protobuf::util::MessageDifferencer;
    const auto input = organization.naive_input();
    INFO("observations " << input.observations.size() << ", activities " << input.activities.size());
    for (const auto& unit : organization.all_units()) {
        for (const auto& probe : probes) {
            INFO("unit " << unit << " at " << probe.at << " W " << probe.window_days);
            const IndicatorParams params{.at = at(probe.at), .window_days = probe.window_days,
                                         .from = at(probe.from), .to = at(probe.to)};
            v1::IndicatorsResponse expected;
            wire::to_proto(compute_indicators(input, unit, params), params, &expected);
            const auto actual = organization.get<v1::IndicatorsResponse>(
                "/api/v1/indicators", {{"unitId", unit}, {"at", probe.at}, {"windowDays", std::to_string(probe.window_days)},
                                       {"from", probe.from}, {"to", probe.to}});
            INFO("expected " << expected.DebugString() << "\nactual " << actual.DebugString());
            REQUIRE(MessageDifferencer::Equals(expected, actual));
        }
    }
    // Short windows walk the records, and a series longer than the index's chunk of 64 weeks. The default window
    // (90 days) reads the weekly state kept at push time, where the WeekGrid covers it (from 104 weeks before the
    // clock's 2026-04-01): wholly, and a series from 2023 whose first chunk lies before the grid.
    const std::vector<std::tuple<std::string, std::string, int>> series{
        {"root", "2025-12-20", 30}, {"G1", "2025-12-20", 7},  {"G1S1T1", "2025-12-20", 30},
        {"root", "2024-11-25", 60},  // its second chunk starts on 2026-02-16, amid the records
        {"root", "2025-10-06", 90}, {"G2", "2025-12-20", 90}, {"G1S1T1", "2026-01-05", 90},
        {"root", "2023-06-05", 90}};
    for (const auto& [unit, from, window] : series) {
        INFO("series of " << unit << " from " << from << " W " << window);
        v1::SeriesResponse expected;
        for (const auto& point : compute_series(input, unit, at(from), at("2026-04-01"), window))
            wire::to_proto(point, expected.add_points());
        const auto actual = organization.get<v1::SeriesResponse>(
            "/api/v1/indicators/series",
            {{"unitId", unit}, {"from", from}, {"to", "2026-04-01"}, {"windowDays", std::to_string(window)}});
        REQUIRE(actual.points_size() == expected.points_size());
        for (int i = 0; i < expected.points_size(); ++i) {
            INFO("week " << expected.points(i).week());
            REQUIRE(MessageDifferencer::Equals(expected.points(i), actual.points(i)));
        }
    }
}

}  // namespace

TEST_CASE("after thousands of random changes the index equals the reference computation",
          "[indicators][randomized]") {
    RandomOrganization organization(20260401);
    int accepted = 0;
    constexpr int steps = 1200;
    for (int i = 1; i <= steps; ++i) {
        accepted += organization.step();
        if (i == steps / 2) organization.change_model();
        if (i % 400 == 0) {
            INFO("after step " << i);
            check_against_reference(organization);
        }
    }
    INFO("accepted records: " << accepted);
    CHECK(accepted > 2000);  // the scenario really exercised the index
    organization.restart_service();
    check_against_reference(organization);
}
