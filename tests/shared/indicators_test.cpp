// The indicator definitions on hand-computed cases. Each case is built so that changing a definition (a closed
// window, > instead of >= for mastery, averaging children, counting inactive employees...) changes a checked figure.
#include "floorwalk/indicators.h"
#include "floorwalk/time.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <random>

using namespace floorwalk;
using namespace std::chrono;

namespace {

Timestamp t(std::string_view text) {
    const auto parsed = parse_rfc3339(text);
    REQUIRE(parsed);
    return *parsed;
}

// Observation ids that sort like their number.
std::string uuid(int n) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "00000000-0000-7000-8000-%012d", n);
    return buffer;
}

ExperienceModel model() {
    ExperienceModel m;
    m.id = "cx";
    m.version = 1;
    m.name = "Customer experience";
    m.scale.levels = {{1, "Discovering"}, {2, "Practising"}, {3, "Mastering"}, {4, "Expert"}};
    m.scale.mastery_threshold = 3;
    m.dimensions = {{"welcome", "Welcome", "", {}}, {"advice", "Advice", "", {}}};
    return m;
}

Observation obs(int n, std::string employee, Timestamp at, std::vector<Rating> ratings, std::string observer = "m1") {
    Observation o;
    o.id = uuid(n);
    o.employee_id = std::move(employee);
    o.observer_id = std::move(observer);
    o.observed_at = at;
    o.model_version = 1;
    o.ratings = std::move(ratings);
    return o;
}

CoachingActivity act(int n, std::string manager, Timestamp at, std::vector<std::string> participants) {
    CoachingActivity a;
    a.id = uuid(n);
    a.manager_id = std::move(manager);
    a.kind = ActivityKind::one_to_one;
    a.occurred_at = at;
    a.participant_ids = std::move(participants);
    return a;
}

Employee employee(std::string id, std::string unit, bool active = true) {
    return {id, std::move(unit), "Employee " + id, "Advisor", active};
}

IndicatorParams params(Timestamp at, int window_days, Timestamp from, Timestamp to) {
    IndicatorParams p;
    p.at = at;
    p.window_days = window_days;
    p.from = from;
    p.to = to;
    return p;
}

// A store "s" with the given employees, for the cases about one employee.
IndicatorInput one_store(std::vector<Employee> employees) {
    IndicatorInput input;
    input.units = UnitTree({{"org", "", "Org", UnitKind::organization}, {"s", "org", "Store", UnitKind::store}});
    input.employees = std::move(employees);
    input.model = model();
    return input;
}

// The level assess_employees finds for `employee_id` on dimension index `d`.
std::optional<int> fast_level(const IndicatorInput& input, const std::string& employee_id, std::size_t d,
                              const IndicatorParams& p) {
    for (const auto& fact : assess_employees(input, "org", p)) {
        if (fact.employee_id == employee_id) return fact.levels.at(d);
    }
    FAIL("employee " << employee_id << " not assessed");
    return std::nullopt;
}

void check_rate(const std::optional<double>& actual, double expected) {
    REQUIRE(actual.has_value());
    CHECK(*actual == Approx(expected).margin(1e-12));
}

const ChildFigures& child(const UnitIndicators& indicators, const std::string& unit_id) {
    const auto it = std::find_if(indicators.children.begin(), indicators.children.end(),
                                 [&](const ChildFigures& c) { return c.unit_id == unit_id; });
    REQUIRE(it != indicators.children.end());
    return *it;
}

}  // namespace

TEST_CASE("ratio is null, never 0, when the denominator is 0") {
    CHECK_FALSE(ratio(0, 0));
    CHECK_FALSE(ratio(5, 0));
    CHECK(ratio(0, 4) == 0.0);
    CHECK(ratio(1, 4) == 0.25);
    CHECK(ratio(3, 3) == 1.0);
}

TEST_CASE("assessment window: an observation exactly at at - W is out, one exactly at at is in") {
    const Timestamp at = t("2026-04-01T00:00:00Z");
    const Timestamp edge = t("2026-01-01T00:00:00Z");  // at - 90 days
    REQUIRE(at - days{90} == edge);
    const auto level = [&](Timestamp when) {
        const std::vector<Observation> one{obs(1, "e1", when, {{"welcome", 2}})};
        return assessment(one, "e1", "welcome", at, 90);
    };
    CHECK_FALSE(level(edge));
    CHECK(level(edge + milliseconds{1}) == 2);
    CHECK(level(at) == 2);
    CHECK_FALSE(level(at + milliseconds{1}));

    // The same edges through assess_employees, with observations whose levels tell which one was taken.
    auto input = one_store({employee("e1", "s"), employee("e2", "s")});
    input.observations = {obs(1, "e1", edge, {{"welcome", 4}}), obs(2, "e1", edge + milliseconds{1}, {{"welcome", 1}}),
                          obs(3, "e2", at, {{"welcome", 2}}), obs(4, "e2", at + milliseconds{1}, {{"welcome", 4}})};
    const auto p = params(at, 90, at - days{30}, at);
    CHECK(fast_level(input, "e1", 0, p) == 1);
    CHECK(fast_level(input, "e2", 0, p) == 2);
    CHECK(assessment(input.observations, "e1", "welcome", at, 90) == 1);
    CHECK(assessment(input.observations, "e2", "welcome", at, 90) == 2);
    // Another window: 30 days.
    CHECK_FALSE(assessment(input.observations, "e1", "welcome", at, 30));
    CHECK_FALSE(fast_level(input, "e1", 0, params(at, 30, at, at)));
}

