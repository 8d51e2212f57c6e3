// The indicator math, defined once for the server and the phone (see docs/indicators.md for the definitions).
//
// Two layers. `assess_employees` turns raw records into per-employee facts at a date; `roll_up` turns facts into
// figures. The server feeds `roll_up` from its maintained index instead of raw records, so both paths share the
// arithmetic, and tests compare them.
#pragma once

#include "floorwalk/domain.h"
#include "floorwalk/unit_tree.h"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace floorwalk {

inline constexpr int default_window_days = 90;
inline constexpr int default_period_days = 30;

struct IndicatorParams {
    Timestamp at{};                        // assessments are taken at this instant
    int window_days = default_window_days;  // W: an observation counts when observed_at is in (at - W, at]
    Timestamp from{};                      // the activity period [from, to)
    Timestamp to{};
    friend bool operator==(const IndicatorParams&, const IndicatorParams&) = default;
};

// num / den, or nullopt when den is 0: an undefined rate is never shown as 0.
[[nodiscard]] std::optional<double> ratio(long long numerator, long long denominator);

// assessment(e, d) at `at`: the level of the most recent of `observations` about `employee_id` that rates
// `dimension_id` with observed_at in (at - W, at]; ties on observed_at go to the greater observation id.
// `observations` must hold current revisions only (see current_records); tombstones are ignored.
[[nodiscard]] std::optional<int> assessment(std::span<const Observation> observations, const std::string& employee_id,
                                            const std::string& dimension_id, Timestamp at, int window_days);

// Keeps, per id, only the highest revision; drops the ids whose highest revision is a tombstone. The result keeps
// the order in which each id first appears.
[[nodiscard]] std::vector<Observation> current_records(std::span<const Observation> revisions);
[[nodiscard]] std::vector<CoachingActivity> current_records(std::span<const CoachingActivity> revisions);

// What the roll-up needs to know about one active employee.
struct EmployeeFacts {
    std::string employee_id;
    std::string unit_id;                   // current unit
    std::vector<std::optional<int>> levels;  // assessment per model dimension, in model order
    bool accompanied = false;               // observed, or named as an activity's participant, in [from, to)
    friend bool operator==(const EmployeeFacts&, const EmployeeFacts&) = default;
};

struct DimensionFigures {
    std::string dimension_id;
    std::string name;
    int assessed = 0;   // employees with an assessment on the dimension
    int mastered = 0;   // ... whose assessment is >= the mastery threshold
    long long level_sum = 0;
    std::optional<double> mastery_rate;   // mastered / assessed
    std::optional<double> coverage;       // assessed / active employees
    std::optional<double> average_level;  // level_sum / assessed
    friend bool operator==(const DimensionFigures&, const DimensionFigures&) = default;
};

struct Figures {
    int active_employees = 0;
    int assessed_employees = 0;     // with an assessment on at least one dimension
    int accompanied_employees = 0;
    std::vector<DimensionFigures> dimensions;  // model order
    std::optional<double> transformation_rate;  // sum of mastered pairs / sum of assessed pairs
    std::optional<double> deployment_rate;      // accompanied / active
    std::optional<double> coverage;             // assessed_employees / active
    friend bool operator==(const Figures&, const Figures&) = default;
};

// Figures over exactly the given employees (the caller selects the subtree's active employees).
[[nodiscard]] Figures roll_up(const ExperienceModel& model, std::span<const EmployeeFacts> employees);

// Everything the naive computation reads: current revisions only (see current_records).
struct IndicatorInput {
    UnitTree units;
    std::vector<Employee> employees;  // all, active or not
    std::vector<User> users;
    ExperienceModel model;
    std::vector<Observation> observations;
    std::vector<CoachingActivity> activities;
};

// Facts for the active employees whose current unit lies in `unit_id`'s subtree, in the order of input.employees;
// inactive employees get no facts and so count nowhere. Reads each observation and activity once (hash lookups),
// never employees x observations. Ratings of dimensions outside the model are ignored.
[[nodiscard]] std::vector<EmployeeFacts> assess_employees(const IndicatorInput& input, const std::string& unit_id,
                                                          const IndicatorParams& params);

