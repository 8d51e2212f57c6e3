// The benchmark's organisation and its observations, generated deterministically from the options and the seed,
// so that the HTTP ingest and the raw SQLite insert write the very same rows.
//
// Layout: root ORG > regions R0001.. > stores S0001.. > teams T0001.. > employees E000001.., each level spread
// evenly over the one above. One manager per store (manager-S0001, covering its teams). Dimensions dim1..dimN on
// a 1-4 scale with threshold 3.
#pragma once

#include "bench_options.h"
#include "floorwalk/domain.h"
#include "storage/store.h"

#include <string>
#include <vector>

namespace floorwalk::bench {

inline constexpr const char* organization_name = "bench";
inline constexpr const char* bench_password = "bench-password";

class BenchOrganization {
public:
    BenchOrganization(const BenchOptions& options, Timestamp now);

    // Creates the organisation with its units, employees, model and users in `store`; returns its id.
    std::string create(server::Store& store) const;

    [[nodiscard]] const std::vector<Unit>& units() const { return units_; }
    [[nodiscard]] const std::vector<Employee>& employees() const { return employees_; }
    [[nodiscard]] int stores() const { return options_.stores; }
    [[nodiscard]] std::string manager_username(int store) const;
    [[nodiscard]] std::string root_id() const { return "ORG"; }
    [[nodiscard]] std::string region_id(int region) const;
    [[nodiscard]] std::string store_id(int store) const;

    // Number of push batches for `observations` observations, and batch `index` (observations of the employees
    // of store index % stores, observed in the year before `now`). Observer ids are left to the store.
    [[nodiscard]] long long batch_count(long long observations) const;
    [[nodiscard]] int batch_store(long long index) const { return static_cast<int>(index % options_.stores); }
    [[nodiscard]] std::vector<Observation> batch(long long index, long long observations) const;

private:
    BenchOptions options_;
    Timestamp now_;
    std::vector<Unit> units_;
    std::vector<Employee> employees_;
    std::vector<std::pair<int, int>> store_employees_;  // [first, end) in employees_, per store
};

}  // namespace floorwalk::bench