TEST_CASE("ties on observed_at go to the greater observation id, in any input order") {
    const Timestamp when = t("2026-03-10T10:00:00Z");
    const Timestamp at = t("2026-04-01T00:00:00Z");
    auto input = one_store({employee("e1", "s")});
    input.observations = {obs(3, "e1", when, {{"welcome", 2}}), obs(4, "e1", when, {{"welcome", 4}})};
    const auto p = params(at, 90, at, at);
    CHECK(assessment(input.observations, "e1", "welcome", at, 90) == 4);
    CHECK(fast_level(input, "e1", 0, p) == 4);
    std::reverse(input.observations.begin(), input.observations.end());
    CHECK(assessment(input.observations, "e1", "welcome", at, 90) == 4);
    CHECK(fast_level(input, "e1", 0, p) == 4);

    // A later observation beats a greater id.
    input.observations = {obs(9, "e1", when, {{"welcome", 1}}), obs(1, "e1", when + milliseconds{1}, {{"welcome", 3}})};
    CHECK(assessment(input.observations, "e1", "welcome", at, 90) == 3);
    CHECK(fast_level(input, "e1", 0, p) == 3);
}

TEST_CASE("an assessment comes from the latest observation that rates the dimension") {
    const Timestamp at = t("2026-04-01T00:00:00Z");
    auto input = one_store({employee("e1", "s"), employee("e2", "s")});
    input.observations = {obs(1, "e1", t("2026-03-01T09:00:00Z"), {{"welcome", 4}, {"advice", 2}}),
                          obs(2, "e1", t("2026-03-05T09:00:00Z"), {{"advice", 3}}),
                          obs(3, "e2", t("2026-03-06T09:00:00Z"), {{"welcome", 1}})};
    const auto p = params(at, 90, at, at);
    CHECK(assessment(input.observations, "e1", "welcome", at, 90) == 4);  // not hidden by observation 2
    CHECK(assessment(input.observations, "e1", "advice", at, 90) == 3);
    CHECK(fast_level(input, "e1", 0, p) == 4);
    CHECK(fast_level(input, "e1", 1, p) == 3);
    CHECK_FALSE(assessment(input.observations, "e2", "advice", at, 90));
    CHECK_FALSE(fast_level(input, "e2", 1, p));
    CHECK_FALSE(assessment(input.observations, "e3", "welcome", at, 90));
    // A tombstone handed in by mistake still counts nowhere.
    input.observations[1].deleted = true;
    CHECK(assessment(input.observations, "e1", "advice", at, 90) == 2);
    CHECK(fast_level(input, "e1", 1, p) == 2);
}

TEST_CASE("current_records keeps each id's highest revision and drops tombstones") {
    auto a1 = obs(1, "e1", t("2026-03-01T09:00:00Z"), {{"welcome", 4}});
    auto a2 = a1;
    a2.revision = 2;
    a2.base_revision = 1;
    a2.ratings = {{"welcome", 1}};
    auto b1 = obs(2, "e2", t("2026-03-01T09:00:00Z"), {{"welcome", 3}});
    auto b2 = b1;
    b2.revision = 2;
    b2.base_revision = 1;
    b2.deleted = true;
    auto c1 = obs(3, "e3", t("2026-03-01T09:00:00Z"), {{"advice", 2}});
    auto b3 = b2;  // undeleted again: a revision after a tombstone brings the record back
    b3.revision = 3;
    b3.base_revision = 2;
    b3.deleted = false;

    const std::vector<Observation> revisions{a2, b2, c1, a1, b1};  // out of order on purpose
    const auto current = current_records(revisions);
    REQUIRE(current.size() == 2);
    CHECK(current[0] == a2);
    CHECK(current[1] == c1);

    const std::vector<Observation> with_revival{b1, b2, b3};
    CHECK(current_records(with_revival) == std::vector<Observation>{b3});

    auto x1 = act(10, "m1", t("2026-03-01T09:00:00Z"), {"e1"});
    auto x2 = x1;
    x2.revision = 2;
    x2.base_revision = 1;
    x2.participant_ids = {"e2"};
    auto y1 = act(11, "m1", t("2026-03-01T09:00:00Z"), {"e3"});
    auto y2 = y1;
    y2.revision = 2;
    y2.base_revision = 1;
    y2.deleted = true;
    const std::vector<CoachingActivity> activity_revisions{x1, y2, x2, y1};
    CHECK(current_records(activity_revisions) == std::vector<CoachingActivity>{x2});
}

