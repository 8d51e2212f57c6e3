// Everything the demo writes, computed in memory first: the organisation's rows, each manager's records and the
// KPIs. Deterministic for a seed and `now`; create_demo then writes it through the Store.
#pragma once

#include "floorwalk/domain.h"

#include <cstdint>
#include <string>
#include <vector>

namespace floorwalk::server::demo {

inline constexpr int weeks_of_history = 26;  // six months up to the current week

// What one store manager pushes: first his records, then (in a later push) his edits and deletions.
struct ManagerRecords {
    std::string username;
    std::vector<Observation> observations;
    std::vector<CoachingActivity> activities;
    std::vector<Observation> revisions;  // revision 2 of some observations: an edit or a tombstone
};

struct DemoPlan {
    std::vector<Unit> units;
    std::vector<Employee> employees;
    std::vector<ManagerRecords> managers;  // one per store, in store order
    std::vector<KpiValue> kpis;
};

// The share of mastered ratings in store `store_index` at `week` (0 = first demo week; fractions allowed).
[[nodiscard]] double store_progress(std::size_t store_index, double week);

// Records name `model_version`, the stored version of the demo model.
[[nodiscard]] DemoPlan plan_demo(Timestamp now, std::uint32_t seed, int model_version);

}  // namespace floorwalk::server::demo
