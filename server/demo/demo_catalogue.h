// The demo organisation's fixed content: regions, stores with their learning curves, names, the experience model
// and the phrases managers write. Everything random about the demo is drawn in demo_records.cpp from this.
#pragma once

#include "floorwalk/domain.h"

#include <string>
#include <string_view>
#include <vector>

namespace floorwalk::server::demo {

inline constexpr std::string_view organization_name = "demo";
inline constexpr std::string_view root_unit_id = "demo-retail";
// Every demo account signs in with this password (documented in demo_data.h and printed by the CLI).
inline constexpr std::string_view password = "demo1234";

struct DemoRegion {
    std::string id;
    std::string name;
};

// A store and its learning curve: the share of mastered ratings follows
// floor + (ceiling - floor) / (1 + exp(-slope * (week - midpoint))), with week 0 the first demo week.
struct DemoStore {
    std::string id;
    std::string name;
    std::string region_id;
    std::string manager_username;
    std::string manager_name;
    int employees = 0;
    double midpoint_week = 0;
    double slope = 0;
    double ceiling = 0;
};

struct DemoDirector {
    std::string username;
    std::string name;
    std::vector<std::string> region_ids;
};

inline constexpr double curve_floor = 0.12;

[[nodiscard]] const std::vector<DemoRegion>& regions();
[[nodiscard]] const std::vector<DemoStore>& stores();
[[nodiscard]] const std::vector<DemoDirector>& directors();

[[nodiscard]] const std::vector<std::string>& first_names();
[[nodiscard]] const std::vector<std::string>& last_names();
[[nodiscard]] const std::vector<std::string>& job_titles();  // the first is the most common

// Six dimensions (welcome, needs discovery, advice, closing, farewell, loyalty) on a 1..4 scale, threshold 3.
[[nodiscard]] ExperienceModel model();
// How much easier (positive) or harder (negative) than average each dimension is to master, in model order.
[[nodiscard]] const std::vector<double>& dimension_ease();

[[nodiscard]] const std::vector<std::string>& praise_comments();       // for a good observation, FR and EN
[[nodiscard]] const std::vector<std::string>& improvement_comments();  // for one that needs work
[[nodiscard]] const std::vector<std::string>& coaching_actions();
[[nodiscard]] const std::vector<std::string>& activity_notes(ActivityKind kind);

}  // namespace floorwalk::server::demo