TEST_CASE("roll_up on hand-made facts: a level equal to the threshold is mastered") {
    const std::vector<EmployeeFacts> facts{
        {"e1", "s", {3, 2}, true},
        {"e2", "s", {4, std::nullopt}, false},
        {"e3", "s", {std::nullopt, std::nullopt}, true},
        {"e4", "s", {1, 3}, false},
    };
    const Figures f = roll_up(model(), facts);
    CHECK(f.active_employees == 4);
    CHECK(f.assessed_employees == 3);
    CHECK(f.accompanied_employees == 2);
    REQUIRE(f.dimensions.size() == 2);

    const auto& welcome = f.dimensions[0];
    CHECK(welcome.dimension_id == "welcome");
    CHECK(welcome.name == "Welcome");
    CHECK(welcome.assessed == 3);
    CHECK(welcome.mastered == 2);  // 3 and 4
    CHECK(welcome.level_sum == 8);
    check_rate(welcome.mastery_rate, 2.0 / 3);
    check_rate(welcome.coverage, 3.0 / 4);
    check_rate(welcome.average_level, 8.0 / 3);

    const auto& advice = f.dimensions[1];
    CHECK(advice.dimension_id == "advice");
    CHECK(advice.assessed == 2);
    CHECK(advice.mastered == 1);
    CHECK(advice.level_sum == 5);
    check_rate(advice.mastery_rate, 0.5);
    check_rate(advice.coverage, 0.5);
    check_rate(advice.average_level, 2.5);

    check_rate(f.transformation_rate, 3.0 / 5);  // pairs, not the mean of 2/3 and 1/2
    check_rate(f.deployment_rate, 0.5);
    check_rate(f.coverage, 0.75);
}

TEST_CASE("roll_up of nobody: every rate is null, never 0") {
    const Figures f = roll_up(model(), {});
    CHECK(f.active_employees == 0);
    CHECK(f.assessed_employees == 0);
    CHECK(f.accompanied_employees == 0);
    CHECK_FALSE(f.transformation_rate);
    CHECK_FALSE(f.deployment_rate);
    CHECK_FALSE(f.coverage);
    REQUIRE(f.dimensions.size() == 2);
    for (const auto& d : f.dimensions) {
        CHECK(d.assessed == 0);
        CHECK_FALSE(d.mastery_rate);
        CHECK_FALSE(d.coverage);
        CHECK_FALSE(d.average_level);
    }
}

TEST_CASE("a dimension never observed: mastery null, coverage 0") {
    const Timestamp at = t("2026-04-01T00:00:00Z");
    auto input = one_store({employee("e1", "s"), employee("e2", "s")});
    input.observations = {obs(1, "e1", t("2026-03-20T09:00:00Z"), {{"welcome", 3}}),
                          obs(2, "e2", t("2026-03-21T09:00:00Z"), {{"welcome", 2}})};
    const auto result = compute_indicators(input, "s", params(at, 90, t("2026-03-01T00:00:00Z"), at));
    const auto& advice = result.figures.dimensions.at(1);
    CHECK(advice.assessed == 0);
    CHECK_FALSE(advice.mastery_rate);
    REQUIRE(advice.coverage);
    CHECK(*advice.coverage == 0.0);
    CHECK_FALSE(advice.average_level);
    check_rate(result.figures.dimensions.at(0).mastery_rate, 0.5);
    check_rate(result.figures.transformation_rate, 0.5);  // unobserved dimensions add no pair
}

TEST_CASE("inactive employees count nowhere") {
    const Timestamp at = t("2026-04-01T00:00:00Z");
    const Timestamp from = t("2026-03-01T00:00:00Z");
    auto input = one_store({employee("e1", "s"), employee("gone", "s", false)});
    input.users = {{"m1", "lea", "Lea", Role::manager, {"s"}}};
    input.observations = {obs(1, "e1", t("2026-03-10T09:00:00Z"), {{"welcome", 2}}),
                          obs(2, "gone", t("2026-03-11T09:00:00Z"), {{"welcome", 4}, {"advice", 4}})};
    input.activities = {act(3, "m1", t("2026-03-12T09:00:00Z"), {"gone"})};
    const auto result = compute_indicators(input, "s", params(at, 90, from, at));
    CHECK(result.figures.active_employees == 1);
    CHECK(result.figures.assessed_employees == 1);
    CHECK(result.figures.accompanied_employees == 1);
    check_rate(result.figures.transformation_rate, 0.0);  // 4s of the inactive employee ignored
    CHECK(result.figures.dimensions.at(1).assessed == 0);
    CHECK(result.observations == 1);
    CHECK(result.activities == 0);  // its only participant is inactive
    const auto facts = assess_employees(input, "s", params(at, 90, from, at));
    REQUIRE(facts.size() == 1);
    CHECK(facts[0].employee_id == "e1");
    // The manager's own effort still counts both records: animation is about him, not about whom.
    REQUIRE(result.managers.size() == 1);
    CHECK(result.managers[0].observations == 2);
    CHECK(result.managers[0].activities == 1);
}

TEST_CASE("an empty unit: all rates null, not 0") {
    const Timestamp at = t("2026-04-01T00:00:00Z");
    IndicatorInput input;
    input.units = UnitTree({{"org", "", "Org", UnitKind::organization},
                            {"full", "org", "Full", UnitKind::store},
                            {"empty", "org", "Empty", UnitKind::store}});
    input.model = model();
    input.employees = {employee("e1", "full")};
    input.observations = {obs(1, "e1", t("2026-03-20T09:00:00Z"), {{"welcome", 4}})};
    const auto p = params(at, 90, t("2026-03-01T00:00:00Z"), at);

    const auto empty = compute_indicators(input, "empty", p);
    CHECK(empty.unit_name == "Empty");
    CHECK(empty.figures.active_employees == 0);
    CHECK_FALSE(empty.figures.transformation_rate);
    CHECK_FALSE(empty.figures.deployment_rate);
    CHECK_FALSE(empty.figures.coverage);
    CHECK_FALSE(empty.active_manager_rate);
    CHECK(empty.managers.empty());
    CHECK(empty.children.empty());
    for (const auto& d : empty.figures.dimensions) {
        CHECK_FALSE(d.mastery_rate);
        CHECK_FALSE(d.coverage);
        CHECK_FALSE(d.average_level);
    }

    const auto org = compute_indicators(input, "org", p);
    const auto& empty_child = child(org, "empty");
    CHECK(empty_child.kind == UnitKind::store);
    CHECK(empty_child.figures.active_employees == 0);
    CHECK_FALSE(empty_child.figures.transformation_rate);
    CHECK_FALSE(empty_child.figures.deployment_rate);
    check_rate(child(org, "full").figures.transformation_rate, 1.0);

    const auto unknown = compute_indicators(input, "nowhere", p);
    CHECK(unknown.unit_name.empty());
    CHECK(unknown.figures.active_employees == 0);
    CHECK_FALSE(unknown.figures.transformation_rate);
}

