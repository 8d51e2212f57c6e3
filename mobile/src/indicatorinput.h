// Feeds shared/'s indicator math from the phone's data, so that the phone's figures are the server's figures.
// Internal: included by the models' .cpp files only (it pulls in shared/).
#pragma once

#include "records.h"

#include "floorwalk/indicators.h"

class LocalStore;

namespace IndicatorInput {

// Everything the phone's figures read, loaded once per refresh: units, employees, the model, the signed-in user,
// and every current observation and activity, including the manager's unsent ones (the figures work offline).
struct Snapshot {
    QList<UnitRecord> units;
    QList<EmployeeRecord> employees;
    ModelInfo model;
    UserInfo user;
    OrgSettings settings;
    QList<ObservationRecord> observations;
    QList<ActivityRecord> activities;
};
[[nodiscard]] Snapshot load(const LocalStore &store);

// The shared code's input; units whose parent the phone does not hold are detached as roots.
[[nodiscard]] floorwalk::IndicatorInput build(const Snapshot &snapshot);
[[nodiscard]] floorwalk::IndicatorInput build(const LocalStore &store);

// The top units of what the phone holds: every unit whose parent it does not hold.
[[nodiscard]] std::vector<std::string> rootUnits(const floorwalk::IndicatorInput &input);

// Per-employee facts at `at`, over all root units: levels per model dimension and "accompanied in [from, to)".
[[nodiscard]] std::unordered_map<std::string, floorwalk::EmployeeFacts>
factsByEmployee(const floorwalk::IndicatorInput &input, const floorwalk::IndicatorParams &params);

// The window W and the parameters the phone uses: assessments at `now` over W days, activity over the last
// `periodDays`.
[[nodiscard]] floorwalk::IndicatorParams paramsAt(const QDateTime &now, int periodDays);

}  // namespace IndicatorInput
