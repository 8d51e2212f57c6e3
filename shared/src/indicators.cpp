// The indicator definitions of docs/indicators.md, computed from records. Each function reads its inputs in one
// pass (hash lookups per record), never employees x observations.
#include "floorwalk/indicators.h"

#include "floorwalk/time.h"

#include <algorithm>
#include <iterator>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace floorwalk {
namespace {

using std::chrono::days;
using std::chrono::milliseconds;

bool in_period(Timestamp t, Timestamp from, Timestamp to) { return t >= from && t < to; }

// The assessment window (at - W, at]: an observation exactly W days old no longer counts, one made at `at` does.
bool in_window(Timestamp t, Timestamp at, int window_days) { return t > at - days{window_days} && t <= at; }

// Which of two observations gives the assessment: the later one, and on equal times the greater id, so that every
// device and the server pick the same one whatever order they hold the records in.
bool supersedes(const Observation& candidate, const Observation& current) {
    if (candidate.observed_at != current.observed_at) return candidate.observed_at > current.observed_at;
    return candidate.id > current.id;
}

std::unordered_set<std::string> subtree_set(const UnitTree& units, const std::string& unit_id) {
    auto ids = units.subtree(unit_id);
    return {std::make_move_iterator(ids.begin()), std::make_move_iterator(ids.end())};
}

template <typename Record>
std::vector<Record> keep_current(std::span<const Record> revisions) {
    // Position in `revisions` of the highest revision of each id, in order of first appearance.
    std::unordered_map<std::string_view, std::size_t> latest;
    std::vector<std::string_view> order;
    for (std::size_t i = 0; i < revisions.size(); ++i) {
        const auto [it, inserted] = latest.emplace(revisions[i].id, i);
        if (inserted) {
            order.push_back(revisions[i].id);
        } else if (revisions[i].revision > revisions[it->second].revision) {
            it->second = i;
        }
    }
    std::vector<Record> current;
    current.reserve(order.size());
    for (const auto id : order) {
        const Record& record = revisions[latest.at(id)];
        if (!record.deleted) current.push_back(record);
    }
    return current;
}

// Observations of the given employees with observed_at in [from, to).
int count_observations(const IndicatorInput& input, const std::unordered_set<std::string_view>& employees,
                       Timestamp from, Timestamp to) {
    return static_cast<int>(std::count_if(input.observations.begin(), input.observations.end(), [&](const auto& o) {
        return !o.deleted && in_period(o.observed_at, from, to) && employees.contains(o.employee_id);
    }));
}

// Activities with occurred_at in [from, to) naming at least one of the given employees.
int count_activities(const IndicatorInput& input, const std::unordered_set<std::string_view>& employees,
                     Timestamp from, Timestamp to) {
    return static_cast<int>(std::count_if(input.activities.begin(), input.activities.end(), [&](const auto& a) {
        return !a.deleted && in_period(a.occurred_at, from, to) &&
               std::any_of(a.participant_ids.begin(), a.participant_ids.end(),
                           [&](const std::string& id) { return employees.contains(id); });
    }));
}

std::unordered_set<std::string_view> employee_ids(std::span<const EmployeeFacts> facts) {
    std::unordered_set<std::string_view> ids;
    ids.reserve(facts.size());
    for (const auto& f : facts) ids.insert(f.employee_id);
    return ids;
}

}  // namespace

std::optional<double> ratio(long long numerator, long long denominator) {
    if (denominator == 0) return std::nullopt;
    return static_cast<double>(numerator) / static_cast<double>(denominator);
}

std::optional<int> assessment(std::span<const Observation> observations, const std::string& employee_id,
                              const std::string& dimension_id, Timestamp at, int window_days) {
    const Observation* best = nullptr;
    std::optional<int> level;
    for (const auto& observation : observations) {
        if (observation.deleted || observation.employee_id != employee_id) continue;
        if (!in_window(observation.observed_at, at, window_days)) continue;
        if (best && !supersedes(observation, *best)) continue;
        const auto rating = std::find_if(observation.ratings.begin(), observation.ratings.end(),
                                         [&](const Rating& r) { return r.dimension_id == dimension_id; });
        if (rating == observation.ratings.end()) continue;
        best = &observation;
        level = rating->level;
    }
    return level;
}