TEST_CASE("the roll-up trap: a region counts its employees, it does not average its stores") {
    // Store A: 2 employees, both mastered and accompanied (100 %). Store B: 10 employees, 1 mastered and accompanied
    // (10 %). The region is 3 / 12 = 25 %, not the 55 % mean of 100 % and 10 %.
    const Timestamp at = t("2026-04-01T00:00:00Z");
    const Timestamp when = t("2026-03-15T09:00:00Z");
    IndicatorInput input;
    input.units = UnitTree({{"org", "", "Org", UnitKind::organization},
                            {"region", "org", "Region", UnitKind::region},
                            {"a", "region", "Store A", UnitKind::store},
                            {"b", "region", "Store B", UnitKind::store},
                            {"other", "org", "Other region", UnitKind::region}});
    input.model = model();
    int n = 0;
    for (int i = 0; i < 2; ++i) {
        input.employees.push_back(employee("a" + std::to_string(i), "a"));
        input.observations.push_back(obs(++n, "a" + std::to_string(i), when, {{"welcome", 4}}));
    }
    // b0 is observed in the period at the threshold level; b1..b9 were observed at level 1 before the period.
    for (int i = 0; i < 10; ++i) {
        const std::string id = "b" + std::to_string(i);
        input.employees.push_back(employee(id, "b"));
        input.observations.push_back(obs(++n, id, i == 0 ? when : when - days{40}, {{"welcome", i == 0 ? 3 : 1}}));
    }
    const auto p = params(at, 90, t("2026-03-01T00:00:00Z"), at);

    const auto region = compute_indicators(input, "region", p);
    REQUIRE(region.figures.transformation_rate);
    CHECK(*region.figures.transformation_rate == 0.25);
    CHECK(*region.figures.transformation_rate != Approx(0.55));
    REQUIRE(region.figures.deployment_rate);
    CHECK(*region.figures.deployment_rate == 0.25);
    CHECK(region.figures.active_employees == 12);
    CHECK(region.figures.dimensions[0].assessed == 12);
    CHECK(region.figures.dimensions[0].mastered == 3);

    REQUIRE(region.children.size() == 2);
    CHECK(region.children[0].unit_id == "a");
    CHECK(region.children[0].unit_name == "Store A");
    CHECK(*region.children[0].figures.transformation_rate == 1.0);
    CHECK(*region.children[0].figures.deployment_rate == 1.0);
    CHECK(region.children[1].unit_id == "b");
    CHECK(*region.children[1].figures.transformation_rate == 0.1);
    CHECK(*region.children[1].figures.deployment_rate == 0.1);

    // One level up, the region as a child of the organisation is rolled up the same way.
    const auto org = compute_indicators(input, "org", p);
    CHECK(*child(org, "region").figures.transformation_rate == 0.25);
    CHECK_FALSE(child(org, "other").figures.transformation_rate);
    CHECK(*org.figures.transformation_rate == 0.25);
}

TEST_CASE("an employee who moved counts in his current unit only, with his earlier observations") {
    const Timestamp at = t("2026-04-01T00:00:00Z");
    IndicatorInput input;
    input.units = UnitTree({{"org", "", "Org", UnitKind::organization},
                            {"a", "org", "Store A", UnitKind::store},
                            {"b", "org", "Store B", UnitKind::store}});
    input.model = model();
    // "mover" was observed in store A by A's manager, then moved to B: his record now says B.
    input.employees = {employee("stay", "a"), employee("mover", "b")};
    input.observations = {obs(1, "stay", t("2026-03-10T09:00:00Z"), {{"welcome", 1}}),
                          obs(2, "mover", t("2026-03-11T09:00:00Z"), {{"welcome", 4}})};
    const auto p = params(at, 90, t("2026-03-01T00:00:00Z"), at);
    const auto a = compute_indicators(input, "a", p);
    CHECK(a.figures.active_employees == 1);
    CHECK(*a.figures.transformation_rate == 0.0);
    CHECK(a.observations == 1);
    const auto b = compute_indicators(input, "b", p);
    CHECK(b.figures.active_employees == 1);
    CHECK(*b.figures.transformation_rate == 1.0);
    CHECK(*b.figures.deployment_rate == 1.0);
    CHECK(b.observations == 1);
    const auto org = compute_indicators(input, "org", p);
    CHECK(org.figures.active_employees == 2);
    CHECK(*org.figures.transformation_rate == 0.5);
}

