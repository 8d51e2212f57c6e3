// Validation of domain records. Each failure names the field and the rule in words a person can act on.
#pragma once

#include "floorwalk/domain.h"
#include "floorwalk/unit_tree.h"

#include <string>
#include <vector>

namespace floorwalk {

struct ValidationError {
    std::string code;     // stable, e.g. "rating_level_out_of_scale"
    std::string field;    // e.g. "ratings[2].level"
    std::string message;  // e.g. "level 7 is outside the model's scale 1..4"
    friend bool operator==(const ValidationError&, const ValidationError&) = default;
};
using ValidationErrors = std::vector<ValidationError>;

inline constexpr std::size_t max_comment_length = 2000;  // in Unicode code points
inline constexpr std::size_t max_note_length = 2000;
inline constexpr auto max_clock_skew = std::chrono::hours(24);

[[nodiscard]] bool is_uuid(std::string_view text);  // canonical 8-4-4-4-12 hex form, any version

// Record-level rules that need no stored state: ids, revision numbering, ratings against the model's scale,
// duplicate dimensions, at least one rating, observed_at not more than 24 h after `now`, text lengths.
// The caller checks what needs the database (employee exists and is in scope, model version known).
[[nodiscard]] ValidationErrors validate_observation(const Observation& observation, const ExperienceModel& model,
                                                    Timestamp now);
[[nodiscard]] ValidationErrors validate_activity(const CoachingActivity& activity, Timestamp now);

// The experience model: id, name, >=1 dimension with unique non-empty ids, >=2 strictly increasing levels with
// labels, a threshold that is one of the levels.
[[nodiscard]] ValidationErrors validate_model(const ExperienceModel& model);
[[nodiscard]] ValidationErrors validate_unit(const Unit& unit);
[[nodiscard]] ValidationErrors validate_employee(const Employee& employee);
[[nodiscard]] ValidationErrors validate_user(const User& user);
[[nodiscard]] ValidationErrors validate_kpi(const KpiValue& kpi);
[[nodiscard]] ValidationErrors validate_settings(const OrganizationSettings& settings);

}  // namespace floorwalk
