#include "indicatorinput.h"

#include "domainconversion.h"
#include "localstore.h"

#include <unordered_set>

namespace IndicatorInput {

using namespace DomainConversion;

Snapshot load(const LocalStore &store)
{
    Snapshot s;
    s.units = store.cache().units();
    s.employees = store.cache().employees();
    s.model = store.cache().model();
    s.user = store.user();
    s.settings = store.cache().settings();
    s.observations = store.records().currentObservations();
    s.activities = store.records().currentActivities();
    return s;
}

floorwalk::IndicatorInput build(const LocalStore &store)
{
    return build(load(store));
}

floorwalk::IndicatorInput build(const Snapshot &snapshot)
{
    std::vector<floorwalk::Unit> units;
    std::unordered_set<std::string> known;
    const QList<UnitRecord> &unitRecords = snapshot.units;
    for (const UnitRecord &u : unitRecords)
        known.insert(toDomain(u.id));
    for (const UnitRecord &u : unitRecords) {
        floorwalk::Unit unit = toDomain(u);
        if (!known.count(unit.parent_id))
            unit.parent_id.clear();  // the phone holds only the manager's part of the tree
        units.push_back(std::move(unit));
    }

    floorwalk::IndicatorInput input;
    input.units = floorwalk::UnitTree(std::move(units));
    input.employees.reserve(std::size_t(snapshot.employees.size()));
    for (const EmployeeRecord &e : snapshot.employees)
        input.employees.push_back(toDomain(e));
    if (!snapshot.user.id.isEmpty())
        input.users.push_back(toDomain(snapshot.user));
    input.model = toDomain(snapshot.model);
    input.observations.reserve(std::size_t(snapshot.observations.size()));
    for (const ObservationRecord &o : snapshot.observations)
        input.observations.push_back(toDomain(o));
    input.activities.reserve(std::size_t(snapshot.activities.size()));
    for (const ActivityRecord &a : snapshot.activities)
        input.activities.push_back(toDomain(a));
    return input;
}

std::vector<std::string> rootUnits(const floorwalk::IndicatorInput &input)
{
    std::vector<std::string> roots;
    for (const floorwalk::Unit &u : input.units.units()) {
        if (u.parent_id.empty())
            roots.push_back(u.id);
    }
    return roots;
}

std::unordered_map<std::string, floorwalk::EmployeeFacts> factsByEmployee(const floorwalk::IndicatorInput &input,
                                                                          const floorwalk::IndicatorParams &params)
{
    std::unordered_map<std::string, floorwalk::EmployeeFacts> out;
    for (const std::string &root : rootUnits(input)) {
        for (floorwalk::EmployeeFacts &facts : floorwalk::assess_employees(input, root, params))
            out.emplace(facts.employee_id, std::move(facts));
    }
    return out;
}

floorwalk::IndicatorParams paramsAt(const QDateTime &now, int periodDays)
{
    floorwalk::IndicatorParams params;
    params.at = toDomain(now);
    params.window_days = floorwalk::default_window_days;
    params.to = params.at + std::chrono::milliseconds(1);  // [from, to) must include `now` itself
    params.from = params.at - std::chrono::days(periodDays);
    return params;
}

}  // namespace IndicatorInput