TEST_CASE("revisions and tombstones: only current records count (through current_records)") {
    const Timestamp at = t("2026-04-01T00:00:00Z");
    auto input = one_store({employee("e1", "s"), employee("e2", "s"), employee("e3", "s")});
    auto x1 = obs(1, "e1", t("2026-03-10T09:00:00Z"), {{"welcome", 4}});
    auto x2 = x1;  // edited: the level was a mistake
    x2.revision = 2;
    x2.base_revision = 1;
    x2.ratings = {{"welcome", 1}};
    auto y1 = obs(2, "e2", t("2026-03-11T09:00:00Z"), {{"advice", 4}});
    auto y2 = y1;  // deleted
    y2.revision = 2;
    y2.base_revision = 1;
    y2.deleted = true;
    auto z1 = act(3, "m1", t("2026-03-12T09:00:00Z"), {"e3"});
    auto z2 = z1;  // participant corrected from e3 to e2
    z2.revision = 2;
    z2.base_revision = 1;
    z2.participant_ids = {"e2"};
    auto w1 = act(4, "m1", t("2026-03-13T09:00:00Z"), {"e1"});
    auto w2 = w1;
    w2.revision = 2;
    w2.base_revision = 1;
    w2.deleted = true;

    const std::vector<Observation> observation_revisions{x1, y1, x2, y2};
    const std::vector<CoachingActivity> activity_revisions{z1, w1, z2, w2};
    input.observations = current_records(observation_revisions);
    input.activities = current_records(activity_revisions);
    const auto result = compute_indicators(input, "s", params(at, 90, t("2026-03-01T00:00:00Z"), at));
    CHECK(result.figures.assessed_employees == 1);
    CHECK(result.figures.dimensions[0].assessed == 1);
    CHECK(result.figures.dimensions[0].mastered == 0);  // revision 2 says 1
    CHECK(result.figures.dimensions[1].assessed == 0);  // the only advice rating was deleted
    CHECK(*result.figures.transformation_rate == 0.0);
    CHECK(result.observations == 1);
    CHECK(result.activities == 1);
    const auto facts = assess_employees(input, "s", params(at, 90, t("2026-03-01T00:00:00Z"), at));
    REQUIRE(facts.size() == 3);
    CHECK(facts[0].accompanied);        // e1: observed (x2); the deleted activity w adds nothing
    CHECK(facts[1].accompanied);        // e2: participant of z2
    CHECK_FALSE(facts[2].accompanied);  // e3: only in z1, replaced by z2
}

TEST_CASE("deployment: accompanied means observed or named as a participant in the period, from included, to excluded") {
    const Timestamp at = t("2026-04-01T00:00:00Z");
    const Timestamp from = t("2026-03-01T00:00:00Z");
    const Timestamp to = t("2026-03-31T00:00:00Z");
    auto input = one_store({employee("participant", "s"), employee("bystander", "s"), employee("observed-at-from", "s"),
                            employee("observed-at-to", "s"), employee("coached-at-to", "s"),
                            employee("coached-at-from", "s"), employee("observed-before", "s")});
    input.users = {{"m1", "lea", "Lea", Role::manager, {"s"}}};
    input.observations = {obs(1, "observed-at-from", from, {{"welcome", 2}}),
                          obs(2, "observed-at-to", to, {{"welcome", 2}}),
                          obs(3, "observed-before", from - milliseconds{1}, {{"welcome", 2}})};
    // The activity's manager and the other employees of the store are not accompanied by it: only participants.
    input.activities = {act(10, "m1", t("2026-03-15T09:00:00Z"), {"participant"}),
                        act(11, "m1", to, {"coached-at-to"}), act(12, "m1", from, {"coached-at-from"})};
    const auto p = params(at, 90, from, to);
    const auto facts = assess_employees(input, "s", p);
    std::vector<std::string> accompanied;
    for (const auto& f : facts) {
        if (f.accompanied) accompanied.push_back(f.employee_id);
    }
    CHECK(accompanied == std::vector<std::string>{"participant", "observed-at-from", "coached-at-from"});
    const auto result = compute_indicators(input, "s", p);
    CHECK(result.figures.accompanied_employees == 3);
    check_rate(result.figures.deployment_rate, 3.0 / 7);
    CHECK(result.figures.assessed_employees == 3);  // observed-at-to and observed-before are assessed all the same
    CHECK(result.observations == 1);
    CHECK(result.activities == 2);
}