std::vector<Observation> current_records(std::span<const Observation> revisions) { return keep_current(revisions); }

std::vector<CoachingActivity> current_records(std::span<const CoachingActivity> revisions) {
    return keep_current(revisions);
}

Figures roll_up(const ExperienceModel& model, std::span<const EmployeeFacts> employees) {
    Figures figures;
    figures.active_employees = static_cast<int>(employees.size());
    figures.dimensions.resize(model.dimensions.size());
    for (std::size_t d = 0; d < model.dimensions.size(); ++d) {
        figures.dimensions[d].dimension_id = model.dimensions[d].id;
        figures.dimensions[d].name = model.dimensions[d].name;
    }
    const int threshold = model.scale.mastery_threshold;
    for (const auto& employee : employees) {
        bool assessed_any = false;
        const std::size_t count = std::min(employee.levels.size(), figures.dimensions.size());
        for (std::size_t d = 0; d < count; ++d) {
            const auto& level = employee.levels[d];
            if (!level) continue;
            auto& dimension = figures.dimensions[d];
            ++dimension.assessed;
            dimension.level_sum += *level;
            if (*level >= threshold) ++dimension.mastered;
            assessed_any = true;
        }
        if (assessed_any) ++figures.assessed_employees;
        if (employee.accompanied) ++figures.accompanied_employees;
    }
    long long mastered_pairs = 0;
    long long assessed_pairs = 0;
    for (auto& dimension : figures.dimensions) {
        dimension.mastery_rate = ratio(dimension.mastered, dimension.assessed);
        dimension.coverage = ratio(dimension.assessed, figures.active_employees);
        if (dimension.assessed > 0) {
            dimension.average_level = static_cast<double>(dimension.level_sum) / dimension.assessed;
        }
        mastered_pairs += dimension.mastered;
        assessed_pairs += dimension.assessed;
    }
    figures.transformation_rate = ratio(mastered_pairs, assessed_pairs);
    figures.deployment_rate = ratio(figures.accompanied_employees, figures.active_employees);
    figures.coverage = ratio(figures.assessed_employees, figures.active_employees);
    return figures;
}

std::vector<EmployeeFacts> assess_employees(const IndicatorInput& input, const std::string& unit_id,
                                            const IndicatorParams& params) {
    const auto units = subtree_set(input.units, unit_id);
    const std::size_t dimension_count = input.model.dimensions.size();

    std::vector<EmployeeFacts> facts;
    std::unordered_map<std::string_view, std::size_t> position;  // employee id -> index in facts
    for (const auto& employee : input.employees) {
        if (!employee.active || !units.contains(employee.unit_id)) continue;
        if (!position.emplace(employee.id, facts.size()).second) continue;  // a duplicate row counts once
        facts.push_back({employee.id, employee.unit_id, std::vector<std::optional<int>>(dimension_count), false});
    }

    std::unordered_map<std::string_view, std::size_t> dimension_index;
    for (std::size_t d = 0; d < dimension_count; ++d) dimension_index.emplace(input.model.dimensions[d].id, d);

    // One pass over the observations keeps, per (employee, dimension), the observation that supersedes the others.
    std::vector<const Observation*> best(facts.size() * dimension_count, nullptr);
    for (const auto& observation : input.observations) {
        if (observation.deleted) continue;
        const auto employee = position.find(observation.employee_id);
        if (employee == position.end()) continue;
        auto& fact = facts[employee->second];
        if (in_period(observation.observed_at, params.from, params.to)) fact.accompanied = true;
        if (!in_window(observation.observed_at, params.at, params.window_days)) continue;
        for (const auto& rating : observation.ratings) {
            const auto dimension = dimension_index.find(rating.dimension_id);
            if (dimension == dimension_index.end()) continue;
            const Observation*& slot = best[employee->second * dimension_count + dimension->second];
            if (slot && !supersedes(observation, *slot)) continue;
            slot = &observation;
            fact.levels[dimension->second] = rating.level;
        }
    }

    for (const auto& activity : input.activities) {
        if (activity.deleted || !in_period(activity.occurred_at, params.from, params.to)) continue;
        for (const auto& participant : activity.participant_ids) {
            const auto employee = position.find(participant);
            if (employee != position.end()) facts[employee->second].accompanied = true;
        }
    }
    return facts;
}

