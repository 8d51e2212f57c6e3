// The index on its own (no store): subtree ranges, assessments as records come and go in any order, moves.
#include "indicators/organization_index.h"

#include "floorwalk/time.h"

#include <catch2/catch.hpp>

using namespace floorwalk;
using floorwalk::server::indicators::OrganizationData;
using floorwalk::server::indicators::OrganizationIndex;

namespace {

Timestamp t(const char* text) { return *parse_date_or_time(text); }

OrganizationData organization() {
    OrganizationData data;
    data.units = {{"root", "", "Root", UnitKind::organization},
                  {"a", "root", "A", UnitKind::region},
                  {"a1", "a", "A1", UnitKind::store},
                  {"b", "root", "B", UnitKind::region},
                  {"a2", "a", "A2", UnitKind::store}};
    data.employees = {{"x", "a1", "X", "", true}, {"y", "b", "Y", "", true},  {"z", "a2", "Z", "", true},
                      {"w", "a", "W", "", true},  {"v", "a1", "V", "", false}};
    data.users = {{"m", "m", "Manager", Role::manager, {"a1"}}};
    data.model.emplace();
    data.model->scale.mastery_threshold = 3;
    data.model->dimensions = {{"d", "D", "", {}}};
    return data;
}

Observation rated(const std::string& id, const std::string& employee, const char* when, int level) {
    Observation o;
    o.id = id;
    o.employee_id = employee;
    o.observer_id = "m";
    o.observed_at = t(when);
    o.ratings = {{"d", level}};
    return o;
}

std::optional<int> level_of(const OrganizationIndex& index, const std::string& employee, const char* when) {
    const IndicatorParams params{.at = t(when), .window_days = 90, .from = t(when), .to = t(when)};
    for (const auto& facts : index.facts(*index.root(), params))
        if (facts.employee_id == employee) return facts.levels.at(0);
    return std::nullopt;
}

}  // namespace

TEST_CASE("every subtree's active employees form one range, children inside their parent", "[indicators][index]") {
    OrganizationIndex index;
    index.set_organization(organization());
    const auto* root = index.root();
    REQUIRE(root);
    CHECK(root->active_employees() == 4);  // v is inactive
    const auto* a = index.find_unit("a");
    REQUIRE(a);
    CHECK(a->active_employees() == 3);  // w in a itself, x in a1, z in a2
    CHECK(index.find_unit("a1")->active_employees() == 1);
    CHECK(index.find_unit("b")->active_employees() == 1);
    CHECK(OrganizationIndex::is_within(*index.find_unit("a2"), *a));
    CHECK_FALSE(OrganizationIndex::is_within(*index.find_unit("b"), *a));

    const IndicatorParams params{.at = t("2026-01-01"), .window_days = 90, .from = t("2025-12-01"), .to = t("2026-01-01")};
    const auto facts = index.facts(*a, params);
    REQUIRE(facts.size() == 3);
    const auto a2 = OrganizationIndex::slice(facts, *a, *index.find_unit("a2"));
    REQUIRE(a2.size() == 1);
    CHECK(a2[0].employee_id == "z");
    CHECK(index.find_unit("nowhere") == nullptr);
}

TEST_CASE("assessments follow records added and removed in any order", "[indicators][index]") {
    OrganizationIndex index;
    index.set_organization(organization());
    const auto o1 = rated("00000000-0000-7000-8000-000000000001", "x", "2026-01-10T00:00:00Z", 2);
    const auto o2 = rated("00000000-0000-7000-8000-000000000002", "x", "2026-01-20T00:00:00Z", 4);
    const auto o3 = rated("00000000-0000-7000-8000-000000000003", "x", "2026-01-20T00:00:00Z", 1);  // tie, greater id
    index.add_observation(o2);
    index.add_observation(o3);
    index.add_observation(o1);
    CHECK(index.observation_total() == 3);
    CHECK(level_of(index, "x", "2026-01-15") == 2);
    CHECK(level_of(index, "x", "2026-02-01") == 1);  // o3 wins the tie
    index.remove_observation(o3);
    CHECK(level_of(index, "x", "2026-02-01") == 4);
    index.remove_observation(o2);
    CHECK(level_of(index, "x", "2026-02-01") == 2);
    CHECK(level_of(index, "x", "2026-01-09") == std::nullopt);
    index.remove_observation(o2);  // not indexed any more: nothing happens
    CHECK(index.observation_total() == 1);
    CHECK(level_of(index, "x", "2026-04-10T00:00:00Z") == std::nullopt);  // 90 days after o1 exactly
    CHECK(level_of(index, "x", "2026-04-09T23:59:59.999Z") == 2);
}

TEST_CASE("apply replaces an edited record and forgets a deleted one", "[indicators][index]") {
    OrganizationIndex index;
    index.set_organization(organization());
    auto original = rated("00000000-0000-7000-8000-000000000009", "x", "2026-01-10T00:00:00Z", 2);
    server::AppliedChanges changes;
    changes.observations.push_back({std::nullopt, original});
    index.apply(changes);
    auto edit = original;
    edit.revision = 2;
    edit.employee_id = "z";  // the edit names another employee
    edit.ratings = {{"d", 4}};
    changes.observations = {{original, edit}};
    index.apply(changes);
    CHECK(level_of(index, "x", "2026-02-01") == std::nullopt);
    CHECK(level_of(index, "z", "2026-02-01") == 4);
    changes.observations = {{edit, std::nullopt}};
    index.apply(changes);
    CHECK(level_of(index, "z", "2026-02-01") == std::nullopt);
    CHECK(index.observation_total() == 0);
}

TEST_CASE("activities count once per subtree, and moved employees count where they are now", "[indicators][index]") {
    OrganizationIndex index;
    index.set_organization(organization());
    CoachingActivity briefing;
    briefing.id = "00000000-0000-7000-8000-000000000100";
    briefing.manager_id = "m";
    briefing.occurred_at = t("2026-01-05");
    briefing.participant_ids = {"x", "z", "y"};
    index.add_activity(briefing);
    CHECK(index.activity_count(*index.root(), t("2026-01-01"), t("2026-02-01")) == 1);
    CHECK(index.activity_count(*index.find_unit("a"), t("2026-01-01"), t("2026-02-01")) == 1);
    CHECK(index.activity_count(*index.find_unit("a"), t("2026-01-05T00:00:00.001Z"), t("2026-02-01")) == 0);
    CHECK(index.managers(*index.root(), t("2026-01-01"), t("2026-02-01")).at(0).activities == 1);

    auto data = organization();
    data.employees[0].unit_id = "b";  // x moves from a1 to b
    index.set_organization(data);
    CHECK(index.find_unit("a")->active_employees() == 2);
    CHECK(index.find_unit("b")->active_employees() == 2);
    index.remove_activity(briefing);
    CHECK(index.activity_count(*index.root(), t("2026-01-01"), t("2026-02-01")) == 0);
    CHECK(index.managers(*index.find_unit("a1"), t("2026-01-01"), t("2026-02-01")).at(0).activities == 0);
}