TEST_CASE("managers: role MANAGER on a unit of the subtree, their records in the period, whoever they are about") {
    const Timestamp at = t("2026-04-01T00:00:00Z");
    const Timestamp from = t("2026-03-01T00:00:00Z");
    IndicatorInput input;
    input.units = UnitTree({{"org", "", "Org", UnitKind::organization},
                            {"r1", "org", "North", UnitKind::region},
                            {"s1", "r1", "Lille", UnitKind::store},
                            {"s2", "r1", "Rouen", UnitKind::store},
                            {"r2", "org", "South", UnitKind::region},
                            {"s3", "r2", "Nice", UnitKind::store}});
    input.model = model();
    input.employees = {employee("e1", "s1"), employee("e2", "s2"), employee("e3", "s3")};
    input.users = {{"m1", "m1", "Zoe", Role::manager, {"s1"}},
                   {"m3", "m3", "Adam", Role::manager, {"s2", "s3"}},
                   {"m4", "m4", "Bea", Role::manager, {"s3"}},
                   {"dir", "dir", "Dina", Role::director, {"r1"}},
                   {"m2", "m2", "Carl", Role::manager, {"s1"}},
                   {"hq", "hq", "Hugo", Role::hq, {}}};
    auto deleted = obs(5, "e1", t("2026-03-10T09:00:00Z"), {{"welcome", 3}}, "m1");
    deleted.deleted = true;
    input.observations = {obs(1, "e1", t("2026-03-10T09:00:00Z"), {{"welcome", 3}}, "m1"),
                          obs(2, "e3", t("2026-03-11T09:00:00Z"), {{"welcome", 3}}, "m1"),  // outside r1: counts
                          obs(3, "e1", from - milliseconds{1}, {{"welcome", 3}}, "m1"),    // before the period
                          obs(4, "e1", at, {{"welcome", 3}}, "m1"),                        // at `to`: out
                          deleted,
                          obs(6, "e1", t("2026-03-12T09:00:00Z"), {{"welcome", 3}}, "m4"),
                          obs(7, "e2", t("2026-03-12T09:00:00Z"), {{"welcome", 3}}, "dir")};
    input.activities = {act(10, "m3", t("2026-03-20T09:00:00Z"), {"e2"}),
                        act(11, "m4", t("2026-03-21T09:00:00Z"), {"e3"})};
    const auto p = params(at, 90, from, at);

    const auto r1 = compute_indicators(input, "r1", p);
    // Sorted by display name (Adam, Carl, Zoe), not by id (m1 Zoe, m2 Carl, m3 Adam); the director and Bea
    // (South) are not among them.
    REQUIRE(r1.managers.size() == 3);
    CHECK(r1.managers[0].user_id == "m3");
    CHECK(r1.managers[0].display_name == "Adam");
    CHECK(r1.managers[0].observations == 0);
    CHECK(r1.managers[0].activities == 1);
    CHECK(r1.managers[1].user_id == "m2");
    CHECK(r1.managers[1].observations == 0);
    CHECK(r1.managers[1].activities == 0);
    CHECK(r1.managers[2].user_id == "m1");
    CHECK(r1.managers[2].observations == 2);
    CHECK(r1.managers[2].activities == 0);
    check_rate(r1.active_manager_rate, 2.0 / 3);
    CHECK(r1.managers == manager_figures(input, "r1", from, at));
    // Records about r1's employees, whoever made them: zoe's 1, bea's 6, dir's 7 (not zoe's 2, about e3).
    CHECK(r1.observations == 3);
    CHECK(r1.activities == 1);

    const auto s3 = compute_indicators(input, "s3", p);
    REQUIRE(s3.managers.size() == 2);
    CHECK(s3.managers[0].user_id == "m3");
    CHECK(s3.managers[1].user_id == "m4");
    CHECK(s3.managers[1].observations == 1);
    CHECK(s3.managers[1].activities == 1);
    check_rate(s3.active_manager_rate, 1.0);
    CHECK(s3.observations == 1);

    const std::vector<ManagerFigures> idle{{"x", "X", 0, 0}, {"y", "Y", 0, 0}};
    check_rate(active_manager_rate(idle), 0.0);
    CHECK_FALSE(active_manager_rate({}));
}

TEST_CASE("the worked example of docs/indicators.md") {
    IndicatorInput input;
    input.units = UnitTree({{"north", "", "North", UnitKind::region},
                            {"lille", "north", "Lille", UnitKind::store},
                            {"rouen", "north", "Rouen", UnitKind::store}});
    input.model = model();
    input.employees = {employee("ana", "lille"), employee("ben", "lille"), employee("chloe", "rouen"),
                       employee("dan", "rouen"),  employee("eve", "rouen"),  employee("fred", "rouen", false)};
    input.users = {{"lea", "lea", "Lea", Role::manager, {"lille"}},
                   {"marc", "marc", "Marc", Role::manager, {"rouen"}},
                   {"nora", "nora", "Nora", Role::manager, {"rouen"}}};
    input.observations = {
        obs(1, "eve", t("2026-01-01T00:00:00Z"), {{"welcome", 4}}, "marc"),
        obs(2, "ana", t("2026-02-10T10:00:00Z"), {{"welcome", 3}, {"advice", 4}}, "lea"),
        obs(3, "ben", t("2026-03-10T10:00:00Z"), {{"welcome", 2}}, "lea"),
        obs(4, "ben", t("2026-03-10T10:00:00Z"), {{"welcome", 4}}, "lea"),
        obs(5, "chloe", t("2026-03-15T10:00:00Z"), {{"welcome", 3}, {"advice", 3}}, "marc"),
        obs(6, "dan", t("2026-02-01T10:00:00Z"), {{"welcome", 1}, {"advice", 1}}, "marc"),
        obs(7, "fred", t("2026-03-20T10:00:00Z"), {{"welcome", 4}}, "marc"),
    };
    input.activities = {act(8, "marc", t("2026-03-25T10:00:00Z"), {"eve"})};
    const auto p = params(t("2026-04-01T00:00:00Z"), 90, t("2026-03-02T00:00:00Z"), t("2026-04-01T00:00:00Z"));

    const auto north = compute_indicators(input, "north", p);
    CHECK(north.figures.active_employees == 5);
    CHECK(north.figures.assessed_employees == 4);
    CHECK(north.figures.accompanied_employees == 3);
    CHECK(north.figures.dimensions[0].assessed == 4);
    CHECK(north.figures.dimensions[0].mastered == 3);
    check_rate(north.figures.dimensions[0].mastery_rate, 0.75);
    check_rate(north.figures.dimensions[0].coverage, 0.8);
    check_rate(north.figures.dimensions[0].average_level, 2.75);
    CHECK(north.figures.dimensions[1].assessed == 3);
    CHECK(north.figures.dimensions[1].mastered == 2);
    check_rate(north.figures.dimensions[1].mastery_rate, 2.0 / 3);
    check_rate(north.figures.dimensions[1].coverage, 0.6);
    check_rate(north.figures.dimensions[1].average_level, 8.0 / 3);
    check_rate(north.figures.transformation_rate, 5.0 / 7);
    check_rate(north.figures.deployment_rate, 0.6);
    check_rate(north.figures.coverage, 0.8);
    CHECK(north.observations == 3);
    CHECK(north.activities == 1);
    REQUIRE(north.managers.size() == 3);
    CHECK(north.managers[0] == ManagerFigures{"lea", "Lea", 2, 0});
    CHECK(north.managers[1] == ManagerFigures{"marc", "Marc", 2, 1});
    CHECK(north.managers[2] == ManagerFigures{"nora", "Nora", 0, 0});
    check_rate(north.active_manager_rate, 2.0 / 3);

    const auto& lille = child(north, "lille").figures;
    check_rate(lille.transformation_rate, 1.0);
    check_rate(lille.deployment_rate, 0.5);
    check_rate(lille.coverage, 1.0);
    const auto& rouen = child(north, "rouen").figures;
    check_rate(rouen.transformation_rate, 0.5);
    check_rate(rouen.deployment_rate, 2.0 / 3);
    check_rate(rouen.coverage, 2.0 / 3);
}