std::vector<ManagerFigures> manager_figures(const IndicatorInput& input, const std::string& unit_id, Timestamp from,
                                            Timestamp to) {
    const auto units = subtree_set(input.units, unit_id);
    std::vector<ManagerFigures> managers;
    std::unordered_map<std::string_view, std::size_t> position;
    for (const auto& user : input.users) {
        if (user.role != Role::manager) continue;
        const bool assigned = std::any_of(user.unit_ids.begin(), user.unit_ids.end(),
                                          [&](const std::string& id) { return units.contains(id); });
        if (!assigned || !position.emplace(user.id, managers.size()).second) continue;
        managers.push_back({user.id, user.display_name, 0, 0});
    }
    // Every record of the manager in the period counts, whoever it is about: animation is the manager's effort.
    for (const auto& observation : input.observations) {
        if (observation.deleted || !in_period(observation.observed_at, from, to)) continue;
        const auto it = position.find(observation.observer_id);
        if (it != position.end()) ++managers[it->second].observations;
    }
    for (const auto& activity : input.activities) {
        if (activity.deleted || !in_period(activity.occurred_at, from, to)) continue;
        const auto it = position.find(activity.manager_id);
        if (it != position.end()) ++managers[it->second].activities;
    }
    std::sort(managers.begin(), managers.end(), [](const ManagerFigures& a, const ManagerFigures& b) {
        return std::tie(a.display_name, a.user_id) < std::tie(b.display_name, b.user_id);
    });
    return managers;
}

std::optional<double> active_manager_rate(std::span<const ManagerFigures> managers) {
    const auto active = std::count_if(managers.begin(), managers.end(), [](const ManagerFigures& m) {
        return m.observations + m.activities > 0;
    });
    return ratio(active, static_cast<long long>(managers.size()));
}

UnitIndicators compute_indicators(const IndicatorInput& input, const std::string& unit_id,
                                  const IndicatorParams& params) {
    UnitIndicators result;
    result.unit_id = unit_id;
    if (const Unit* unit = input.units.find(unit_id)) result.unit_name = unit->name;

    const auto facts = assess_employees(input, unit_id, params);
    result.figures = roll_up(input.model, facts);
    const auto employees = employee_ids(facts);
    result.observations = count_observations(input, employees, params.from, params.to);
    result.activities = count_activities(input, employees, params.from, params.to);
    result.managers = manager_figures(input, unit_id, params.from, params.to);
    result.active_manager_rate = active_manager_rate(result.managers);

    // Each child is rolled up from its own employees' facts, never from the children's rates.
    for (const Unit* child : input.units.children(unit_id)) {
        const auto child_units = subtree_set(input.units, child->id);
        std::vector<EmployeeFacts> child_facts;
        std::copy_if(facts.begin(), facts.end(), std::back_inserter(child_facts),
                     [&](const EmployeeFacts& f) { return child_units.contains(f.unit_id); });
        result.children.push_back({child->id, child->name, child->kind, roll_up(input.model, child_facts)});
    }
    return result;
}

std::vector<Timestamp> series_instants(Timestamp from, Timestamp to) {
    std::vector<Timestamp> instants;
    if (from >= to) return instants;
    for (Timestamp week = iso_week_start(from); week < to; week += days{7}) {
        instants.push_back(week + days{7} - milliseconds{1});
    }
    return instants;
}

IndicatorParams series_params(Timestamp week_end, int window_days) {
    IndicatorParams params;
    params.at = week_end;
    params.window_days = window_days;
    params.to = week_end + milliseconds{1};
    params.from = params.to - days{default_period_days};
    return params;
}

std::vector<SeriesPointFigures> compute_series(const IndicatorInput& input, const std::string& unit_id,
                                               Timestamp from, Timestamp to, int window_days) {
    std::vector<SeriesPointFigures> points;
    for (const Timestamp instant : series_instants(from, to)) {
        const IndicatorParams params = series_params(instant, window_days);
        const auto facts = assess_employees(input, unit_id, params);
        SeriesPointFigures point;
        point.week = iso_week_label(instant);
        point.at = instant;
        point.figures = roll_up(input.model, facts);
        point.observations = count_observations(input, employee_ids(facts), params.to - days{7}, params.to);
        points.push_back(std::move(point));
    }
    return points;
}

}  // namespace floorwalk
