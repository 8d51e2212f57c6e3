// The demo organisation: a realistic, deterministic data set for trying Floorwalk and for the dashboard tests.
#pragma once

#include "floorwalk/domain.h"
#include "storage/store.h"

#include <cstdint>
#include <string>
#include <vector>

namespace floorwalk::server {

struct DemoAccount {
    std::string username;
    std::string password;
    Role role = Role::unspecified;
    std::string description;  // "store manager, Lyon Part-Dieu"
};

struct DemoSummary {
    std::string organization;  // the name to log in with
    std::vector<DemoAccount> accounts;
    int units = 0;
    int employees = 0;
    int observations = 0;
    int activities = 0;
};

// Creates (or refreshes) the demo organisation "demo" in `store`: 3 regions, ~12 stores, ~80 employees, ~12
// store managers, 2 directors, 1 HQ analyst, 1 admin, a 6-dimension model with behaviours, six months up to `now`
// of observations and coaching whose mastery rises unevenly across stores, and monthly KPIs. Records go through
// Store::push as their managers, so they obey every rule a phone's do. Deterministic for a given seed and `now`.
DemoSummary create_demo(Store& store, Timestamp now, std::uint32_t seed = 20261128);

}  // namespace floorwalk::server