TEST_CASE("weekly series: one point per ISO week meeting the period, taken at the week's last millisecond") {
    auto input = one_store({employee("e1", "s"), employee("e2", "s")});
    input.observations = {
        obs(1, "e1", t("2026-03-02T00:00:00Z"), {{"advice", 1}}),   // first millisecond of W10
        obs(2, "e1", t("2026-03-08T23:59:59.999Z"), {{"welcome", 2}}),  // last millisecond of W10
        obs(3, "e1", t("2026-03-09T00:00:00Z"), {{"welcome", 4}}),  // first millisecond of W11
        obs(4, "e2", t("2026-03-20T12:00:00Z"), {{"welcome", 3}}),  // in W12, after `to` but before the week's end
    };
    // Deployment of the W10 point covers [2026-02-07, 2026-03-09): this activity sits exactly on its start.
    input.activities = {act(10, "m1", t("2026-02-07T00:00:00Z"), {"e2"}),
                        act(11, "m1", t("2026-02-06T23:59:59.999Z"), {"e1"})};
    const Timestamp from = t("2026-03-04T10:00:00Z");  // a Wednesday
    const Timestamp to = t("2026-03-18T00:00:00Z");    // the next Wednesday but one

    const auto points = compute_series(input, "s", from, to, 90);
    REQUIRE(points.size() == 3);
    CHECK(points[0].week == "2026-W10");
    CHECK(points[1].week == "2026-W11");
    CHECK(points[2].week == "2026-W12");
    CHECK(format_rfc3339(points[0].at) == "2026-03-08T23:59:59.999Z");
    CHECK(format_rfc3339(points[1].at) == "2026-03-15T23:59:59.999Z");
    CHECK(format_rfc3339(points[2].at) == "2026-03-22T23:59:59.999Z");

    // W10: e1 welcome 2, advice 1 -> 0 of 2 pairs; W11: welcome 4, advice 1 -> 1 of 2; W12: + e2 welcome 3 -> 2 of 3.
    check_rate(points[0].figures.transformation_rate, 0.0);
    check_rate(points[1].figures.transformation_rate, 0.5);
    check_rate(points[2].figures.transformation_rate, 2.0 / 3);
    // W10: e1 observed, e2 coached on the first millisecond of the 30 days; W11: only e1; W12: both observed.
    check_rate(points[0].figures.deployment_rate, 1.0);
    check_rate(points[1].figures.deployment_rate, 0.5);
    check_rate(points[2].figures.deployment_rate, 1.0);
    CHECK(points[0].observations == 2);
    CHECK(points[1].observations == 1);
    CHECK(points[2].observations == 1);
    for (const auto& point : points) {
        CHECK(point.figures.active_employees == 2);
        CHECK(point.figures == compute_indicators(input, "s", series_params(point.at, 90)).figures);
    }

    // A 7-day window: the W11 point's window is (2026-03-08T23:59:59.999Z, 2026-03-15T23:59:59.999Z], so observation 2,
    // exactly at its start, is out, and so is observation 1.
    const auto short_window = compute_series(input, "s", from, to, 7);
    REQUIRE(short_window.size() == 3);
    CHECK(short_window[1].figures.dimensions[0].assessed == 1);
    CHECK(short_window[1].figures.dimensions[1].assessed == 0);
    check_rate(short_window[1].figures.transformation_rate, 1.0);
    CHECK(short_window[0].figures.dimensions[0].assessed == 1);
    CHECK(short_window[0].figures.dimensions[1].assessed == 1);
}