struct ManagerFigures {
    std::string user_id;
    std::string display_name;
    int observations = 0;  // his observations with observed_at in [from, to)
    int activities = 0;    // his coaching activities with occurred_at in [from, to)
    friend bool operator==(const ManagerFigures&, const ManagerFigures&) = default;
};

struct ChildFigures {
    std::string unit_id;
    std::string unit_name;
    UnitKind kind = UnitKind::unspecified;
    Figures figures;
    friend bool operator==(const ChildFigures&, const ChildFigures&) = default;
};

struct UnitIndicators {
    std::string unit_id;
    std::string unit_name;
    Figures figures;
    int observations = 0;  // observations in [from, to) about the subtree's active employees, whoever made them
    int activities = 0;    // activities in [from, to) with at least one participant among those employees
    // Users with role MANAGER assigned to at least one unit of the subtree, sorted by display name (then id).
    std::vector<ManagerFigures> managers;
    std::optional<double> active_manager_rate;  // managers with >= 1 observation or activity / managers
    std::vector<ChildFigures> children;         // direct children, each over its own whole subtree
    friend bool operator==(const UnitIndicators&, const UnitIndicators&) = default;
};

// The full naive computation from records: the reference the server's fast path is tested against.
[[nodiscard]] UnitIndicators compute_indicators(const IndicatorInput& input, const std::string& unit_id,
                                                const IndicatorParams& params);

// Manager figures from records, shared by both paths: each manager's own observations and activities in
// [from, to), whoever they are about. Sorted by display name, then user id.
[[nodiscard]] std::vector<ManagerFigures> manager_figures(const IndicatorInput& input, const std::string& unit_id,
                                                          Timestamp from, Timestamp to);
[[nodiscard]] std::optional<double> active_manager_rate(std::span<const ManagerFigures> managers);

// The learning curve: one point per ISO week (Monday 00:00 to next Monday 00:00 UTC) that intersects [from, to),
// so the first and last weeks may reach outside [from, to); none when from >= to. A week's point is taken at the
// week's last millisecond (Sunday 23:59:59.999 UTC): assessments with window W at that instant, and the deployment
// rate over the 30 days that end with the week, [week_end_exclusive - 30 d, week_end_exclusive), where
// week_end_exclusive is the next Monday 00:00 UTC.
struct SeriesPointFigures {
    std::string week;  // ISO week label of the point, "2026-W05"
    Timestamp at{};    // the week's last millisecond
    Figures figures;
    int observations = 0;  // observations of the employees counted in `figures` made during the week itself
    friend bool operator==(const SeriesPointFigures&, const SeriesPointFigures&) = default;
};
// The instants of the points: the last millisecond of each ISO week that intersects [from, to), in order.
[[nodiscard]] std::vector<Timestamp> series_instants(Timestamp from, Timestamp to);
// The parameters of the point taken at `week_end` (an instant of series_instants): at = week_end, the given window,
// and the period [week_end + 1 ms - 30 d, week_end + 1 ms).
[[nodiscard]] IndicatorParams series_params(Timestamp week_end, int window_days);
// One point per instant of series_instants(from, to), each computed like compute_indicators' figures with
// series_params.
[[nodiscard]] std::vector<SeriesPointFigures> compute_series(const IndicatorInput& input, const std::string& unit_id,
                                                             Timestamp from, Timestamp to, int window_days);

// Correlation of paired samples; nullopt with fewer than 3 pairs or a constant side.
[[nodiscard]] std::optional<double> pearson(std::span<const double> xs, std::span<const double> ys);
// Spearman's rho: Pearson on ranks, ties given their average rank.
[[nodiscard]] std::optional<double> spearman(std::span<const double> xs, std::span<const double> ys);
// CX ROI in percent: (benefit - cost) / cost * 100; nullopt when cost is 0.
[[nodiscard]] std::optional<double> roi_percent(double benefit, double cost);

}  // namespace floorwalk
