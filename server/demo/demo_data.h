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

// Creates (or refreshes) the demo organisation "demo" in `store`: 3 regions (Île-de-France, Auvergne-Rhône-Alpes,
// Provence-Alpes-Côte d'Azur), 12 stores, 81 employees (2 of whom left during the period and are inactive), 12
// store managers, 2 directors, 1 HQ analyst, 1 admin, a 6-dimension model with behaviours on a 1..4 scale
// (threshold 3), 26 weeks up to `now` of observations and coaching activities whose mastery rises along a
// different learning curve in each store (a few observations are later edited or deleted, as on a phone), and
// monthly KPIs (nps, csat, sales, averageBasket) per store that follow the store's mastery one month earlier.
// Records go through Store::push as their managers, so they obey every rule a phone's do. Deterministic for a
// given seed and `now`; it takes well under a few seconds.
//
// Accounts (every password is "demo1234"): "admin", "hq", "director.north" (Île-de-France), "director.south"
// (the two southern regions), "manager" (Paris Opéra) and "manager.<store>" for the other stores, e.g.
// "manager.part-dieu"; the summary lists them all.
//
// Refresh, when the organisation "demo" already exists: units, employees and users are upserted (unchanged rows
// are left alone), every demo password is reset to "demo1234", the settings go back to their defaults, and the
// model is imported as a new version only when the stored latest version differs. Observations, activities and
// KPIs are generated only while the organisation holds no observation, so a refresh never duplicates the
// history, and what people recorded in the demo is kept. The summary counts what the organisation holds.
// Throws std::logic_error if the store refuses a demo row or record (a bug in the demo, never expected).
DemoSummary create_demo(Store& store, Timestamp now, std::uint32_t seed = 20261128);

}  // namespace floorwalk::server