TEST_CASE("series instants and parameters") {
    const auto labels = [](Timestamp from, Timestamp to) {
        std::vector<std::string> result;
        for (const Timestamp instant : series_instants(from, to)) {
            CHECK(instant + milliseconds{1} == iso_week_start(instant) + days{7});
            result.push_back(iso_week_label(instant));
        }
        return result;
    };
    CHECK(labels(t("2020-12-21T00:00:00Z"), t("2021-01-11T00:00:00Z")) ==
          std::vector<std::string>{"2020-W52", "2020-W53", "2021-W01"});
    CHECK(labels(t("2024-12-25T00:00:00Z"), t("2025-01-06T00:00:00.001Z")) ==
          std::vector<std::string>{"2024-W52", "2025-W01", "2025-W02"});
    CHECK(labels(t("2026-03-02T00:00:00Z"), t("2026-03-09T00:00:00Z")) == std::vector<std::string>{"2026-W10"});
    CHECK(labels(t("2026-03-08T23:59:59.999Z"), t("2026-03-09T00:00:00.001Z")) ==
          std::vector<std::string>{"2026-W10", "2026-W11"});
    CHECK(series_instants(t("2026-03-04T00:00:00Z"), t("2026-03-04T00:00:00Z")).empty());
    CHECK(series_instants(t("2026-03-05T00:00:00Z"), t("2026-03-04T00:00:00Z")).empty());
    CHECK(series_instants(t("2026-01-01T00:00:00Z"), t("2027-01-01T00:00:00Z")).size() == 53);  // 2026-W01..W53

    const auto p = series_params(t("2026-03-08T23:59:59.999Z"), 45);
    CHECK(p.at == t("2026-03-08T23:59:59.999Z"));
    CHECK(p.window_days == 45);
    CHECK(p.to == t("2026-03-09T00:00:00Z"));
    CHECK(p.from == t("2026-02-07T00:00:00Z"));
}

TEST_CASE("assess_employees on 100,000 observations agrees with the one-employee definition") {
    // The fast path indexes each record once; the reference re-reads every observation per (employee, dimension).
    std::mt19937 random(20260301);
    IndicatorInput input;
    std::vector<Unit> units{{"org", "", "Org", UnitKind::organization}};
    for (int s = 0; s < 20; ++s) units.push_back({"s" + std::to_string(s), "org", "Store", UnitKind::store});
    input.units = UnitTree(units);
    input.model = model();
    for (int e = 0; e < 2000; ++e) {
        input.employees.push_back(employee("e" + std::to_string(e), "s" + std::to_string(e % 20), e % 17 != 0));
    }
    const Timestamp start = t("2025-10-01T00:00:00Z");
    // Whole hours over 180 days: many exact ties on observed_at.
    std::uniform_int_distribution<int> hour(0, 180 * 24);
    std::uniform_int_distribution<int> who(0, 2099);  // some observations are about unknown employees
    std::uniform_int_distribution<int> level(1, 4);
    std::uniform_int_distribution<int> which(0, 2);
    for (int i = 0; i < 100000; ++i) {
        std::vector<Rating> ratings;
        const int w = which(random);
        if (w != 1) ratings.push_back({"welcome", level(random)});
        if (w != 0) ratings.push_back({"advice", level(random)});
        input.observations.push_back(
            obs(i, "e" + std::to_string(who(random)), start + hours{hour(random)}, std::move(ratings)));
    }
    for (int i = 0; i < 5000; ++i) {
        input.activities.push_back(act(200000 + i, "m1", start + hours{hour(random)},
                                       {"e" + std::to_string(who(random)), "e" + std::to_string(who(random))}));
    }
    const Timestamp at = t("2026-03-01T00:00:00Z");
    const auto p = params(at, 90, at - days{30}, at);
    const auto facts = assess_employees(input, "org", p);
    REQUIRE(facts.size() == 2000 - 118);  // every 17th employee is inactive

    std::size_t assessed = 0;
    for (std::size_t i = 0; i < facts.size(); i += 40) {
        const auto& fact = facts[i];
        for (std::size_t d = 0; d < 2; ++d) {
            INFO(fact.employee_id << " " << d);
            CHECK(fact.levels[d] == assessment(input.observations, fact.employee_id, input.model.dimensions[d].id, at, 90));
            assessed += fact.levels[d].has_value();
        }
        const bool observed = std::any_of(input.observations.begin(), input.observations.end(), [&](const auto& o) {
            return o.employee_id == fact.employee_id && o.observed_at >= p.from && o.observed_at < p.to;
        });
        const bool coached = std::any_of(input.activities.begin(), input.activities.end(), [&](const auto& a) {
            return a.occurred_at >= p.from && a.occurred_at < p.to &&
                   std::find(a.participant_ids.begin(), a.participant_ids.end(), fact.employee_id) !=
                       a.participant_ids.end();
        });
        CHECK(fact.accompanied == (observed || coached));
    }
    CHECK(assessed > 50);  // the sample is not trivially empty

    // Children partition the organisation's employees: their counts add up, their rates do not average.
    const auto org = compute_indicators(input, "org", p);
    int active = 0;
    int mastered = 0;
    int pairs = 0;
    for (const auto& c : org.children) {
        active += c.figures.active_employees;
        for (const auto& d : c.figures.dimensions) {
            mastered += d.mastered;
            pairs += d.assessed;
        }
    }
    CHECK(active == org.figures.active_employees);
    check_rate(org.figures.transformation_rate, static_cast<double>(mastered) / pairs);
}
