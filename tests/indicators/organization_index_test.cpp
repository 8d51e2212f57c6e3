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
    OrganizationIndex index(t("2026-04-01"));
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
    OrganizationIndex index(t("2026-04-01"));
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
    OrganizationIndex index(t("2026-04-01"));
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
    OrganizationIndex index(t("2026-04-01"));
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

namespace {

// The series point of ISO week `label` ("2026-W02").
const SeriesPointFigures& week(const std::vector<SeriesPointFigures>& points, const std::string& label) {
    const auto it = std::ranges::find(points, label, &SeriesPointFigures::week);
    REQUIRE(it != points.end());
    return *it;
}

}  // namespace

TEST_CASE("the default window's learning curve follows records added and removed, week by week",
          "[indicators][index][series]") {
    OrganizationIndex index(t("2026-04-01"));
    index.set_organization(organization());
    // Saturday of ISO week 2026-W02; its 90-day window ends on 2026-04-10 (W15), its 30-day period on 2026-02-09.
    const auto observation = rated("00000000-0000-7000-8000-000000000021", "x", "2026-01-10T00:00:00Z", 2);
    CoachingActivity briefing;
    briefing.id = "00000000-0000-7000-8000-000000000022";
    briefing.manager_id = "m";
    briefing.occurred_at = t("2026-02-20T00:00:00Z");  // W08; its period ends on 2026-03-22
    briefing.participant_ids = {"y"};
    index.add_observation(observation);
    index.add_activity(briefing);

    const auto points = index.series(*index.root(), t("2026-01-01"), t("2026-04-20"), 90);
    REQUIRE(points.size() == 16);  // 2026-W01 to 2026-W16 (W17 starts on 2026-04-20)
    auto level = [&](const char* label) { return week(points, label).figures.dimensions.at(0).assessed; };
    CHECK(level("2026-W01") == 0);
    CHECK(level("2026-W02") == 1);
    CHECK(level("2026-W14") == 1);  // ends on 2026-04-05, inside the window
    CHECK(level("2026-W15") == 0);  // ends on 2026-04-12, past it
    auto accompanied = [&](const char* label) { return week(points, label).figures.accompanied_employees; };
    CHECK(accompanied("2026-W01") == 0);
    CHECK(accompanied("2026-W02") == 1);
    CHECK(accompanied("2026-W06") == 1);  // its period [2026-01-10, 2026-02-09) still holds the observation
    CHECK(accompanied("2026-W07") == 0);
    CHECK(accompanied("2026-W08") == 1);  // y, coached
    CHECK(accompanied("2026-W11") == 1);
    CHECK(accompanied("2026-W12") == 0);
    CHECK(week(points, "2026-W02").observations == 1);
    CHECK(week(points, "2026-W03").observations == 0);

    // Loading the same records in bulk fills the same weekly state at the end.
    OrganizationIndex loaded(t("2026-04-01"));
    loaded.begin_bulk_load();
    loaded.add_observation(observation);
    loaded.add_activity(briefing);
    loaded.end_bulk_load();
    loaded.set_organization(organization());
    CHECK(loaded.series(*loaded.root(), t("2026-01-01"), t("2026-04-20"), 90) == points);

    index.remove_observation(observation);
    index.remove_activity(briefing);
    for (const auto& point : index.series(*index.root(), t("2026-01-01"), t("2026-04-20"), 90)) {
        INFO(point.week);
        CHECK(point.figures.assessed_employees == 0);
        CHECK(point.figures.accompanied_employees == 0);
        CHECK(point.observations == 0);
    }
}

TEST_CASE("a unit chain 100,000 deep (stored before the depth limit) is laid out without recursion",
          "[indicators][index]") {
    OrganizationData data = organization();
    data.units = {{"root", "", "Root", UnitKind::organization}};
    for (int i = 1; i < 100'000; ++i)
        data.units.push_back({"u" + std::to_string(i), i == 1 ? "root" : "u" + std::to_string(i - 1), "U",
                              UnitKind::team});
    data.employees = {{"x", "u99999", "X", "", true}, {"y", "u1", "Y", "", true}};
    OrganizationIndex index(t("2026-04-01"));
    index.set_organization(data);
    REQUIRE(index.units().size() == 100'000);
    CHECK(index.root()->active_employees() == 2);
    CHECK(index.find_unit("u50000")->active_employees() == 1);
    index.add_observation(rated("0190b6a2-4c1e-7d3f-9a2b-000000000001", "x", "2026-03-20T10:00:00Z", 4));
    const IndicatorParams params{.at = t("2026-04-01"), .window_days = 90, .from = t("2026-03-01"),
                                 .to = t("2026-04-01")};
    const auto figures = index.indicators(*index.root(), params);
    CHECK(figures.figures.transformation_rate == 1.0);
}
